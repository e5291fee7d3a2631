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

/// What a list screen shows: columns, a row count and a lazy row formatter.
///
/// Rows are formatted on demand so a frame costs the visible rows only, however many
/// entities the store holds.
public struct ListModel {
    public var columns: [TableColumn]
    public var count: Int
    public var row: (Int) -> ListRow
    /// Titles of the sortable orders, cycled by `s`; the active one is shown.
    public var sortNames: [String]
    public var emptyText: String
    /// A one-line summary above the table (totals, evictions, grouping).
    public var summary: String

    public init(columns: [TableColumn], count: Int, sortNames: [String], emptyText: String, summary: String, row: @escaping (Int) -> ListRow) {
        self.columns = columns
        self.count = count
        self.row = row
        self.sortNames = sortNames
        self.emptyText = emptyText
        self.summary = summary
    }
}
