/// Horizontal alignment of text inside a fixed number of columns.
public enum Alignment: Sendable, Equatable {
    case left
    case right
    case center
}

/// Fits text into a number of terminal columns by truncating with an ellipsis and padding.
///
/// Widths are display columns (via `DisplayWidth`), so wide characters never spill into the
/// next column of a table.
public enum TextFit {
    /// The ellipsis used to show that text was cut.
    public static let ellipsis = "…"

    /// Text cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncated(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// Text truncated to `width` columns and padded with spaces to exactly `width` columns.
    public static func aligned(_ text: String, width: Int, alignment: Alignment) -> String {
        guard width > 0 else { return "" }
        let cut = truncated(text, width: width)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left:
            return cut + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + cut
        case .center:
            let before = gap / 2
            return String(repeating: " ", count: before) + cut + String(repeating: " ", count: gap - before)
        }
    }
}
