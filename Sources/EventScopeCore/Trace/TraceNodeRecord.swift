/// One retained event of a trace chain, stored by value in the index's flat node pool.
///
/// Names are interned ids and ids are packed, so a node holds no references except for the
/// rare id that is not hex; freeing a node only unlinks it (`chain` -1), and its ids are
/// released when the slot is reused. Fields are declared so the small ones fill the padding
/// after each 18-byte id (136 bytes a node instead of 152):
/// the pool is the largest part of the index and eviction walks it in no cache-friendly order.
struct TraceNodeRecord {
    var eventId: TraceIdentifier?
    var link: TraceLinkKind?
    /// The context names a span but no parent (W3C, B3 from OpenTelemetry, Jaeger parent 0), so the parent may be inferred.
    var inferable = false
    var partition: Int32 = 0
    var spanId: TraceIdentifier?
    var invalid = false
    var topic: Int32 = TraceStringTable.absentId
    /// Declared causation id whose event has not been linked yet.
    var pendingCausation: TraceIdentifier?
    var type: Int32 = TraceStringTable.absentId
    /// Declared parent span that has not been linked yet.
    var pendingParentSpan: TraceIdentifier?
    var principal: Int32 = TraceStringTable.absentId
    var offset: Int64 = 0
    var timeMs: Int64 = 0
    var service: Int32 = TraceStringTable.absentId
    /// The chain holding the node; -1 for a free slot.
    var chain: Int32 = -1
    var parent: Int32 = -1
    /// Next node of the chain in arrival order; for a free node, the next free node.
    var next: Int32 = -1
    var previous: Int32 = -1

    static let unused = TraceNodeRecord()

    /// Waiting for a declared parent, so arriving events must be checked against it.
    var isWaiting: Bool { pendingCausation != nil || pendingParentSpan != nil }

    /// Declares an exact parent that is not linked exactly (the chain is broken if it stays so).
    var isUnresolved: Bool { isWaiting && !(link?.isExact ?? false) }
}
