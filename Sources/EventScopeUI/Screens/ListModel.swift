import EventScopeCore

/// One formatted row; cells are already sanitised for the terminal.
public struct ListRow {
    public var cells: [String]
    public var role: Role
    /// A visible marker so colour is never the only signal (`✗` denied, `!` finding, ...).
    public var marker: Character?
    public var target: DetailTarget?
    /// The trace chain this row belongs to, for the jump-to-trace key.
    public var traceKey: String?

    public init(cells: [String], role: Role = .normal, marker: Character? = nil, target: DetailTarget? = nil, traceKey: String? = nil) {
        self.cells = cells
        self.role = role
        self.marker = marker
        self.target = target
        self.traceKey = traceKey
    }
}

/// One order a list can be sorted in (`s` cycles them): its title, the column whose values it
/// orders (marked in the header) and whether those values run smallest first.
public struct SortOrder: Sendable, Equatable {
    public var name: String
    public var column: Int?
    public var ascending: Bool

    public init(_ name: String, column: Int?, ascending: Bool = false) {
        self.name = name
        self.column = column
        self.ascending = ascending
    }
}

/// What a list screen shows: columns, a row count and a lazy row formatter.
///
/// Rows are formatted on demand so a frame costs the visible rows only, however many
/// entities the store holds.
public struct ListModel {
    public var columns: [TableColumn]
    public var count: Int
    public var row: (Int) -> ListRow
    /// The orders `s` cycles through, the default first; the active one is shown.
    public var sorts: [SortOrder]
    public var emptyText: String
    /// A one-line summary above the table (totals, evictions, grouping).
    public var summary: String
    /// The identity of the item on a row, so a selection can stay on its item as rows move.
    public var key: (Int) -> String?
    /// Where an item is now, given a row it was near; nil when it left the list. Lists that
    /// can compute it directly (a ring read newest first) replace the default outward search.
    public var rowOfKey: (String, Int) -> Int?
    /// What `enter` opens on a row; by default the row's own target.
    public var target: (Int) -> DetailTarget?

    public init(
        columns: [TableColumn], count: Int, sorts: [SortOrder], emptyText: String, summary: String,
        key: @escaping (Int) -> String?, rowOfKey: ((String, Int) -> Int?)? = nil, row: @escaping (Int) -> ListRow
    ) {
        self.columns = columns
        self.count = count
        self.row = row
        self.sorts = sorts
        self.emptyText = emptyText
        self.summary = summary
        self.key = key
        target = { index in row(index).target }
        self.rowOfKey = rowOfKey ?? { wanted, near in ReduceContext.search(wanted, near: near, count: count, keyOfRow: key) }
    }

    /// This list as `list` asks: rows in reverse when the sort is reversed, and the sorted
    /// column's title marked with the direction its values run (`▼` largest first, `▲` smallest).
    public func arranged(by list: AppState.ListState) -> ListModel {
        var model = self
        if !sorts.isEmpty {
            let sort = sorts[list.sortColumn % sorts.count]
            if let column = sort.column, columns.indices.contains(column) {
                model.columns[column].title += sort.ascending != list.sortReversed ? "▲" : "▼"
                // Wide enough for its title, so the mark is never the part cut off.
                let titleWidth = DisplayWidth.of(model.columns[column].title)
                model.columns[column].minWidth = max(model.columns[column].minWidth, titleWidth)
                model.columns[column].preferredWidth = max(model.columns[column].preferredWidth, titleWidth)
            }
        }
        guard list.sortReversed, count > 1 else { return model }
        let last = count - 1
        let (row, key, rowOfKey, target) = (self.row, self.key, self.rowOfKey, self.target)
        model.row = { row(last - $0) }
        model.key = { key(last - $0) }
        model.target = { target(last - $0) }
        model.rowOfKey = { wanted, near in rowOfKey(wanted, last - near).map { last - $0 } }
        return model
    }

    /// The row of the item with sequence number `key` (after `prefix`) in a ring of `appended`
    /// items read newest first: the newest is row 0, so an item's row is how many came after it.
    public static func ringRow(of key: String, prefix: Character, appended: UInt64, count: Int) -> Int? {
        guard key.first == prefix, let sequence = UInt64(key.dropFirst()), sequence < appended else { return nil }
        let row = appended - 1 - sequence
        return row < UInt64(count) ? Int(row) : nil
    }
}
