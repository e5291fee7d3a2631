/// Where an event sits in Kafka: enough to find it again (and to mark it in the trace index).
public struct EventPosition: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var eventId: String?

    public init(topic: String, partition: Int32, offset: Int64, eventId: String? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.eventId = eventId
    }

    /// `orders/3@1042`, sanitised.
    public var summary: String {
        "\(TerminalText.escape(topic, limit: 100))/\(partition)@\(offset)"
    }
}
