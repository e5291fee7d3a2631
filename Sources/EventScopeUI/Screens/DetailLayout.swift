/// Detail text as a pane draws it: with wrapping on, each long line becomes the rows it takes
/// at the pane's width; with it off, one row a line, cut at the pane's edge.
///
/// Scrolling, `G` and filter matches count these rows, so they agree with what is on screen.
public struct DetailLayout: Sendable {
    public private(set) var rows: [DetailLine] = []
    /// For each row, the line it belongs to.
    public private(set) var lineOfRow: [Int] = []
    /// For each line, its first row.
    public private(set) var firstRowOfLine: [Int] = []
    /// The widest row, in columns.
    public private(set) var widest = 0

    public init(lines: [DetailLine], width: Int, wrap: Bool) {
        rows.reserveCapacity(lines.count)
        lineOfRow.reserveCapacity(lines.count)
        firstRowOfLine.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            firstRowOfLine.append(rows.count)
            let columns = DisplayWidth.of(line.text)
            guard wrap, line.wraps, width > 0, columns > width else {
                rows.append(line)
                lineOfRow.append(index)
                widest = max(widest, columns)
                continue
            }
            let leading = line.text.prefix { $0 == " " }.count
            let indent = min(line.hangingIndent ?? leading + 2, width / 2)
            for text in DetailLayout.wrapped(line.text, width: width, indent: indent) {
                rows.append(DetailLine(text, role: line.role, wraps: false))
                lineOfRow.append(index)
            }
            widest = max(widest, width)
        }
    }

    /// `text` broken into rows of at most `width` columns, the rows after the first indented by
    /// `indent`. A row breaks after its last space when that keeps at least half of it, so words
    /// stay whole; otherwise (long ids, base64) it breaks at the edge.
    public static func wrapped(_ text: String, width: Int, indent: Int) -> [String] {
        guard width > 0, DisplayWidth.of(text) > width else { return [text] }
        let characters = Array(text)
        let indentText = String(repeating: " ", count: max(0, min(indent, width - 1)))
        var rows: [String] = []
        var start = 0
        var room = width
        while start < characters.count {
            var end = start
            var used = 0
            while end < characters.count {
                let columns = DisplayWidth.of(characters[end])
                if used + columns > room { break }
                used += columns
                end += 1
            }
            if end == start { end = start + 1 }  // a character wider than the room
            if end < characters.count, let space = characters[start..<end].lastIndex(of: " "), space + 1 - start > (end - start) / 2 {
                end = space + 1
            }
            rows.append((rows.isEmpty ? "" : indentText) + String(characters[start..<end]))
            start = end
            room = width - indentText.count
        }
        return rows
    }
}
