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
    /// Columns after the first scrolled off to the left (the `←`/`→` keys on list screens).
    public var leadingHidden: Int

    /// Gutter columns before the first cell: selection marker and row marker.
    public static let gutterWidth = 2

    public init(
        columns: [TableColumn], rows: [TableRow], selectedIndex: Int? = nil, scrollOffset: Int = 0, selectionMarker: Character = "▶", emptyMessage: String = "",
        showsHeader: Bool = true, leadingHidden: Int = 0
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedIndex = selectedIndex
        self.scrollOffset = scrollOffset
        self.selectionMarker = selectionMarker
        self.emptyMessage = emptyMessage
        self.showsHeader = showsHeader
        self.leadingHidden = leadingHidden
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
    /// `contentWidths` are the widths of each column's widest text among the rows shown; without
    /// them the preferred widths stand in. Columns first shrink to their minimum and the least
    /// important (highest priority number, rightmost on ties) are dropped until the rest fit.
    /// Then, most important first, each column gets its preferred width, or less when its text
    /// is narrower; while a column is still short of that, a less important one is dropped to
    /// make room (and comes back if room is left). What is left widens columns, most important first, until all of their text
    /// shows, and then goes to the columns that fill. `hidden` columns (scrolled off) get nothing.
    public static func columnWidths(_ columns: [TableColumn], available: Int, contentWidths: [Int]? = nil, hidden: Set<Int> = []) -> [Int?] {
        let need = columns.indices.map { index in
            guard let contentWidths, index < contentWidths.count else { return columns[index].preferredWidth }
            return max(DisplayWidth.of(columns[index].title), contentWidths[index])
        }
        let least = columns.indices.map { min(columns[$0].minWidth, need[$0]) }
        let comfortable = columns.indices.map { max(least[$0], min(columns[$0].preferredWidth, need[$0])) }
        let byImportance = columns.indices.sorted { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a < b
        }
        var kept = columns.indices.map { !hidden.contains($0) }
        func leastImportantKept(after priority: Int) -> Int? {
            byImportance.last { kept[$0] && columns[$0].priority > priority }
        }
        func minimum() -> Int {
            columns.indices.reduce(0) { $0 + (kept[$1] ? least[$1] + 1 : 0) }
        }
        while minimum() > available, let victim = leastImportantKept(after: Int.min) {
            kept[victim] = false
        }
        var widths: [Int] = []
        var spare = 0
        var droppedForRoom: [Int] = []
        while true {
            widths = columns.indices.map { kept[$0] ? least[$0] : 0 }
            spare = available - minimum()
            var short: Int?
            for index in byImportance where kept[index] {
                let growth = max(0, min(spare, comfortable[index] - widths[index]))
                widths[index] += growth
                spare -= growth
                if widths[index] < comfortable[index], short == nil { short = index }
            }
            guard let short, let victim = leastImportantKept(after: columns[short].priority) else { break }
            kept[victim] = false
            droppedForRoom.append(victim)
        }
        // A column dropped to make room comes back at its minimum if room is left over, rather
        // than leaving blank columns.
        for victim in droppedForRoom.reversed() where least[victim] + 1 <= spare {
            kept[victim] = true
            widths[victim] = least[victim]
            spare -= least[victim] + 1
        }
        for index in byImportance where kept[index] && spare > 0 {
            let growth = max(0, min(spare, need[index] - widths[index]))
            widths[index] += growth
            spare -= growth
        }
        let fillers = columns.indices.filter { kept[$0] && columns[$0].fills }
        if spare > 0, !fillers.isEmpty {
            let share = spare / fillers.count
            for index in fillers { widths[index] += share }
            if let last = fillers.last { widths[last] += spare - share * fillers.count }
        }
        return columns.indices.map { kept[$0] ? widths[$0] : nil }
    }

    /// The columns scrolled off by `leadingHidden`: the first column stays as the row's name,
    /// and the ones after it scroll away, so columns dropped for width come into view.
    public static func scrolledOff(_ leadingHidden: Int, columnCount: Int) -> Set<Int> {
        let last = min(max(0, leadingHidden), columnCount - 2)
        return last >= 1 ? Set(1...last) : []
    }

    /// How a table fits a rectangle: the rows shown, each column's width (nil: not shown) and
    /// the display width of every shown cell, row by row, measured once.
    struct Layout {
        var shown: Range<Int>
        var widths: [Int?]
        var hidden: Set<Int>
        var cellWidths: [Int]
    }

    func layout(in rect: Rect) -> Layout {
        let visible = visibleRowCount(in: rect)
        let offset = Table.adjustedOffset(selected: selectedIndex, offset: scrollOffset, visibleRows: visible, rowCount: rows.count)
        let shown = rows.isEmpty ? 0..<0 : offset..<min(rows.count, offset + visible)
        var contentWidths = Array(repeating: 0, count: columns.count)
        var cellWidths = Array(repeating: 0, count: shown.count * columns.count)
        for (line, index) in shown.enumerated() {
            for (column, text) in rows[index].cells.prefix(columns.count).enumerated() {
                let width = DisplayWidth.of(text)
                cellWidths[line * columns.count + column] = width
                contentWidths[column] = max(contentWidths[column], width)
            }
        }
        let hidden = Table.scrolledOff(leadingHidden, columnCount: columns.count)
        let measured = rows.isEmpty ? nil : contentWidths
        var widths = Table.columnWidths(columns, available: rect.width - Table.gutterWidth, contentWidths: measured, hidden: hidden)
        if widths.indices.contains(where: { widths[$0] == nil && !hidden.contains($0) }) {
            // The last column is kept for the `»` that says columns are out of view.
            widths = Table.columnWidths(columns, available: rect.width - Table.gutterWidth - 1, contentWidths: measured, hidden: hidden)
        }
        return Layout(shown: shown, widths: widths, hidden: hidden, cellWidths: cellWidths)
    }

    /// Whether some column not scrolled off is left out for lack of width.
    public func columnsOutOfView(in rect: Rect) -> Bool {
        let layout = layout(in: rect)
        return layout.widths.indices.contains { layout.widths[$0] == nil && !layout.hidden.contains($0) }
    }

    /// Draws the header and the visible rows into `rect`.
    ///
    /// Column widths are measured from the rows drawn, so the cost is the visible rows only. A
    /// `«` in the header's gutter says columns are scrolled off to the left; a `»` at its end
    /// says more columns are out of view.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect)
        let visible = visibleRowCount(in: rect)
        let layout = layout(in: rect)
        let (shown, widths, hidden) = (layout.shown, layout.widths, layout.hidden)
        var y = rect.y
        if showsHeader {
            let header = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            grid.paintRole(header, role: .header)
            let titles = columns.indices.map { index in
                widths[index].map { TextFit.truncated(columns[index].title, width: $0) } ?? ""
            }
            drawCells(titles, textWidths: titles.map { DisplayWidth.of($0) }, from: 0, roles: [], widths: widths, role: .header, y: y, rect: rect, grid: &grid)
            if !hidden.isEmpty { grid.write("«", x: rect.x, y: y, maxWidth: 1, role: .header) }
            if widths.indices.contains(where: { widths[$0] == nil && !hidden.contains($0) }), rect.width > 1 {
                grid.write("»", x: rect.maxX - 1, y: y, maxWidth: 1, role: .header)
            }
            y += 1
        }
        if rows.isEmpty {
            if visible > 0 { grid.write(fitting: emptyMessage, x: rect.x + Table.gutterWidth, y: y, maxWidth: rect.width - Table.gutterWidth, role: .muted) }
            return
        }
        // Cut texts of the visible rows, per column.
        let count = columns.count
        var fitted = Array(repeating: "", count: shown.count * count)
        var fittedWidths = layout.cellWidths
        for (column, width) in widths.enumerated() {
            guard let width else { continue }
            var anyCut = false
            for (line, index) in shown.enumerated() {
                let cells = rows[index].cells
                let text = column < cells.count ? cells[column] : ""
                let slot = line * count + column
                if fittedWidths[slot] <= width {
                    fitted[slot] = text
                } else {
                    anyCut = true
                    fitted[slot] = TextFit.truncated(text, width: width, cut: columns[column].cut)
                    fittedWidths[slot] = DisplayWidth.of(fitted[slot])
                }
            }
            // Identities (cut in the middle) must never look alike; for lists and names read from
            // the left, a cut showing where two differ would read worse than the plain cut.
            guard anyCut, columns[column].cut == .middle else { continue }
            let texts = shown.map { column < rows[$0].cells.count ? rows[$0].cells[column] : "" }
            for (line, text) in TextFit.distinguished(texts, width: width, cut: .middle).enumerated() {
                fitted[line * count + column] = text
                fittedWidths[line * count + column] = DisplayWidth.of(text)
            }
        }
        for (line, index) in shown.enumerated() {
            let row = rows[index]
            let isSelected = index == selectedIndex
            let role = isSelected ? Role.selection : row.role
            grid.paintRole(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: role)
            if isSelected { grid.write(String(selectionMarker), x: rect.x, y: y, maxWidth: 1, role: role) }
            if let marker = row.marker { grid.write(String(marker), x: rect.x + 1, y: y, maxWidth: 1, role: role) }
            drawCells(
                fitted, textWidths: fittedWidths, from: line * count, roles: isSelected ? [] : row.cellRoles, widths: widths, role: role, y: y, rect: rect,
                grid: &grid)
            y += 1
        }
    }

    /// Draws one row of texts already fitted to their columns, `texts[start...]` one a column;
    /// `textWidths` are their widths.
    private func drawCells(
        _ texts: [String], textWidths: [Int], from start: Int, roles: [Role?], widths: [Int?], role: Role, y: Int, rect: Rect, grid: inout Grid
    ) {
        var x = rect.x + Table.gutterWidth
        for index in widths.indices {
            guard let width = widths[index] else { continue }
            let fitted = texts[start + index]
            let textWidth = textWidths[start + index]
            x += 1
            let cellRole = (index < roles.count ? roles[index] : nil) ?? role
            // The row is already blank in its role, so only the text itself is written.
            let gap = max(0, width - textWidth)
            let textX: Int
            switch columns[index].alignment {
            case .left: textX = x
            case .right: textX = x + gap
            case .center: textX = x + gap / 2
            }
            grid.write(fitted, x: textX, y: y, maxWidth: min(width, rect.maxX - textX), role: cellRole)
            x += width
        }
    }
}
