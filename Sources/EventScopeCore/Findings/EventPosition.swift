/// Where an event sits in Kafka: enough to find it again (and to mark it in the trace index).
public struct EventPosition: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Packed as the event holds it, so a position made for every observed event costs no string.
    var packedEventId: TraceIdentifier?
    public var eventId: String? {
        get { packedEventId?.text }
        set { packedEventId = newValue.map(TraceIdentifier.init(wire:)) }
    }

    /// The event's own time, when it carried one.
    public var timeMs: Int64?

    public init(topic: String, partition: Int32, offset: Int64, eventId: String? = nil, timeMs: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        packedEventId = eventId.map(TraceIdentifier.init(wire:))
        self.timeMs = timeMs
    }

    /// The position of an event, with its id as the event holds it.
    init(of event: Event) {
        topic = event.topic
        partition = event.partition
        offset = event.offset
        packedEventId = event.packedId
        timeMs = event.timeMs
    }

    /// `orders/3@1042`, sanitised.
    public var summary: String {
        "\(TerminalText.escape(topic, limit: 100))/\(partition)@\(offset)"
    }
}
