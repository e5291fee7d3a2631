import EventScopeCore

/// What the reducer needs to know about the current screen's contents, read from the model
/// shown (or about to be shown). Built by the frame assembly; tests build it by hand.
public struct ReduceContext {
    public var rowCount: Int
    /// The detail target of each row is resolved lazily: only the selected one is needed.
    public var targetOfRow: (Int) -> DetailTarget?
    /// The identity of the item on a row (nil for lists whose rows have none).
    public var keyOfRow: (Int) -> String?
    /// Where an item is now, searching from a row it was near; nil when it is gone.
    public var rowOfKey: (String, Int) -> Int?
    /// Rows of a list that fit on screen.
    public var pageSize: Int
    /// Lines of a detail pane that fit on screen.
    public var detailPageSize: Int
    public var sortColumnCount: Int
    public var detailLineCount: Int
    /// The trace chain of the selected row (or open detail), for `jump-to-trace`; found only
    /// when `t` asks, as it may search the recent events.
    public var traceKeyOfSelection: () -> String?
    /// Total items ingested so far, so a pause can count what arrives meanwhile.
    public var ingestedCount: UInt64
    /// The names of the themes `T` cycles through, the one in use first.
    public var themeNames: [String]
    /// Lines the help overlay holds.
    public var helpLineCount: Int
    /// The detail line of the next (true) or previous (false) filter match from a scroll position.
    public var matchLine: (Bool, Int) -> Int? = { _, _ in nil }
    /// Whether, with this many columns scrolled off, some list columns are still out of view.
    public var columnsOutOfView: (Int) -> Bool = { _ in false }
    /// How far the widest detail line reaches past the pane, in columns (0 when all fit).
    public var detailOverflow = 0
    /// Columns one sideways scroll moves a detail pane.
    public var detailColumnStep = 8
    /// The line of the detail text a drawn row shows (rows and lines differ when wrapping).
    public var detailLineOfRow: (Int) -> Int = { $0 }
    /// The first drawn row of a detail line when wrapping is on (true) or off (false).
    public var rowOfDetailLine: (Int, Bool) -> Int? = { line, _ in line }

    public init(
        rowCount: Int = 0, targetOfRow: @escaping (Int) -> DetailTarget? = { _ in nil },
        keyOfRow: @escaping (Int) -> String? = { _ in nil }, rowOfKey: ((String, Int) -> Int?)? = nil,
        pageSize: Int = 10, detailPageSize: Int? = nil, sortColumnCount: Int = 1, detailLineCount: Int = 0,
        traceKeyOfSelection: @autoclosure @escaping () -> String? = nil, ingestedCount: UInt64 = 0, themeNames: [String] = ["dark"], helpLineCount: Int = 40
    ) {
        self.rowCount = rowCount
        self.targetOfRow = targetOfRow
        self.keyOfRow = keyOfRow
        self.rowOfKey = rowOfKey ?? { key, near in ReduceContext.search(key, near: near, count: rowCount, keyOfRow: keyOfRow) }
        self.pageSize = pageSize
        self.detailPageSize = detailPageSize ?? pageSize
        self.sortColumnCount = sortColumnCount
        self.detailLineCount = detailLineCount
        self.traceKeyOfSelection = traceKeyOfSelection
        self.ingestedCount = ingestedCount
        self.themeNames = themeNames
        self.helpLineCount = helpLineCount
    }

    /// Finds `key` by looking outward from row `near`: items usually move a few rows per frame,
    /// so the nearest rows are read first and a far move costs a scan only once.
    public static func search(_ key: String, near: Int, count: Int, keyOfRow: (Int) -> String?) -> Int? {
        guard count > 0 else { return nil }
        let start = min(max(0, near), count - 1)
        if keyOfRow(start) == key { return start }
        var distance = 1
        while start - distance >= 0 || start + distance < count {
            if start + distance < count, keyOfRow(start + distance) == key { return start + distance }
            if start - distance >= 0, keyOfRow(start - distance) == key { return start - distance }
            distance += 1
        }
        return nil
    }
}
