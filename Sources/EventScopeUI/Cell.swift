/// One terminal cell: a character (with its combining marks) and the role it plays.
///
/// A wide character occupies its own cell plus a following `continuation` cell, so the
/// grid's columns always match the terminal's.
public struct Cell: Sendable, Equatable {
    /// The grapheme drawn here; empty for the right half of a wide character.
    public var text: String
    public var role: Role

    public init(_ text: String = " ", role: Role = .normal) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell(" ", role: .normal)
    public static let continuation = Cell("", role: .normal)

    public var isContinuation: Bool { text.isEmpty }
}
