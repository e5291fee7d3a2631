/// An indented tree drawn with `├─ └─ │` guides, with selection and scrolling like `Table`.
public struct TreeView: Sendable {
    public var rows: [TreeRow]
    public var selectedIndex: Int?
    public var scrollOffset: Int
    public var selectionMarker: Character

    public init(rows: [TreeRow], selectedIndex: Int? = nil, scrollOffset: Int = 0, selectionMarker: Character = "▶") {
        self.rows = rows
        self.selectedIndex = selectedIndex
        self.scrollOffset = scrollOffset
        self.selectionMarker = selectionMarker
    }

    /// The guide drawn before a row's text, e.g. `│  └─ ` for a last child at depth 2.
    public static func prefix(lastFlags: [Bool]) -> String {
        guard let own = lastFlags.last else { return "" }
        var text = ""
        for ancestorIsLast in lastFlags.dropLast() { text += ancestorIsLast ? "   " : "│  " }
        return text + (own ? "└─ " : "├─ ")
    }

    /// The `lastFlags` of each row of a tree listed depth-first, given each row's depth.
    ///
    /// A depth that jumps by more than one is treated as one level deeper than its parent,
    /// so malformed input still yields a drawable tree.
    public static func lastFlags(depths: [Int]) -> [[Bool]] {
        let levels = normalisedDepths(depths)
        var isLast = Array(repeating: true, count: levels.count)
        var seenSiblingBelow: [Bool] = []
        for index in levels.indices.reversed() {
            let depth = levels[index]
            if seenSiblingBelow.count > depth + 1 { seenSiblingBelow.removeLast(seenSiblingBelow.count - depth - 1) }
            while seenSiblingBelow.count <= depth { seenSiblingBelow.append(false) }
            isLast[index] = !seenSiblingBelow[depth]
            seenSiblingBelow[depth] = true
        }
        var result: [[Bool]] = []
        result.reserveCapacity(levels.count)
        var path: [Bool] = []
        for index in levels.indices {
            let depth = levels[index]
            if depth == 0 {
                path = []
            } else {
                path = Array(path.prefix(depth - 1)) + [isLast[index]]
            }
            result.append(path)
        }
        return result
    }

    static func normalisedDepths(_ depths: [Int]) -> [Int] {
        var previous = -1
        return depths.map { depth in
            let level = min(max(0, depth), previous + 1)
            previous = level
            return level
        }
    }

    /// Indices of the rows shown in `rect`, so a caller can draw aligned columns beside them.
    public func visibleRange(in rect: Rect) -> Range<Int> {
        let offset = Table.adjustedOffset(selected: selectedIndex, offset: scrollOffset, visibleRows: rect.height, rowCount: rows.count)
        return offset..<min(rows.count, offset + rect.height)
    }

    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect)
        for (line, index) in visibleRange(in: rect).enumerated() {
            let row = rows[index]
            let y = rect.y + line
            let isSelected = index == selectedIndex
            let role = isSelected ? Role.selection : row.role
            grid.paintRole(rect.row(line), role: role)
            if isSelected { grid.write(String(selectionMarker), x: rect.x, y: y, maxWidth: 1, role: role) }
            if let marker = row.marker { grid.write(String(marker), x: rect.x + 1, y: y, maxWidth: 1, role: role) }
            var x = rect.x + Table.gutterWidth
            x += grid.write(TreeView.prefix(lastFlags: row.lastFlags), x: x, y: y, maxWidth: max(0, rect.maxX - x), role: isSelected ? role : .border)
            grid.write(TextFit.truncated(row.text, width: rect.maxX - x), x: x, y: y, maxWidth: max(0, rect.maxX - x), role: role)
        }
    }
}
