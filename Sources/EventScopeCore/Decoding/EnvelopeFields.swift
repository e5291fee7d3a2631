/// Which JSON fields of an event envelope hold its type, id, source, time, causation and payload.
///
/// Each role lists candidate paths, tried in order: the first one present in an event wins, so
/// the defaults accept the seed's `eventType` as well as the common `type` / `event_type` spellings.
/// Teams with other envelopes replace a role's candidates from the command line
/// (`--type-field payload.kind`, `--id-field meta.uuid,id`).
public struct EnvelopeFields: Sendable, Equatable {
    public var type: [FieldPath]
    public var id: [FieldPath]
    public var source: [FieldPath]
    public var time: [FieldPath]
    public var correlationId: [FieldPath]
    public var causationId: [FieldPath]
    public var payload: [FieldPath]

    public init(
        type: [FieldPath], id: [FieldPath], source: [FieldPath], time: [FieldPath],
        correlationId: [FieldPath], causationId: [FieldPath], payload: [FieldPath]
    ) {
        self.type = type
        self.id = id
        self.source = source
        self.time = time
        self.correlationId = correlationId
        self.causationId = causationId
        self.payload = payload
    }

    /// The seed's envelope and its common variants; CloudEvents extension names
    /// are lower case (`correlationid`), so those spellings are included too.
    public static let `default` = EnvelopeFields(
        type: paths("eventType", "type", "event_type"),
        id: paths("id", "eventId", "event_id"),
        source: paths("source", "producer"),
        time: paths("timestamp", "time", "eventTime"),
        correlationId: paths("correlationId", "correlation_id", "correlationid"),
        causationId: paths("causationId", "causation_id", "causationid"),
        payload: paths("payload", "data")
    )

    /// The command-line options `apply(option:value:)` understands.
    public static let optionNames = [
        "--type-field", "--id-field", "--source-field", "--time-field",
        "--correlation-field", "--causation-field", "--payload-field",
    ]

    /// Why a command-line field option was refused.
    public enum OptionError: Error, Equatable, CustomStringConvertible {
        case missingValue(option: String)
        case invalidPath(option: String, value: String)

        public var description: String {
            switch self {
            case .missingValue(let option): return "\(option) needs a field path, e.g. \(option) payload.kind"
            case .invalidPath(let option, let value):
                return "\(option): '\(value)' is not a field path (names joined by dots, at most \(FieldPath.maxSegments))"
            }
        }
    }

    /// Replaces one role's candidates from a CLI option; the value is one path or a comma-separated list.
    ///
    /// - Returns: false when the option is not one of `optionNames` (so callers can keep parsing).
    /// - Throws: `OptionError` when the value is empty or not a valid path.
    public mutating func apply(option: String, value: String) throws(OptionError) -> Bool {
        let role: WritableKeyPath<EnvelopeFields, [FieldPath]>
        switch option {
        case "--type-field": role = \.type
        case "--id-field": role = \.id
        case "--source-field": role = \.source
        case "--time-field": role = \.time
        case "--correlation-field": role = \.correlationId
        case "--causation-field": role = \.causationId
        case "--payload-field": role = \.payload
        default: return false
        }
        let candidates = value.split(separator: ",", omittingEmptySubsequences: false)
        guard !value.isEmpty else { throw .missingValue(option: option) }
        var parsed: [FieldPath] = []
        for candidate in candidates {
            guard let path = FieldPath(String(candidate)) else { throw .invalidPath(option: option, value: value) }
            parsed.append(path)
        }
        self[keyPath: role] = parsed
        return true
    }

    /// Takes the field options (`--type-field X` or `--type-field=X`) out of an argument list.
    ///
    /// - Returns: the resulting fields (defaults for roles not mentioned) and the other arguments, in order.
    public static func parse(_ arguments: [String], base: EnvelopeFields = .default) throws(OptionError) -> (
        fields: EnvelopeFields, remaining: [String]
    ) {
        var fields = base
        var remaining: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if let equals = argument.firstIndex(of: "="), optionNames.contains(String(argument[..<equals])) {
                _ = try fields.apply(option: String(argument[..<equals]), value: String(argument[argument.index(after: equals)...]))
            } else if optionNames.contains(argument) {
                guard index + 1 < arguments.count else { throw .missingValue(option: argument) }
                _ = try fields.apply(option: argument, value: arguments[index + 1])
                index += 1
            } else {
                remaining.append(argument)
            }
            index += 1
        }
        return (fields, remaining)
    }

    private static func paths(_ names: String...) -> [FieldPath] {
        names.compactMap(FieldPath.init)
    }
}
