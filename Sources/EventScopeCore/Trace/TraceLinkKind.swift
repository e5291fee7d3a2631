/// How a hop of a trace chain was linked to its parent, strongest first.
///
/// The kind travels with every link so an inference is never shown or emitted as a fact.
public enum TraceLinkKind: String, Sendable, CaseIterable {
    /// The child's `causationId` is the parent's event id: exact.
    case causation
    /// The child's B3 / uber-trace-id parent span is the parent's span id: exact.
    case span
    /// W3C context names no parent, so the parent is a guess: the latest earlier event of the
    /// chain that the child's producer consumes, else the latest earlier event of the chain.
    case inferred

    /// Whether the link was read from the headers rather than guessed.
    public var isExact: Bool { self != .inferred }
}
