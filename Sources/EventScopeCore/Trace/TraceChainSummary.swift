/// One line of the Traces list: a chain at a glance.
public struct TraceChainSummary: Sendable, Equatable {
    /// The chain key: the trace id, else the correlation id.
    public var key: String
    /// Event type of the earliest root.
    public var rootType: String?
    /// Distinct producer principals on the chain, in order of first appearance.
    public var principals: [String]
    /// Distinct declared sources (services) on the chain, in order of first appearance.
    public var services: [String]
    /// Events (hops) retained in the chain.
    public var hops: Int
    /// Latest event time minus earliest event time.
    public var durationMs: Int64
    /// Earliest event time of the chain.
    public var startMs: Int64
    public var status: TraceChainStatus
    /// The `nowMs` of the chain's latest insert.
    public var lastActivityMs: Int64
    /// Events of this chain dropped over the per-chain node cap.
    public var droppedNodes: Int
    /// Whether any link in the chain is inferred rather than exact.
    public var hasInferredLinks: Bool
    /// Hops whose declared exact parent has not been seen (yet).
    public var unresolvedHops: Int
}
