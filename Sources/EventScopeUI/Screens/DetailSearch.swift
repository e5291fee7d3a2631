/// Finds filter matches in a detail pane's lines for `n` / `N`.
import EventScopeCore

public enum DetailSearch {
    /// The index of the next (or previous) line after (before) `from` containing `needle`,
    /// case-insensitively, wrapping around; nil when no line matches.
    public static func line(in lines: [String], matching needle: String, from: Int, forward: Bool) -> Int? {
        guard !lines.isEmpty, !needle.isEmpty else { return nil }
        let lower = needle.lowercased()
        let count = lines.count
        for step in 1...count {
            let index = ((forward ? from + step : from - step) % count + count) % count
            if TextSearch.contains(lowered: lines[index].lowercased(), loweredNeedle: lower) { return index }
        }
        return nil
    }
}
