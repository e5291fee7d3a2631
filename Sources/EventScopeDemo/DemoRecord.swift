import EventScopeCore

/// One record the demo world wants produced: the producer picks the partition from the key.
public struct DemoRecord: Sendable, Equatable {
    public var topic: String
    public var key: [UInt8]?
    public var headers: [RecordHeader]
    public var value: [UInt8]
    /// When the record is produced (epoch ms); use it as the record's CreateTime.
    ///
    /// Event envelopes carry their own declared time, which is earlier for a delayed parent.
    public var timestampMs: Int64

    public init(topic: String, key: [UInt8]?, headers: [RecordHeader], value: [UInt8], timestampMs: Int64) {
        self.topic = topic
        self.key = key
        self.headers = headers
        self.value = value
        self.timestampMs = timestampMs
    }

    /// The same content as a consumed `Record`, for feeding decoders without a broker.
    public func asRecord(partition: Int32 = 0, offset: Int64 = 0) -> Record {
        Record(
            topic: topic, partition: partition, offset: offset, timestampMs: timestampMs, key: key,
            headers: headers, value: value)
    }
}
