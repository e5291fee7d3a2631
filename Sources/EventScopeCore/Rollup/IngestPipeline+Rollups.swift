/// Rollups into the model: counts, decisions and hops take the paths records take, so the
/// screens read them the same way.
extension IngestPipeline: RollupModel {
    public func rollupEvents(_ count: UInt64, bytes: UInt64, topic: String, type: String?, source: String?, format: EventFormat, nowMs: Int64) {
        eventsIngested &+= count
        if stages.contains(.aggregates) {
            store.ingest(events: count, bytes: bytes, topic: topic, type: type, source: source, format: format, nowMs: nowMs)
        }
        summary?.count(events: count, topic: topic, type: type ?? SummaryTally.untyped, source: source ?? SummaryTally.undeclared)
    }

    public func rollupDecision(_ decision: Decision, nowMs: Int64) {
        ingest(decision: decision, nowMs: nowMs)
    }

    public func rollupFinding(_ finding: JSONValue, new: UInt64, nowMs: Int64) {
        findings.absorb(finding, new: new, nowMs: nowMs)
    }

    public func rollupHop(_ event: Event, nowMs: Int64) {
        guard stages.contains(.traces) else { return }
        traceIndex.insert(event, principal: event.source.map { store.claimedPrincipal(forSource: $0) }, nowMs: nowMs)
    }
}
