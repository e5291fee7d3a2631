/// One hop of a chain as a row of an indented tree view with a timeline.
public struct TraceTreeRow: Sendable, Equatable {
    public var type: String?
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var eventId: String?
    public var spanId: String?
    /// Producer principal as supplied to `insert`.
    public var principal: String?
    /// Declared source of the event.
    public var service: String?
    /// Event time (the insert's `nowMs` when the event had none).
    public var timeMs: Int64
    /// Time since the parent hop; nil for a root. Negative when producer clocks disagree.
    public var latencyFromParentMs: Int64?
    /// How this hop was linked to its parent; nil for a root.
    public var link: TraceLinkKind?
    /// The hop declares a parent (causation id or parent span) that has not been seen.
    public var unresolvedParent: Bool
    public var invalid: Bool
    /// 0 for roots.
    public var depth: Int
    /// Last child of its parent (or the last root), which draws `└─` instead of `├─`.
    public var isLast: Bool
    /// Ready-made tree guide: `│  ` / `   ` per ancestor level, then `├─ ` or `└─ `; empty for roots.
    public var treePrefix: String
    /// Row index of the parent in `TraceChainView.rows`; nil for a root.
    public var parentRow: Int?
    /// Children shown (children deeper than the display depth are hidden).
    public var childCount: Int
    /// `timeMs` minus the chain's earliest event time.
    public var startOffsetMs: Int64
    /// Timeline bar for this hop as fractions (0...1) of the chain's duration: it starts at the
    /// parent's time and spans the latency from the parent (a root is a point at its own time).
    public var timelineStart: Double
    public var timelineWidth: Double
}
