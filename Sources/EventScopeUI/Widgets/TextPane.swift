/// Scrollable lines of text, optionally in a titled border, with an optional search highlight.
///
/// Lines longer than the pane are cut, never wrapped, so a line on screen is a line of input.
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

    public init(lines: [String], lineRoles: [Role] = [], title: String? = nil, bordered: Bool = true, scrollOffset: Int = 0, highlight: String? = nil) {
        self.lines = lines
        self.lineRoles = lineRoles
        self.title = title
        self.bordered = bordered
        self.scrollOffset = scrollOffset
        self.highlight = highlight
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
            grid.write(lines[index], x: area.x, y: area.y + row, maxWidth: area.width, role: role)
            if let highlight, !highlight.isEmpty {
                for range in TextPane.matchColumns(of: highlight, in: lines[index]) {
                    let start = area.x + range.lowerBound
                    let end = min(area.maxX, area.x + range.upperBound)
                    if start < end { grid.paintRole(Rect(x: start, y: area.y + row, width: end - start, height: 1), role: .accent) }
                }
            }
        }
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
