/// Substring search for filters and detail panes, on UTF-8 bytes.
///
/// The standard library's `String.contains(_:)` trapped ("String index is out of bounds") on a
/// fuzzed filter against fuzzed text in a 10-minute run; a byte search over the lower-cased
/// UTF-8 cannot trap, and for the short strings of a row it is as fast.
public enum TextSearch {
    /// Whether `needle` occurs in `haystack`, ignoring case; an empty needle always matches.
    public static func containsIgnoringCase(_ haystack: String, _ needle: String) -> Bool {
        contains(lowered: haystack.lowercased(), loweredNeedle: needle.lowercased())
    }

    /// The same for text the caller has already lower-cased (filters lower-case once).
    public static func contains(lowered haystack: String, loweredNeedle needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        let text = Array(haystack.utf8)
        guard text.count >= pattern.count else { return false }
        let first = pattern[0]
        var start = 0
        let last = text.count - pattern.count
        while start <= last {
            if text[start] == first {
                var matched = 1
                while matched < pattern.count, text[start + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            start += 1
        }
        return false
    }
}
