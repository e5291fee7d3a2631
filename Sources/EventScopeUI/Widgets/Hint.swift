/// A key and what it does, as shown in the hint bar (`q Quit`).
public struct Hint: Sendable, Equatable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}
