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

    /// Where text is cut when it does not fit.
    public enum Cut: Sendable, Equatable {
        /// Keep the start: names read from the left (event types, topics).
        case end
        /// Keep the start and the end: identities such as principals and trace ids often differ
        /// only in their tail (`User:CN=ship…,O=acme`), which an end cut would hide.
        case middle
    }

    /// Text cut to at most `width` columns the given way, with `…` where something was cut.
    public static func truncated(_ text: String, width: Int, cut: Cut) -> String {
        switch cut {
        case .end: truncated(text, width: width)
        case .middle: middleTruncated(text, width: width)
        }
    }

    /// Text cut to at most `width` columns by dropping its middle: the start gets a little more
    /// than half of the room, the end the rest.
    public static func middleTruncated(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        if width < 5 { return truncated(text, width: width) }
        let characters = Array(text)
        let tailRoom = (width - 1) / 2
        let tail = suffix(characters, columns: tailRoom)
        let head = prefix(characters, columns: width - 1 - DisplayWidth.of(tail))
        return head + ellipsis + tail
    }

    /// Text cut to at most `width` columns so that the character at `focus` stays visible: its
    /// start, then the stretch around `focus`, then its end, with `…` at each cut. Used when two
    /// values would otherwise look the same after a cut.
    public static func truncated(_ text: String, width: Int, showing focus: Int) -> String {
        let characters = Array(text)
        guard width >= 9, focus > 0, focus < characters.count, DisplayWidth.of(text) > width else {
            return middleTruncated(text, width: width)
        }
        let head = prefix(characters, columns: max(1, width / 4))
        let tail = suffix(characters, columns: max(1, width / 5))
        let headCount = head.count
        let tailStart = characters.count - tail.count
        if focus >= tailStart - 1 { return middleTruncated(text, width: width) }
        let windowRoom = width - DisplayWidth.of(head) - DisplayWidth.of(tail) - 2
        // The stretch starts a few characters before the difference, so it reads in context.
        var start = max(headCount, focus - windowRoom / 3)
        var window = prefix(Array(characters[start..<tailStart]), columns: windowRoom)
        if start + window.count >= tailStart {
            // The stretch reaches the end: one cut, after the start, is enough.
            start = max(headCount, tailStart - window.count)
            window = String(characters[start..<characters.count])
            let room = width - DisplayWidth.of(head) - 1
            return head + ellipsis + suffix(Array(window), columns: room)
        }
        if start == headCount { return head + window + ellipsis + tail }
        return head + ellipsis + window + ellipsis + tail
    }

    /// The longest start of `characters` that fits in `columns`.
    static func prefix(_ characters: [Character], columns: Int) -> String {
        var result = ""
        var used = 0
        for character in characters {
            let width = DisplayWidth.of(character)
            if used + width > columns { break }
            result.append(character)
            used += width
        }
        return result
    }

    /// The longest end of `characters` that fits in `columns`.
    static func suffix(_ characters: [Character], columns: Int) -> String {
        var used = 0
        var start = characters.count
        while start > 0 {
            let width = DisplayWidth.of(characters[start - 1])
            if used + width > columns { break }
            used += width
            start -= 1
        }
        return String(characters[start...])
    }

    /// Texts fitted to `width` columns such that texts that differ still look different: each
    /// is cut the given way, and where two different texts would show the same, both are cut
    /// again around the first character where they differ.
    public static func distinguished(_ texts: [String], width: Int, cut: Cut) -> [String] {
        var fitted = texts.map { truncated($0, width: width, cut: cut) }
        // Below 9 columns there is no room to show a start, a difference and an end.
        guard width >= 9, fitted != texts else { return fitted }
        var shownAs: [String: [Int]] = [:]
        for index in texts.indices { shownAs[fitted[index], default: []].append(index) }
        for group in shownAs.values where group.count > 1 {
            let originals = group.map { Array(texts[$0]) }
            guard Set(group.map { texts[$0] }).count > 1 else { continue }
            for (position, index) in group.enumerated() where fitted[index] != texts[index] {
                // The first character where this text differs from another of its group.
                var focus = originals[position].count
                for other in originals where other != originals[position] {
                    focus = min(focus, zip(originals[position], other).prefix { $0 == $1 }.count)
                }
                fitted[index] = truncated(texts[index], width: width, showing: focus)
            }
        }
        return fitted
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

extension Grid {
    /// Writes text into at most `maxWidth` columns, ending in `…` when it had to be cut, so a cut
    /// value never passes for the whole of it.
    @discardableResult
    public mutating func write(fitting text: String, x: Int, y: Int, maxWidth: Int, role: Role = .normal) -> Int {
        let room = max(0, min(maxWidth, width - x))
        return write(DisplayWidth.of(text) <= room ? text : TextFit.truncated(text, width: room), x: x, y: y, maxWidth: room, role: role)
    }
}
