/// One column of a `Table`: its title and how it behaves as the width shrinks.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    /// Columns narrower than this are dropped instead.
    public var minWidth: Int
    /// The width the column gets when there is room.
    public var preferredWidth: Int
    public var alignment: Alignment
    /// Lower numbers are more important; the highest number is dropped first.
    public var priority: Int
    /// Whether this column takes the space left over once every column has its preferred width.
    public var fills: Bool

    public init(_ title: String, minWidth: Int, preferredWidth: Int? = nil, alignment: Alignment = .left, priority: Int = 0, fills: Bool = false) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.preferredWidth = max(self.minWidth, preferredWidth ?? minWidth)
        self.alignment = alignment
        self.priority = priority
        self.fills = fills
    }
}
