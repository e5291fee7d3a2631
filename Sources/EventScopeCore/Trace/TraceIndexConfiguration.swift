/// Caps and timeouts of a `TraceIndex`; the defaults are the documented memory bounds.
///
/// Memory is bounded by `maxChains` and `maxNodes` whatever the input rate: a retained node is a
/// ~136-byte struct plus a 16-byte position entry, a chain an 80-byte struct plus an 8-byte
/// hash-table entry (entries of evicted ones linger until swept, at 1.5 times the node cap and
/// twice the chain cap). Measured with the
/// earlier cap of 100,000 chains: one million distinct single-event traces added about 40 MB to
/// the process's peak RSS; the cap was halved so the whole process stays under 150 MB.
public struct TraceIndexConfiguration: Sendable, Equatable {
    /// Chains retained; past it the least recently active chain is evicted.
    public var maxChains: Int
    /// Events retained across all chains; past it least recently active chains are evicted.
    public var maxNodes: Int
    /// Events retained in one chain; later events of a full chain are dropped and counted.
    public var maxNodesPerChain: Int
    /// Depth shown in trees and emitted in JSON; deeper hops are counted as hidden. Kept well
    /// under common JSON parsers' nesting limits (each level nests two JSON containers).
    public var maxDisplayDepth: Int
    /// A chain with no new event for this long is no longer open (complete or broken).
    public var idleTimeoutMs: Int64
    /// How many of a chain's latest events an inferred link looks back over for one that the
    /// producer consumed, which bounds the work per insert on very long chains.
    public var inferenceWindow: Int
    /// Distinct names (types, topics, principals, services) kept for display.
    public var maxNames: Int
    /// Denied publishes remembered for the `denied` status.
    public var maxDeniedPublishes: Int

    public init(
        maxChains: Int = 50_000, maxNodes: Int = 150_000, maxNodesPerChain: Int = 4_096,
        maxDisplayDepth: Int = 128, idleTimeoutMs: Int64 = 5_000, inferenceWindow: Int = 64,
        maxNames: Int = 262_144, maxDeniedPublishes: Int = 1_024
    ) {
        self.maxChains = max(1, maxChains)
        self.maxNodes = max(1, maxNodes)
        self.maxNodesPerChain = max(1, maxNodesPerChain)
        self.maxDisplayDepth = max(1, maxDisplayDepth)
        self.idleTimeoutMs = max(0, idleTimeoutMs)
        self.inferenceWindow = max(1, inferenceWindow)
        self.maxNames = max(1, maxNames)
        self.maxDeniedPublishes = max(1, maxDeniedPublishes)
    }
}
