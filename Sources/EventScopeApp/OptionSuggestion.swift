/// "Did you mean" for a mistyped option or command: the nearest known name by edit distance.
public enum OptionSuggestion {
    /// The known name closest to `typed`, when it is close enough to be a typo (a different
    /// case, or at most two edits and fewer than half the typed length), or nil.
    public static func nearest(to typed: String, among known: some Sequence<String>) -> String? {
        let typedChars = Array(typed.lowercased())
        guard !typedChars.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for name in known.sorted() {
            let distance = editDistance(typedChars, Array(name.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (name, distance) }
        }
        guard let best, best.name != typed, best.distance == 0 || (best.distance <= 2 && best.distance * 2 < typedChars.count) else { return nil }
        return best.name
    }

    /// The Levenshtein distance (insertions, deletions, substitutions; a swap of two neighbours
    /// counts as one) between two strings.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
