/// A chain as a tree, flattened in display order for the Traces screen and the JSON output.
///
/// Rows are in pre-order: each root (earliest first) followed by its subtree, children ordered
/// by event time and then arrival. A chain has several roots when some hop's parent was never
/// seen (an orphan) or when several events declare no parent.
public struct TraceChainView: Sendable, Equatable {
    public var summary: TraceChainSummary
    public var rows: [TraceTreeRow]
    /// Number of roots among `rows` (depth 0).
    public var rootCount: Int
    /// Hops deeper than the display depth, left out of `rows`.
    public var hiddenBeyondDepth: Int
    /// The denied publishes the `denied` status rests on, with the hop each is tied to and why.
    public var denials: [TraceChainDenial] = []
}
