/// One record or line a source could not turn into decisions, kept so the operator can read why.
public struct SourceProblem: Sendable, Equatable {
    /// When it was read (wall clock, epoch milliseconds).
    public var timeMs: Int64
    /// Where it was: `partition 2 offset 41` on a topic, `line 17` in a file.
    public var position: String
    /// Why it could not be used, without the source's name.
    public var reason: String
    /// The start of the record as received, escaped for the terminal.
    public var excerpt: String

    /// Excerpts keep this many characters of the input.
    public static let excerptLimit = 160

    public init(timeMs: Int64, position: String, reason: String, excerpt: String) {
        self.timeMs = timeMs
        self.position = position
        self.reason = reason
        self.excerpt = excerpt
    }

    /// A problem built from the raw input: the excerpt is cut and escaped here, once.
    public init(timeMs: Int64, position: String, reason: String, raw: [UInt8]) {
        self.init(
            timeMs: timeMs, position: position, reason: reason,
            excerpt: TerminalText.escape(raw.prefix(Self.excerptLimit * 4), limit: Self.excerptLimit))
    }

    /// The reason without the specifics that make each one different (the value received,
    /// the byte where JSON broke), so problems can be counted by kind.
    public static func kind(of reason: String) -> String {
        if reason.hasPrefix("invalid JSON") { return "invalid JSON" }
        if let range = reason.range(of: ": unusable value") { return String(reason[..<range.upperBound]) }
        if reason.hasSuffix("-byte record limit") { return "record over the size limit" }
        return String(reason.prefix(80))
    }
}
