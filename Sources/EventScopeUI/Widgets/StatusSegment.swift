/// One piece of the status bar, e.g. `kafka: connected` in `.statusOK`.
public struct StatusSegment: Sendable, Equatable {
    public var text: String
    public var role: Role
    /// Lower numbers are more important; the highest number is dropped first when space runs out.
    public var priority: Int

    public init(_ text: String, role: Role = .statusBar, priority: Int = 0) {
        self.text = text
        self.role = role
        self.priority = priority
    }
}
