/// One thing wrong with a policy file, located by JSON path.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where (`$.eventTypes.OrderItemShipped.schema.properties.zip.type`).
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, with terminal controls from the file escaped.
    public var description: String { TerminalText.escape("\(path): \(message)", limit: 1_000) }
}
