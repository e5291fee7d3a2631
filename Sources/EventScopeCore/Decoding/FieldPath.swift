/// A path to a JSON field: a top-level name (`eventType`) or nested names joined by dots (`payload.kind`).
///
/// Names that themselves contain a dot cannot be addressed; no envelope in the wild needs that,
/// and allowing an escape syntax would make CLI values harder to read.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// Deeper paths are refused so the scanner's descent stack has a small fixed bound.
    public static let maxSegments = 8
    /// Longer text is refused because no real field path is that long and the value comes from a user.
    public static let maxLength = 256

    public let segments: [String]

    /// Parses `a.b.c`; nil when empty, with an empty segment (`a..b`, `.a`), or beyond the limits.
    public init?(_ dotted: String) {
        guard !dotted.isEmpty, dotted.utf8.count <= Self.maxLength else { return nil }
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= Self.maxSegments, !parts.contains(where: \.isEmpty) else { return nil }
        segments = parts
    }

    /// A one-segment path for names fixed in code (CloudEvents attribute names), which need no parsing.
    init(topLevel name: String) {
        segments = [name]
    }

    public var description: String { segments.joined(separator: ".") }
}
