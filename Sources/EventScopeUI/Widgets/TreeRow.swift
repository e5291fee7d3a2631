/// One row of a `TreeView`: its text and where it sits in the tree.
public struct TreeRow: Sendable, Equatable {
    public var text: String
    /// One flag per level below the root: whether the ancestor at that level (the last flag:
    /// this row itself) is the last of its siblings. Empty for a root.
    public var lastFlags: [Bool]
    public var role: Role
    /// A marker in the gutter, as in `TableRow` (e.g. `~` for an inferred link).
    public var marker: Character?

    public init(_ text: String, lastFlags: [Bool], role: Role = .normal, marker: Character? = nil) {
        self.text = text
        self.lastFlags = lastFlags
        self.role = role
        self.marker = marker ?? TableRow.defaultMarker(for: role)
    }

    public var depth: Int { lastFlags.count }
}
