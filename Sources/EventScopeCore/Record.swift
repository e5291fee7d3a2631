/// One Kafka record header: names may repeat and values are raw bytes (or null).
public struct RecordHeader: Sendable, Equatable {
    public let name: String
    public let value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ text: String) {
        self.name = name
        self.value = Array(text.utf8)
    }
}

/// One Kafka message as consumed, copied out of the client library into plain Swift values.
///
/// Sources (a Kafka consumer, a replayed recording, a test) all produce `Record`s, so the
/// decoding pipeline behind them is the same whatever the bytes came from.
public struct Record: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Record timestamp in epoch milliseconds, or nil when the broker gave none.
    public var timestampMs: Int64?
    public var key: [UInt8]?
    public var headers: [RecordHeader]
    public var value: [UInt8]?
    /// Set when the value was in the Confluent wire format and went through a `SchemaResolver`:
    /// the value then holds the decoded JSON, or the wire bytes still when `problem` says why not.
    public var schema: RecordSchema?

    public init(
        topic: String, partition: Int32 = 0, offset: Int64 = 0, timestampMs: Int64? = nil,
        key: [UInt8]? = nil, headers: [RecordHeader] = [], value: [UInt8]? = nil, schema: RecordSchema? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestampMs = timestampMs
        self.key = key
        self.headers = headers
        self.value = value
        self.schema = schema
    }

    /// The value of the last header with this name (ASCII case-insensitive), as producers that
    /// overwrite a header append a new one.
    public func header(_ name: String) -> [UInt8]? {
        for header in headers.reversed() where header.name.utf8.count == name.utf8.count {
            if header.name.lowercased() == name.lowercased() { return header.value }
        }
        return nil
    }

    /// The header's value as text, when it is valid UTF-8.
    public func headerText(_ name: String) -> String? {
        guard let bytes = header(name) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
