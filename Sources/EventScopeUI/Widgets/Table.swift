/// A table with a header row, a selection bar and columns that shrink, then drop, as the
/// width narrows; it never wraps and never overlaps neighbouring columns.
///
/// Each row starts with a two-column gutter: the selection marker (`▶`) and the row marker
/// (e.g. `✗` for denied), then one space before every column.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var selectedIndex: Int?
    /// The first row shown; `render` moves it as needed to keep the selection visible.
    public var scrollOffset: Int
    public var selectionMarker: Character
    /// Shown (muted) under the header when there are no rows.
    public var emptyMessage: String
    public var showsHeader: Bool

    /// Gutter columns before the first cell: selection marker and row marker.
    public static let gutterWidth = 2

    public init(columns: [TableColumn], rows: [TableRow], selectedIndex: Int? = nil, scrollOffset: Int = 0, selectionMarker: Character = "▶", emptyMessage: String = "", showsHeader: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.selectedIndex = selectedIndex
        self.scrollOffset = scrollOffset
        self.selectionMarker = selectionMarker
        self.emptyMessage = emptyMessage
        self.showsHeader = showsHeader
    }

    /// Number of data rows that fit in `rect`.
    public func visibleRowCount(in rect: Rect) -> Int {
        max(0, rect.height - (showsHeader ? 1 : 0))
    }

    /// The scroll offset that shows the selection, moving as little as possible from `offset`.
    public static func adjustedOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var result = min(max(0, offset), max(0, rowCount - visibleRows))
        if let selected, selected >= 0, selected < rowCount {
            if selected < result { result = selected }
            if selected >= result + visibleRows { result = selected - visibleRows + 1 }
        }
        return result
    }

    /// The width of each column for `available` columns of space, nil for a dropped column.
    ///
    /// Columns first shrink to their minimum width, then the least important (highest
    /// priority number, rightmost on ties) are dropped until the rest fit.
    public static func columnWidths(_ columns: [TableColumn], available: Int) -> [Int?] {
        var kept = Array(repeating: true, count: columns.count)
        func needed() -> Int {
            columns.indices.filter { kept[$0] }.reduce(0) { $0 + columns[$1].minWidth + 1 }
        }
        while needed() > available, let victim = columns.indices.filter({ kept[$0] }).max(by: { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a < b
        }) {
            kept[victim] = false
        }
        var widths: [Int?] = columns.indices.map { kept[$0] ? columns[$0].minWidth : nil }
        var spare = available - needed()
        // Grow toward the preferred width in priority order, so important columns widen first.
        let growthOrder = columns.indices.filter { kept[$0] }.sorted { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a < b
        }
        for index in growthOrder where spare > 0 {
            let current = widths[index] ?? 0
            let growth = min(spare, columns[index].preferredWidth - current)
            widths[index] = current + growth
            spare -= growth
        }
        let fillers = columns.indices.filter { kept[$0] && columns[$0].fills }
        if spare > 0, !fillers.isEmpty {
            let share = spare / fillers.count
            for index in fillers { widths[index] = (widths[index] ?? 0) + share }
            if let last = fillers.last { widths[last] = (widths[last] ?? 0) + spare - share * fillers.count }
        }
        return widths
    }

    /// Draws the header and the visible rows into `rect`.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect)
        let widths = Table.columnWidths(columns, available: rect.width - Table.gutterWidth)
        var y = rect.y
        if showsHeader {
            let header = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            grid.paintRole(header, role: .header)
            drawCells(columns.map(\.title), roles: [], widths: widths, role: .header, y: y, rect: rect, grid: &grid)
            y += 1
        }
        let visible = visibleRowCount(in: rect)
        if rows.isEmpty {
            if visible > 0 { grid.write(emptyMessage, x: rect.x + Table.gutterWidth, y: y, maxWidth: rect.width - Table.gutterWidth, role: .muted) }
            return
        }
        let offset = Table.adjustedOffset(selected: selectedIndex, offset: scrollOffset, visibleRows: visible, rowCount: rows.count)
        for index in offset..<min(rows.count, offset + visible) {
            let row = rows[index]
            let isSelected = index == selectedIndex
            let role = isSelected ? Role.selection : row.role
            grid.paintRole(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: role)
            if isSelected { grid.write(String(selectionMarker), x: rect.x, y: y, maxWidth: 1, role: role) }
            if let marker = row.marker { grid.write(String(marker), x: rect.x + 1, y: y, maxWidth: 1, role: role) }
            drawCells(row.cells, roles: isSelected ? [] : row.cellRoles, widths: widths, role: role, y: y, rect: rect, grid: &grid)
            y += 1
        }
    }

    private func drawCells(_ texts: [String], roles: [Role?], widths: [Int?], role: Role, y: Int, rect: Rect, grid: inout Grid) {
        var x = rect.x + Table.gutterWidth
        for (index, width) in widths.enumerated() {
            guard let width else { continue }
            x += 1
            let text = index < texts.count ? texts[index] : ""
            let cellRole = (index < roles.count ? roles[index] : nil) ?? role
            // The row is already blank in its role, so only the text itself is written.
            let textWidth = DisplayWidth.of(text)
            let fitted = textWidth <= width ? text : TextFit.truncated(text, width: width)
            let gap = max(0, width - (textWidth <= width ? textWidth : DisplayWidth.of(fitted)))
            let start: Int
            switch columns[index].alignment {
            case .left: start = x
            case .right: start = x + gap
            case .center: start = x + gap / 2
            }
            grid.write(fitted, x: start, y: y, maxWidth: min(width, rect.maxX - start), role: cellRole)
            x += width
        }
    }
}
