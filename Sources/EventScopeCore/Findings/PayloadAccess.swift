/// Lazy access to one event's payload: the bytes are located at once, parsed at most once and
/// only when a rule asks.
struct PayloadAccess {
    /// JSON path of the payload inside the record value (`$.payload`, `$.data`, or `$`).
    let rootPath: String
    private let bytes: ArraySlice<UInt8>
    private let parser: JSONParser
    private var parsed: JSONValue??
    private(set) var didParse = false

    init(event: Event, record: Record, parser: JSONParser) {
        let value = record.value ?? []
        if let range = event.payloadRange, range.lowerBound >= 0, range.upperBound <= value.count {
            bytes = value[range]
            switch event.format {
            case .envelope: rootPath = "$.payload"
            case .cloudEventsStructured: rootPath = "$.data"
            default: rootPath = "$"
            }
        } else {
            bytes = value[...]
            rootPath = "$"
        }
        self.parser = parser
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
