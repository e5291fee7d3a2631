/// One Kafka message lent by the client library for the duration of a single call, without
/// copying its bytes.
///
/// For readers that look at each record once and keep nothing of it (headless event output),
/// copying value and headers into a `Record` is most of the cost; a view avoids it. The
/// pointers are valid only inside the call that received the view: never store them.
public struct RecordView {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Record timestamp in epoch milliseconds, or nil when the broker gave none.
    public var timestampMs: Int64?
    public var value: UnsafeBufferPointer<UInt8>?
    public var headers: UnsafeBufferPointer<HeaderView>

    public init(
        topic: String, partition: Int32, offset: Int64, timestampMs: Int64?,
        value: UnsafeBufferPointer<UInt8>?, headers: UnsafeBufferPointer<HeaderView>
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestampMs = timestampMs
        self.value = value
        self.headers = headers
    }
}

/// One header of a `RecordView`, borrowed like the view itself.
public struct HeaderView {
    public var name: UnsafeBufferPointer<UInt8>
    public var value: UnsafeBufferPointer<UInt8>?

    public init(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
        self.name = name
        self.value = value
    }
}
