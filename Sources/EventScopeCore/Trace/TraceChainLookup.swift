/// Hash lookups of one large chain: events by id, events by span id, and events waiting for a
/// parent by the id they wait for.
///
/// Small chains (almost all of them) are scanned linearly, which is faster than hashing and
/// allocates nothing; only a chain that outgrows `threshold` nodes gets this object, so a wide
/// or deep tree links each event in constant time instead of scanning the whole chain.
final class TraceChainLookup {
    static let threshold: Int32 = 16

    var byEventId: [TraceIdentifier: Int32] = [:]
    var bySpanId: [TraceIdentifier: Int32] = [:]
    var waiting: [TraceIdentifier: [Int32]] = [:]

    func add(node index: Int32, _ node: TraceNodeRecord) {
        if let id = node.eventId, byEventId[id] == nil { byEventId[id] = index }
        if let span = node.spanId, bySpanId[span] == nil { bySpanId[span] = index }
        addWaiting(node: index, node)
    }

    func addWaiting(node index: Int32, _ node: TraceNodeRecord) {
        if let wanted = node.pendingCausation { waiting[wanted, default: []].append(index) }
        if let wanted = node.pendingParentSpan, wanted != node.pendingCausation {
            waiting[wanted, default: []].append(index)
        }
    }
}
