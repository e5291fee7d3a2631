import EventScopeCore

/// Everything one frame shows. Built by the app loop; rendering is a pure function of it.
public struct DashboardInput {
    public var store: Store
    public var state: AppState
    public var keyMap: KeyMap
    public var sources: [SourceHealth]
    public var nowMs: Int64
    /// The current list screen's model (nil on the Overview or in a detail pane).
    public var listModel: ListModel?
    /// The open detail pane's lines (nil when no detail is open).
    public var detailLines: [DetailLine]?
    public var findings: [OverviewScreen.FindingLine]
    /// Items that arrived since the view was paused.
    public var arrivedWhilePaused: UInt64
    public var reveal: Bool
    /// Dropped or sampled items the user must know about, e.g. "3 evicted chains".
    public var lossNotes: [String]

    public init(
        store: Store, state: AppState, keyMap: KeyMap, sources: [SourceHealth], nowMs: Int64, listModel: ListModel?,
        detailLines: [DetailLine]?, findings: [OverviewScreen.FindingLine] = [],
        arrivedWhilePaused: UInt64 = 0, reveal: Bool = false, lossNotes: [String] = []
    ) {
        self.store = store
        self.state = state
        self.keyMap = keyMap
        self.sources = sources
        self.nowMs = nowMs
        self.listModel = listModel
        self.detailLines = detailLines
        self.findings = findings
        self.arrivedWhilePaused = arrivedWhilePaused
        self.reveal = reveal
        self.lossNotes = lossNotes
    }
}

/// Draws the whole dashboard: tab bar, context line, content, hint bar and status bar.
public enum DashboardRenderer {
    /// Rows taken by chrome: tabs, context line, hints, status.
    static let chromeRows = 4

    /// The rectangle the screen's content gets in a terminal of this size.
    public static func contentRect(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: 2, width: width, height: max(0, height - chromeRows))
    }

    /// Rows a list page holds (the table header takes one).
    public static func pageSize(height: Int) -> Int {
        max(1, height - chromeRows - 1)
    }

    public static func render(_ input: DashboardInput, into grid: inout Grid) {
        grid.fill(grid.bounds)
        if TooSmall.applies(width: grid.width, height: grid.height) {
            TooSmall.render(into: &grid)
            return
        }
        let state = input.state
        TabBar(titles: ScreenID.allCases.map(\.title), shortTitles: ScreenID.allCases.map(\.shortTitle), activeIndex: state.screen.rawValue - 1)
            .render(into: &grid, in: grid.bounds.row(0))
        renderContextLine(input, into: &grid, in: grid.bounds.row(1))
        let content = contentRect(width: grid.width, height: grid.height)
        if state.showHelp {
            renderHelp(input.keyMap, scroll: state.helpScroll, into: &grid, in: content)
        } else if let lines = input.detailLines {
            let pane = TextPane(
                lines: lines.map(\.text), lineRoles: lines.map(\.role), title: state.details.last?.crumb, bordered: true,
                scrollOffset: state.detailScroll, highlight: state.filter.flatMap(highlightText),
                horizontalOffset: state.wrapDetails ? 0 : state.detailColumn
            )
            pane.render(into: &grid, in: content)
        } else if state.screen == .overview {
            OverviewScreen.render(
                into: &grid, in: content, store: input.store, sources: input.sources, findings: input.findings, nowMs: input.nowMs,
                denied: input.listModel, selected: state.lists[.overview]?.selected ?? 0)
        } else if let model = input.listModel {
            renderList(model, state: state, into: &grid, in: content)
        }
        HintBar(hints: hints(input)).render(into: &grid, in: grid.bounds.row(grid.height - 2))
        StatusBar(left: statusLeft(input), right: statusRight(input)).render(into: &grid, in: grid.bounds.row(grid.height - 1))
    }

    /// The table for a list model, with the selection kept visible. Only visible rows are formatted.
    static func renderList(_ model: ListModel, state: AppState, into grid: inout Grid, in rect: Rect) {
        listTable(model, state: state, in: rect).render(into: &grid, in: rect)
    }

    /// The table a list model shows in `rect`: its visible rows only, scrolled as the list is.
    static func listTable(_ model: ListModel, state: AppState, in rect: Rect) -> Table {
        let visible = max(0, rect.height - 1)
        let list = state.lists[state.screen] ?? AppState.ListState()
        let selected = min(list.selected, max(0, model.count - 1))
        // The offset the reducer keeps; adjusted only if the terminal shrank since.
        let offset = Table.adjustedOffset(selected: selected, offset: list.offset, visibleRows: visible, rowCount: model.count)
        let end = min(model.count, offset + visible)
        let rows = (offset..<max(offset, end)).map { index -> TableRow in
            let row = model.row(index)
            return TableRow(row.cells, role: row.role, marker: row.marker)
        }
        return Table(
            columns: model.columns, rows: rows, selectedIndex: model.count == 0 ? nil : selected - offset,
            scrollOffset: 0, emptyMessage: model.emptyText, leadingHidden: list.hiddenColumns
        )
    }

    static func renderContextLine(_ input: DashboardInput, into grid: inout Grid, in rect: Rect) {
        let state = input.state
        if let draft = state.filterDraft {
            let used = grid.write("/", x: rect.x, y: rect.y, role: .key)
            let text = grid.write(TerminalText.escape(draft), x: rect.x + used, y: rect.y, maxWidth: rect.width - used - 30, role: .normal)
            grid.write("▏", x: rect.x + used + text, y: rect.y, role: .accent)
            var x = rect.x + used + text + 1
            let offered = FilterVocabulary.suggestions(for: draft, on: state.screen)
            if !offered.isEmpty {
                x += grid.write(fitting: "  tab→ " + offered.prefix(6).joined(separator: " "), x: x, y: rect.y, maxWidth: rect.maxX - x, role: .accent)
            }
            let keys = FilterVocabulary.keys(for: state.screen).map { $0 + ":" }.joined(separator: " ")
            grid.write(fitting: "  enter: apply · esc: cancel · \(keys) !not", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .muted)
            return
        }
        // The filter is written first at the right end, so a long path or summary cannot hide it.
        var right = rect.maxX
        if let filter = state.filter {
            let text = " filter: \(TerminalText.escape(filter.source, limit: 60))"
            let width = min(DisplayWidth.of(text), max(0, rect.width / 2))
            right -= width
            grid.write(TextFit.truncated(text, width: width), x: right, y: rect.y, maxWidth: width, role: .accent)
        }
        var x = rect.x
        x += grid.write(fitting: state.breadcrumb.joined(separator: " › "), x: x, y: rect.y, maxWidth: right - x, role: .title)
        if state.details.isEmpty, let model = input.listModel {
            let list = state.lists[state.screen] ?? AppState.ListState()
            let sort = model.sorts.isEmpty ? "" : " · sort: \(model.sorts[list.sortColumn % model.sorts.count].name)\(list.sortReversed ? " (reversed)" : "")"
            let follow = list.follow ? " · following newest" : ""
            x += grid.write(fitting: "  \(model.summary)\(sort)\(follow)", x: x, y: rect.y, maxWidth: max(0, right - x), role: .muted)
        }
    }

    /// The help text: every bound key, then the filter keys and values of every screen.
    public static func helpLines(_ keyMap: KeyMap) -> [String] {
        var lines = ["Keys (remap them in the config file; esc or ? closes this help, j/k scroll)", ""]
        lines += keyMap.helpLines().map { entry -> String in
            let keys = entry.keys.count < 18 ? entry.keys + String(repeating: " ", count: 18 - entry.keys.count) : entry.keys
            return "\(keys) \(entry.summary)"
        }
        lines += ["", "Filter keys (/ then key:value; tab completes values)"]
        for screen in ScreenID.allCases where !FilterVocabulary.keys(for: screen).isEmpty {
            lines.append("  \(screen.title): \(FilterVocabulary.keys(for: screen).joined(separator: " "))")
        }
        // Short lines, so the lists read whole at 80 columns.
        let operations = FilterVocabulary.operations
        for start in stride(from: 0, to: operations.count, by: 5) {
            lines.append((start == 0 ? "  op: " : "      ") + operations[start..<min(operations.count, start + 5)].joined(separator: " "))
        }
        lines.append("      publish, produce = WRITE; consume, fetch = READ")
        lines.append("  status: granted denied (Decisions, Live)")
        lines.append("          \(TraceChainStatus.allCases.map(\.rawValue).joined(separator: " ")) (Traces)")
        lines.append("  severity: \(FilterVocabulary.severities.joined(separator: " "))")
        lines.append("  new: seen first in the last 5 min, marked + (2 3 4)")
        return lines
    }

    static func renderHelp(_ keyMap: KeyMap, scroll: Int, into grid: inout Grid, in rect: Rect) {
        let rows = helpRows(keyMap, width: max(0, rect.width - 2))
        TextPane(lines: rows.map(\.text), lineRoles: rows.map(\.role), title: "Help", bordered: true, scrollOffset: scroll).render(into: &grid, in: rect)
    }

    /// The help text wrapped to the pane: a key's description wraps under itself.
    static func helpRows(_ keyMap: KeyMap, width: Int) -> [DetailLine] {
        let lines = helpLines(keyMap).enumerated().map { index, text in
            DetailLine(text, role: index == 0 ? .title : .normal, hangingIndent: text.hasPrefix(" ") ? nil : 19)
        }
        return DetailLayout(lines: lines, width: width, wrap: true).rows
    }

    /// The hint bar: the commands the reducer accepts here, most useful first.
    static func hints(_ input: DashboardInput) -> [Hint] {
        let state = input.state
        if state.filterDraft != nil { return [] }
        let shown = ScreenCommands.commands(for: state).filter {
            (!ScreenCommands.navigation.contains($0) && !ScreenCommands.screens.contains($0) || $0 == .nextScreen) && $0 != .scrollLeft
        }
        // Sideways scrolling takes one hint for both of its keys: `←→ scroll`.
        let left = input.keyMap.keys(for: .scrollLeft).first?.symbol ?? ""
        return input.keyMap.hints(for: shown).map { hint in
            Hint(key: hint.label == Command.scrollRight.label ? left + hint.key : hint.key, label: hint.label)
        }
    }

    static func statusLeft(_ input: DashboardInput) -> [StatusSegment] {
        var segments: [StatusSegment] = []
        for source in input.sources.prefix(6) {
            let (marker, role) = OverviewScreen.sourceMarker(source.state)
            segments.append(StatusSegment("\(marker) \(TerminalText.escape(source.name, limit: 24))", role: role, priority: 2))
        }
        if input.sources.isEmpty { segments.append(StatusSegment("no sources", role: .statusWarn, priority: 1)) }
        let store = input.store
        segments.append(StatusSegment("ev/s \(Format.rate(store.eventRate.rate(overSeconds: 1, nowMs: input.nowMs)))", priority: 0))
        segments.append(StatusSegment("dec/s \(Format.rate(store.decisionRate.rate(overSeconds: 1, nowMs: input.nowMs)))", priority: 0))
        let lag = input.sources.compactMap(\.lag).reduce(0, +)
        if lag > 0 { segments.append(StatusSegment("lag \(Format.count(UInt64(lag)))", role: .statusWarn, priority: 1)) }
        return segments
    }

    static func statusRight(_ input: DashboardInput) -> [StatusSegment] {
        var segments: [StatusSegment] = []
        let evicted = input.store.evictions.total
        if evicted > 0 { segments.append(StatusSegment("evicted \(Format.count(evicted))", role: .statusWarn, priority: 1)) }
        for note in input.lossNotes { segments.append(StatusSegment(note, role: .statusWarn, priority: 1)) }
        if input.reveal { segments.append(StatusSegment("REVEALING SENSITIVE DATA", role: .statusError, priority: 0)) }
        if input.state.filter != nil { segments.append(StatusSegment("FILTERED", role: .statusWarn, priority: 0)) }
        if let message = input.state.message { segments.insert(StatusSegment(message, role: .statusWarn, priority: 0), at: 0) }
        if input.state.paused {
            segments.append(StatusSegment("PAUSED +\(Format.count(input.arrivedWhilePaused)) new", role: .statusWarn, priority: 0))
        }
        return segments
    }

    /// The free-text part of a filter, highlighted in detail panes (n/N jump between matches).
    public static func highlightText(_ filter: FilterQuery) -> String? {
        for clause in filter.clauses where !clause.negated {
            switch clause.term {
            case .text(let text): return text
            case .field(_, let value): return value
            case .decision, .isNew: continue
            }
        }
        return nil
    }
}
