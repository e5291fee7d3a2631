/// Scrollable lines of text, optionally in a titled border, with an optional search highlight.
///
/// Lines are drawn as given (`DetailLayout` wraps them beforehand); a line longer than the pane
/// is cut with `…`, and when scrolled sideways a `…` at the left edge says text is off to the left.
public struct TextPane: Sendable {
    public var lines: [String]
    /// Role per line (same order as `lines`); missing entries are `.normal`.
    public var lineRoles: [Role]
    public var title: String?
    public var bordered: Bool
    /// The first line shown; clamped so the pane is never scrolled past the end.
    public var scrollOffset: Int
    /// Text to highlight (case-insensitive) with `.accent`; nil or empty for none.
    public var highlight: String?
    /// The first column of every line shown (sideways scroll).
    public var horizontalOffset: Int

    public init(
        lines: [String], lineRoles: [Role] = [], title: String? = nil, bordered: Bool = true, scrollOffset: Int = 0, highlight: String? = nil,
        horizontalOffset: Int = 0
    ) {
        self.lines = lines
        self.lineRoles = lineRoles
        self.title = title
        self.bordered = bordered
        self.scrollOffset = scrollOffset
        self.highlight = highlight
        self.horizontalOffset = max(0, horizontalOffset)
    }

    /// The largest useful scroll offset for `visibleLines` rows.
    public static func clampedOffset(_ offset: Int, lineCount: Int, visibleLines: Int) -> Int {
        min(max(0, offset), max(0, lineCount - visibleLines))
    }

    /// The rows available for text inside `rect`.
    public func textArea(in rect: Rect) -> Rect {
        bordered && rect.width >= 2 && rect.height >= 2 ? Box.inner(rect) : rect
    }

    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect)
        let area = textArea(in: rect)
        let offset = TextPane.clampedOffset(scrollOffset, lineCount: lines.count, visibleLines: area.height)
        if bordered {
            let position = lines.count > area.height ? "\(min(lines.count, offset + area.height))/\(lines.count)" : nil
            Box(title: title, rightTitle: position).render(into: &grid, in: rect)
        }
        guard !area.isEmpty else { return }
        for row in 0..<min(area.height, max(0, lines.count - offset)) {
            let index = offset + row
            let role = index < lineRoles.count ? lineRoles[index] : .normal
            TextPane.drawCut(lines[index], from: horizontalOffset, x: area.x, y: area.y + row, width: area.width, role: role, grid: &grid)
            if let highlight, !highlight.isEmpty {
                for range in TextPane.matchColumns(of: highlight, in: lines[index]) {
                    let start = max(area.x, area.x + range.lowerBound - horizontalOffset)
                    let end = min(area.maxX, area.x + range.upperBound - horizontalOffset)
                    if start < end { grid.paintRole(Rect(x: start, y: area.y + row, width: end - start, height: 1), role: .accent) }
                }
            }
        }
    }

    /// Draws the columns of `text` from `start` on into `width` columns, with `…` where text
    /// goes on past either edge.
    static func drawCut(_ text: String, from start: Int, x: Int, y: Int, width: Int, role: Role, grid: inout Grid) {
        guard width > 0 else { return }
        let columns = DisplayWidth.of(text)
        if start == 0, columns <= width {
            grid.write(text, x: x, y: y, maxWidth: width, role: role)
            return
        }
        guard columns > start else { return }
        var rest = Substring(text)
        var skipped = 0
        while skipped < start, let first = rest.first {
            skipped += DisplayWidth.of(first)
            rest = rest.dropFirst()
        }
        var column = x
        var room = width
        if start > 0 {
            grid.write(TextFit.ellipsis, x: column, y: y, maxWidth: 1, role: role)
            column += 1
            room -= 1
            // The ellipsis takes the place of the first column shown.
            if !rest.isEmpty { rest = rest.dropFirst() }
        }
        grid.write(TextFit.truncated(String(rest), width: room), x: column, y: y, maxWidth: room, role: role)
    }

    /// Column ranges where `needle` occurs in `line`, ignoring case.
    public static func matchColumns(of needle: String, in line: String) -> [Range<Int>] {
        let haystack = Array(line.lowercased())
        let target = Array(needle.lowercased())
        guard !target.isEmpty, haystack.count >= target.count, haystack.count == line.count else { return [] }
        var columnsBefore: [Int] = []
        columnsBefore.reserveCapacity(haystack.count + 1)
        var column = 0
        for character in haystack {
            columnsBefore.append(column)
            column += DisplayWidth.of(character)
        }
        columnsBefore.append(column)
        var result: [Range<Int>] = []
        var index = 0
        while index + target.count <= haystack.count {
            if haystack[index..<(index + target.count)].elementsEqual(target) {
                result.append(columnsBefore[index]..<columnsBefore[index + target.count])
                index += target.count
            } else {
                index += 1
            }
        }
        return result
    }
}
