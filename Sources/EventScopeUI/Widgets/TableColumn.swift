/// One column of a `Table`: its title and how it behaves as the width shrinks.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    /// Columns narrower than this are dropped instead.
    public var minWidth: Int
    /// The width the column gets, by priority, before any column grows to fit all of its text;
    /// a column whose text is narrower takes only what its text needs.
    public var preferredWidth: Int
    public var alignment: Alignment
    /// Lower numbers are more important; the highest number is dropped first.
    public var priority: Int
    /// Whether this column takes the space left over once every column has its preferred width.
    public var fills: Bool
    /// Where a value too wide for the column is cut.
    public var cut: TextFit.Cut

    public init(
        _ title: String, minWidth: Int, preferredWidth: Int? = nil, alignment: Alignment = .left, priority: Int = 0, fills: Bool = false,
        cut: TextFit.Cut = .end
    ) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.preferredWidth = max(self.minWidth, preferredWidth ?? minWidth)
        self.alignment = alignment
        self.priority = priority
        self.fills = fills
        self.cut = cut
    }
}
