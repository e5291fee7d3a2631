/// Bookkeeping of one retained trace chain, stored by value in the index's chain table.
struct TraceChainRecord {
    var key: TraceIdentifier
    // The flags sit in the padding after the 18-byte key (80 bytes a chain instead of 88).
    var awaitingEmission = false
    var invalid = false
    var first: Int32 = -1
    var last: Int32 = -1
    var nodeCount: Int32 = 0
    /// Nodes waiting for a declared parent (see `TraceNodeRecord.isWaiting`).
    var waitingCount: Int32 = 0
    var droppedNodes: Int32 = 0
    // Intrusive doubly linked lists: activity order for eviction (also the free list, through
    // `lruNext`) and the unemitted chains in activity order for `idleChains`.
    var lruPrevious: Int32 = -1
    var lruNext: Int32 = -1
    var emitPrevious: Int32 = -1
    var emitNext: Int32 = -1
    var maxTimeMs = Int64.min
    var lastActivityMs: Int64 = 0
    /// Hash lookups, built only once a chain outgrows a linear scan.
    var lookup: TraceChainLookup?

    init(key: TraceIdentifier) {
        self.key = key
    }

    /// The key of a slot on the free list; never a real chain's (empty ids do not parse).
    static let freeKey = TraceIdentifier.text("")

    /// Whether this slot is on the free list rather than holding a chain.
    var isFree: Bool { key == Self.freeKey }
}
