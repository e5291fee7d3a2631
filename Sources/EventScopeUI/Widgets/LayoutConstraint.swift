/// How much of a split one region asks for.
public enum LayoutConstraint: Sendable, Equatable {
    /// Exactly this many cells (less only when the space runs out).
    case fixed(Int)
    /// At least this many cells, and a share of whatever is left like `fill(1)`.
    case min(Int)
    /// This percentage of the whole length, rounded down.
    case percentage(Int)
    /// A share of what is left after fixed, minimum and percentage regions, by weight.
    case fill(Int)
}
