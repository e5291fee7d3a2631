/// Lazy access to one event's payload: the bytes are located at once, parsed at most once and
/// only when a rule asks.
struct PayloadAccess {
    /// Where the payload's path comes from: fixed by the event form, or the key before the
    /// payload in a decoded schema value, read back only when a finding needs the path (most
    /// events raise none, and building it allocated a string for every schema event).
    private enum Root {
        case fixed(String)
        case keyBefore(Int, in: [UInt8])
    }

    private let root: Root
    private let bytes: ArraySlice<UInt8>
    private let parser: JSONParser
    private var parsed: JSONValue??
    private(set) var didParse = false

    init(event: Event, record: Record, parser: JSONParser) {
        let value = record.value ?? []
        if let range = event.payloadRange, range.lowerBound >= 0, range.upperBound <= value.count {
            bytes = value[range]
            switch event.format {
            case .envelope: root = .fixed("$.payload")
            case .cloudEventsStructured: root = .fixed("$.data")
            case .avro, .protobuf, .jsonSchema: root = .keyBefore(range.lowerBound, in: value)
            default: root = .fixed("$")
            }
        } else {
            bytes = value[...]
            root = .fixed("$")
        }
        self.parser = parser
    }

    /// JSON path of the payload inside the record value (`$.payload`, `$.data`, or `$`).
    var rootPath: String {
        switch root {
        case .fixed(let path): path
        case .keyBefore(let start, let value): Self.fieldPath(before: start, in: value)
        }
    }

    /// The path of the top-level field whose value starts at `start` (`"key": value`), read
    /// back from the bytes: a decoded schema payload may hold its payload under any of the
    /// envelope's payload names. "$" when the bytes before are not a plain key.
    static func fieldPath(before start: Int, in value: [UInt8]) -> String {
        var index = start - 1
        func skipBlanks() { while index >= 0, value[index] == 0x20 || value[index] == 0x0A || value[index] == 0x0D || value[index] == 0x09 { index -= 1 } }
        skipBlanks()
        guard index >= 0, value[index] == UInt8(ascii: ":") else { return "$" }
        index -= 1
        skipBlanks()
        guard index >= 0, value[index] == UInt8(ascii: "\"") else { return "$" }
        let end = index
        index -= 1
        while index >= 0, value[index] != UInt8(ascii: "\""), value[index] != UInt8(ascii: "\\") { index -= 1 }
        guard index >= 0, value[index] == UInt8(ascii: "\""), index + 1 < end else { return "$" }
        return "$." + String(decoding: value[(index + 1)..<end], as: UTF8.self)
    }

    /// The parsed payload, or nil when it is not JSON (or exceeds the parser's limits).
    var value: JSONValue? {
        mutating get {
            if let parsed { return parsed }
            didParse = true
            let result = try? parser.parse(bytes)
            parsed = .some(result)
            return result
        }
    }

    /// The payload as text when it is valid UTF-8 (for non-JSON bodies).
    var text: String? {
        bytes.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) } ?? String(validating: Array(bytes), as: UTF8.self)
    }

    /// PII's cheap pre-filter over the raw bytes, so most payloads are never parsed for it.
    var mightContainPII: Bool {
        bytes.withContiguousStorageIfAvailable { PIIDetector.mightContain($0) } ?? Array(bytes).withUnsafeBufferPointer { PIIDetector.mightContain($0) }
    }

    /// The parsed payload for a finding's example, when small enough to keep.
    mutating func example(limit: Int) -> JSONValue? {
        guard bytes.count <= limit else { return nil }
        return value
    }
}
