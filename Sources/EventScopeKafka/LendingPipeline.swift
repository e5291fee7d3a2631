import CRdKafka
import Dispatch
import EventScopeCore
import Synchronization

/// Publishes the result of one lent part of a batch; see `KafkaConsumer.Options.borrowingSink`.
public typealias LentPartPublisher = @Sendable () -> Void

/// Hands lent batches to a borrowing sink on a thread of its own, so the consumer thread
/// fetches and prepares the next batch (parsing and copying each message's headers) while the
/// sink decodes and encodes this one; the consumer thread also processes the first share of
/// each large batch itself, at the same time as the queue processes the rest.
///
/// Two batches at most are in flight, each with its own lender and its own copy of the message
/// pointers. Results are published on the queue in the order the records were taken: a
/// batch's share from the consumer thread, then the queue's part. A batch's messages are
/// destroyed on the consumer thread, when its slot is next used or at `drain()`, which leaves
/// the queue, the busier thread, to decoding and encoding.
final class LendingPipeline: @unchecked Sendable {
    typealias MessageList = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    typealias Sink = @Sendable (UnsafeBufferPointer<RecordView>, _ lane: Int) -> LentPartPublisher

    /// The consumer thread's own work (poll, headers, destroy) costs about half of the queue's
    /// (decode, encode) per record, so moving a quarter of the encoding to the consumer thread
    /// evens the two out on two cores.
    static let defaultConsumerShare = 0.25

    private let sink: Sink
    private let consumerShare: Double
    private let minimumSplit: Int
    private let lenders: [RecordLender]
    private let messageLists: [MessageList]
    /// Per slot: the consumer thread's publisher for that slot's batch, handed to the queue.
    private let handoffs: [PublisherHandoff]
    private let capacity: Int
    private var nextSlot = 0
    /// Messages of each slot's last batch, not destroyed yet (consumer thread only).
    private var undestroyed: [Int]
    /// Whether each slot's last batch has been through the sink (set on the queue).
    private let sinkDone: SinkCompletion
    private let queue = DispatchQueue(label: "evscope.kafka.lend")
    /// One permit per batch slot not in flight.
    private let freeSlots: DispatchSemaphore

    /// A pipeline for batches of at most `capacity` messages, the consumer thread processing
    /// `consumerShare` of those of at least `minimumSplit` messages.
    init(capacity: Int, consumerShare: Double, minimumSplit: Int, sink: @escaping Sink) {
        let capacity = max(1, capacity)
        self.capacity = capacity
        self.consumerShare = min(max(consumerShare, 0), 1)
        self.minimumSplit = max(1, minimumSplit)
        self.sink = sink
        lenders = (0..<2).map { _ in RecordLender(capacity: capacity) }
        messageLists = (0..<2).map { _ in MessageList.allocate(capacity: capacity) }
        handoffs = (0..<2).map { _ in PublisherHandoff() }
        freeSlots = DispatchSemaphore(value: lenders.count)
        undestroyed = Array(repeating: 0, count: lenders.count)
        sinkDone = SinkCompletion(slots: lenders.count)
    }

    deinit {
        drain()
        for list in messageLists { list.deallocate() }
    }

    /// Takes over the first `count` (≤ capacity) messages: prepares their views here, hands
    /// them to the sink in the background and processes the consumer's share here, then
    /// destroys them. Waits while two batches are in flight.
    func lend(_ messages: MessageList, count: Int, copier: inout RecordCopier) {
        let count = min(count, capacity)
        freeSlots.wait()
        let slot = nextSlot
        nextSlot = (nextSlot + 1) % lenders.count
        let list = messageLists[slot]
        let lender = lenders[slot]
        let handoff = handoffs[slot]
        destroyMessages(ofSlot: slot)
        list.update(from: messages, count: count)
        undestroyed[slot] = count
        sinkDone.flags.withLock { $0[slot] = false }
        lender.fill(list, count: count, copier: &copier)
        // Both threads only read the views, which stay valid until the queue releases them.
        nonisolated(unsafe) let views = lender.lentViews
        let own = views.count >= minimumSplit ? Int(Double(views.count) * consumerShare) : 0
        queue.async { [sink, freeSlots, sinkDone] in
            let publishRest = own < views.count ? sink(UnsafeBufferPointer(rebasing: views[own...]), 1) : nil
            // The consumer's share comes first; it is done with the views once it hands over.
            handoff.take()?()
            publishRest?()
            lender.release()
            sinkDone.flags.withLock { $0[slot] = true }
            freeSlots.signal()
        }
        handoff.put(own > 0 ? sink(UnsafeBufferPointer(rebasing: views[..<own]), 0) : nil)
    }

    /// Destroys the messages of batches the sink is done with. The consumer calls it when a poll
    /// brings nothing: each message pins its whole fetch response, so an idle stream must not
    /// keep its last batches' responses alive until more records come.
    func releaseFinished() {
        let done = sinkDone.flags.withLock { $0 }
        for slot in lenders.indices where done[slot] && undestroyed[slot] > 0 { destroyMessages(ofSlot: slot) }
    }

    /// Returns once every batch taken so far has been through the sink and published, and
    /// destroys their messages. Call it from the thread that calls `lend`.
    func drain() {
        queue.sync {}
        for slot in lenders.indices { destroyMessages(ofSlot: slot) }
    }

    /// Destroys the messages of the slot's last batch, which the sink is done with.
    private func destroyMessages(ofSlot slot: Int) {
        let list = messageLists[slot]
        for index in 0..<undestroyed[slot] { rd_kafka_message_destroy(list[index]) }
        undestroyed[slot] = 0
    }
}

/// Per-slot "the sink is done with this batch" flags, shared by reference with the queue's
/// closures (which must not hold the pipeline itself).
private final class SinkCompletion: Sendable {
    let flags: Mutex<[Bool]>

    init(slots: Int) {
        flags = Mutex(Array(repeating: false, count: slots))
    }
}

/// Carries the consumer thread's publisher for one batch to the queue, which waits for it.
private final class PublisherHandoff: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    /// Written by the consumer thread before `ready` is signalled, read by the queue after.
    private var publisher: LentPartPublisher?

    func put(_ publisher: LentPartPublisher?) {
        self.publisher = publisher
        ready.signal()
    }

    func take() -> LentPartPublisher? {
        ready.wait()
        defer { publisher = nil }
        return publisher
    }
}
