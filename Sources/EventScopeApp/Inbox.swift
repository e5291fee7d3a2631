import Dispatch
import EventScopeCore
import Synchronization

/// What source threads hand to the app loop.
public enum InboxItem: Sendable {
    /// Records, decoded events, audit lines or written event lines, for the pipeline.
    case batch(sourceID: Int, IngestBatch)
    case state(sourceID: Int, SourceState)
    case lag(sourceID: Int, Int64)
    /// Partitions of the selected topics the source does not read (over its partition cap).
    case unwatchedPartitions(sourceID: Int, Int)
    case log(sourceID: Int, String)
    /// A source's own figures for the Sources pane (a registry's cached schemas and errors).
    case detail(sourceID: Int, String)
}

/// The one hand-off point between source threads and the single-threaded app loop.
///
/// Producers append under a lock; the loop takes everything in one swap, so the lock is held
/// for a pointer exchange, not for the work. A bounded size would only move the loss from
/// here to the broker, so instead the consumer threads are throttled by `pendingRecords`.
public final class Inbox: Sendable {
    private let items = Mutex<[InboxItem]>([])
    private let pending = Atomic<Int>(0)
    /// Set while the loop waits in `waitForItems`; a post then wakes it through `wakeup`.
    private let loopWaiting = Atomic<Bool>(false)
    private let wakeup = DispatchSemaphore(value: 0)
    /// Event-line buffers the loop has written out, returned for the encoder to fill again.
    private let spareLineBuffers = Mutex<[[UInt8]]>([])
    /// Enough for the batches in flight between the encoder and the loop.
    static let maxSpareLineBuffers = 8
    /// Larger buffers (a burst of huge records) are let go rather than kept for the process's life.
    static let maxSpareLineBufferBytes = 16 << 20

    public init() {}

    /// An empty buffer for encoded event lines, with the capacity of one written out before
    /// when there is one: multi-megabyte allocations per batch cost page faults and heap
    /// consolidation (next to the client library's many small ones) on the headless path.
    public func takeLineBuffer() -> [UInt8] {
        guard var buffer = spareLineBuffers.withLock({ $0.popLast() }) else { return [] }
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// Hands back the lines of an `.eventLines` batch once they are written.
    public func recycleLineBuffer(_ buffer: [UInt8]) {
        spareLineBuffers.withLock { spares in
            if spares.count < Self.maxSpareLineBuffers, buffer.capacity <= Self.maxSpareLineBufferBytes { spares.append(buffer) }
        }
    }

    public func post(_ item: InboxItem) {
        let count = item.recordCount
        if count > 0 { pending.add(count, ordering: .relaxed) }
        items.withLock { $0.append(item) }
        if loopWaiting.exchange(false, ordering: .acquiringAndReleasing) { wakeup.signal() }
    }

    /// Waits until something is posted or `timeoutMs` passes (returns at once if items wait).
    ///
    /// A wake-up rather than a fixed nap: a loop that slept a few milliseconds whenever it found
    /// nothing would leave a source that had just posted a large batch backed up
    /// (`pendingRecords`) for that long, over and over, while the cores idled.
    public func waitForItems(timeoutMs: Int) {
        loopWaiting.store(true, ordering: .sequentiallyConsistent)
        // Checked after announcing the wait, so a post in between is seen here or wakes the wait.
        if !items.withLock({ $0.isEmpty }) {
            finishWaiting()
            return
        }
        if wakeup.wait(timeout: .now() + .milliseconds(timeoutMs)) == .timedOut { finishWaiting() }
    }

    /// Withdraws the announced wait; if a post already took it, its signal is due and is taken
    /// here, so it cannot cut a later wait short.
    private func finishWaiting() {
        if !loopWaiting.exchange(false, ordering: .acquiringAndReleasing) { wakeup.wait() }
    }

    /// Takes everything posted so far.
    public func drain() -> [InboxItem] {
        let taken = items.withLock { list -> [InboxItem] in
            let out = list
            list.removeAll(keepingCapacity: true)
            return out
        }
        var count = 0
        for item in taken { count += item.recordCount }
        if count > 0 { pending.subtract(count, ordering: .relaxed) }
        return taken
    }

    /// Records posted and not yet drained; sources wait while this is high (backpressure).
    public var pendingRecords: Int { pending.load(ordering: .relaxed) }
}

extension InboxItem {
    /// Records this item carries (what backpressure counts: audit file lines are not records
    /// a consumer could be throttled for).
    var recordCount: Int {
        switch self {
        case .batch(_, .auditLines): 0
        case .batch(_, let batch): batch.count
        case .state, .lag, .unwatchedPartitions, .log, .detail: 0
        }
    }

    /// This item cut into items of at most `maxCount` records or lines each, so a loop with a
    /// deadline can stop inside a large batch; other items come back whole.
    func chunked(maxCount: Int) -> [InboxItem] {
        guard case .batch(let sourceID, let batch) = self else { return [self] }
        return batch.slices(maxCount: maxCount).map { .batch(sourceID: sourceID, $0) }
    }
}
