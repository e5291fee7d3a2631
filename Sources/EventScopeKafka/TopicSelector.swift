import Foundation

/// One `-t` argument: a literal topic name, or a regular expression when it starts with `^`.
public struct TopicSelector: Sendable, CustomStringConvertible {
    public let text: String
    private let pattern: NSRegularExpression?

    /// - Throws: `KafkaError.invalidTopicPattern` when a `^` pattern does not compile.
    public init(_ text: String) throws {
        self.text = text
        if text.hasPrefix("^") {
            do {
                pattern = try NSRegularExpression(pattern: text)
            } catch {
                throw KafkaError.invalidTopicPattern("\"\(text)\" is not a valid regular expression")
            }
        } else {
            guard !text.isEmpty else { throw KafkaError.invalidTopicPattern("empty topic name") }
            pattern = nil
        }
    }

    public var isPattern: Bool { pattern != nil }

    public var description: String { text }

    /// True when `topic` is selected; patterns skip internal topics (`__consumer_offsets`, ...).
    public func matches(_ topic: String) -> Bool {
        guard let pattern else { return topic == text }
        if topic.hasPrefix("__") { return false }
        let range = NSRange(topic.startIndex..., in: topic)
        return pattern.firstMatch(in: topic, range: range) != nil
    }
}
