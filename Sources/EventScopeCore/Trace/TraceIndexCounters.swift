/// Running totals of a `TraceIndex`, shown so the UI can say what was evicted or dropped.
public struct TraceIndexCounters: Sendable, Equatable {
    /// Chains retained now.
    public var chains = 0
    /// Events retained now, across all chains.
    public var nodes = 0
    /// Chains evicted (least recently active first) to stay under the chain or node cap.
    public var evictedChains = 0
    /// Of those, chains evicted before `idleChains`/`allUnemitted` handed them out.
    public var evictedBeforeEmission = 0
    /// Events dropped because their chain was at its node cap.
    public var droppedNodes = 0
    /// Events seen again (same topic/partition/offset, or same event id in the chain).
    public var duplicates = 0
    /// Events with no usable trace or correlation id.
    public var untraced = 0
    /// Ids ignored as malformed or all zeros (trace, span, parent, causation, event ids).
    public var ignoredIds = 0
    /// References to the event's own id or span id, ignored.
    public var selfReferences = 0
    /// Exact links refused because they would have made a node its own ancestor.
    public var cyclesRefused = 0
    /// Names that did not fit the name table and show as a placeholder.
    public var nameOverflows = 0

    public init() {}
}
