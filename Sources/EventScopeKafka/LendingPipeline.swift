import CRdKafka
import Dispatch
import EventScopeCore
import Synchronization

/// Hands lent batches to a borrowing sink on a thread of its own, so the consumer thread
/// fetches and prepares the next batch (parsing and copying each message's headers) while the
/// sink decodes and encodes this one.
///
/// Two batches at most are in flight, each with its own lender and its own copy of the message
/// pointers. Batches reach the sink in the order they were taken. A batch's messages are
/// destroyed on the consumer thread, when its slot is next used or at `drain()`, which leaves
/// the sink's thread, the busier of the two, to decoding and encoding.
/// With the sink run inline, `bench consume` measured the consumer thread busy about half the
/// time: polling and encoding took turns on two cores.
final class LendingPipeline: @unchecked Sendable {
    typealias MessageList = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>

    private let sink: @Sendable (UnsafeBufferPointer<RecordView>) -> Void
    private let lenders: [RecordLender]
    private let messageLists: [MessageList]
    private let capacity: Int
    private var nextSlot = 0
    /// Messages of each slot's last batch, not destroyed yet (consumer thread only).
    private var undestroyed: [Int]
    /// Whether each slot's last batch has been through the sink (set on the queue).
    private let sinkDone: SinkCompletion
    private let queue = DispatchQueue(label: "evscope.kafka.lend")
    /// One permit per batch slot not in flight.
    private let freeSlots: DispatchSemaphore

    /// A pipeline for batches of at most `capacity` messages.
    init(capacity: Int, sink: @escaping @Sendable (UnsafeBufferPointer<RecordView>) -> Void) {
        let capacity = max(1, capacity)
        self.capacity = capacity
        self.sink = sink
        lenders = (0..<2).map { _ in RecordLender(capacity: capacity) }
        messageLists = (0..<2).map { _ in MessageList.allocate(capacity: capacity) }
        freeSlots = DispatchSemaphore(value: lenders.count)
        undestroyed = Array(repeating: 0, count: lenders.count)
        sinkDone = SinkCompletion(slots: lenders.count)
    }

    deinit {
        drain()
        messageLists.forEach { $0.deallocate() }
    }

    /// Takes over the first `count` (≤ capacity) messages: prepares their views here and hands
    /// them to the sink in the background, then destroys them. Waits while two batches are in flight.
    func lend(_ messages: MessageList, count: Int, copier: inout RecordCopier) {
        let count = min(count, capacity)
        freeSlots.wait()
        let slot = nextSlot
        nextSlot = (nextSlot + 1) % lenders.count
        let list = messageLists[slot], lender = lenders[slot]
        destroyMessages(ofSlot: slot)
        list.update(from: messages, count: count)
        undestroyed[slot] = count
        sinkDone.flags.withLock { $0[slot] = false }
        lender.fill(list, count: count, copier: &copier)
        queue.async { [sink, freeSlots, sinkDone] in
            lender.withViews(sink)
            sinkDone.flags.withLock { $0[slot] = true }
            freeSlots.signal()
        }
    }

    /// Destroys the messages of batches the sink is done with. The consumer calls it when a poll
    /// brings nothing: each message pins its whole fetch response, so an idle stream must not
    /// keep its last batches' responses alive until more records come.
    func releaseFinished() {
        let done = sinkDone.flags.withLock { $0 }
        for slot in lenders.indices where done[slot] && undestroyed[slot] > 0 { destroyMessages(ofSlot: slot) }
    }

    /// Returns once every batch taken so far has been through the sink, and destroys their
    /// messages. Call it from the thread that calls `lend`.
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
