/// What a rollup reader builds besides the totals: the dashboard's model, fed from the
/// committed rollups as it is fed from the topics when reading them directly.
public protocol RollupModel: AnyObject {
    /// `count` events of one topic, type, declared source and format, `bytes` in all.
    func rollupEvents(_ count: UInt64, bytes: UInt64, topic: String, type: String?, source: String?, format: EventFormat, nowMs: Int64)
    /// A decision: denied ones one by one, allowed ones merged (`count`) per principal,
    /// operation and resource.
    func rollupDecision(_ decision: Decision, nowMs: Int64)
    /// A finding as an agent's engine had it (its JSON line), with its occurrences new in the interval.
    func rollupFinding(_ finding: JSONValue, new: UInt64, nowMs: Int64)
    /// One trace hop, as the event it was seen in (no payload).
    func rollupHop(_ event: Event, nowMs: Int64)
}
