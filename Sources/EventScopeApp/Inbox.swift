import EventScopeCore
import Synchronization

/// What source threads hand to the app loop.
public enum InboxItem: Sendable {
    case records(sourceID: Int, [Record])
    /// Records whose events the source thread already decoded (`DecodedRecord.decode`).
    case decoded(sourceID: Int, [DecodedRecord])
    /// Events the source thread already wrote as headless output lines (`EventJSONLine`), `count` of them.
    case encodedEvents(sourceID: Int, lines: [UInt8], count: Int)
    case auditLines(sourceID: Int, [[UInt8]])
    case state(sourceID: Int, SourceState)
    case lag(sourceID: Int, Int64)
    /// Partitions of the selected topics the source does not read (over its partition cap).
    case unwatchedPartitions(sourceID: Int, Int)
    case log(sourceID: Int, String)
}

/// The one hand-off point between source threads and the single-threaded app loop.
///
/// Producers append under a lock; the loop takes everything in one swap, so the lock is held
/// for a pointer exchange, not for the work. A bounded size would only move the loss from
/// here to the broker, so instead the consumer threads are throttled by `pendingRecords`.
public final class Inbox: Sendable {
    private let items = Mutex<[InboxItem]>([])
    private let pending = Atomic<Int>(0)

    public init() {}

    public func post(_ item: InboxItem) {
        let count = item.recordCount
        if count > 0 { pending.add(count, ordering: .relaxed) }
        items.withLock { $0.append(item) }
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
    /// Records this item carries (what backpressure counts).
    var recordCount: Int {
        switch self {
        case .records(_, let records): records.count
        case .decoded(_, let records): records.count
        case .encodedEvents(_, _, let count): count
        case .auditLines, .state, .lag, .unwatchedPartitions, .log: 0
        }
    }
}
