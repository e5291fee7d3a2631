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
    /// A custom content renderer (trace trees) that replaces the detail text when set.
    public var customContent: ((inout Grid, Rect) -> Void)?
    public var findings: [OverviewScreen.FindingLine]
    /// Items that arrived since the view was paused.
    public var arrivedWhilePaused: UInt64
    public var reveal: Bool
    /// Dropped or sampled items the user must know about, e.g. "3 evicted chains".
    public var lossNotes: [String]

    public init(
        store: Store, state: AppState, keyMap: KeyMap, sources: [SourceHealth], nowMs: Int64, listModel: ListModel?,
        detailLines: [DetailLine]?, customContent: ((inout Grid, Rect) -> Void)? = nil, findings: [OverviewScreen.FindingLine] = [],
        arrivedWhilePaused: UInt64 = 0, reveal: Bool = false, lossNotes: [String] = []
    ) {
        self.store = store
        self.state = state
        self.keyMap = keyMap
        self.sources = sources
        self.nowMs = nowMs
        self.listModel = listModel
        self.detailLines = detailLines
        self.customContent = customContent
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
        TabBar(titles: ScreenID.allCases.map(\.title), activeIndex: state.screen.rawValue - 1).render(into: &grid, in: grid.bounds.row(0))
        renderContextLine(input, into: &grid, in: grid.bounds.row(1))
        let content = contentRect(width: grid.width, height: grid.height)
        if state.showHelp {
            renderHelp(input.keyMap, into: &grid, in: content)
        } else if let custom = input.customContent {
            custom(&grid, content)
        } else if let lines = input.detailLines {
            let pane = TextPane(
                lines: lines.map(\.text), lineRoles: lines.map(\.role), title: state.details.last?.crumb, bordered: true,
                scrollOffset: state.detailScroll, highlight: state.filter.flatMap(highlightText)
            )
            pane.render(into: &grid, in: content)
        } else if let model = input.listModel {
            renderList(model, state: state, into: &grid, in: content)
        } else {
            OverviewScreen.render(into: &grid, in: content, store: input.store, sources: input.sources, findings: input.findings, nowMs: input.nowMs)
        }
        HintBar(hints: hints(input)).render(into: &grid, in: grid.bounds.row(grid.height - 2))
        StatusBar(left: statusLeft(input), right: statusRight(input)).render(into: &grid, in: grid.bounds.row(grid.height - 1))
    }

    /// The table for a list model, with the selection kept visible. Only visible rows are formatted.
    static func renderList(_ model: ListModel, state: AppState, into grid: inout Grid, in rect: Rect) {
        let visible = max(0, rect.height - 1)
        let selected = min(state.lists[state.screen]?.selected ?? 0, max(0, model.count - 1))
        let offset = Table.adjustedOffset(selected: selected, offset: state.lists[state.screen]?.scroll ?? max(0, selected - visible + 1), visibleRows: visible, rowCount: model.count)
        let end = min(model.count, offset + visible)
        let rows = (offset..<max(offset, end)).map { index -> TableRow in
            let row = model.row(index)
            return TableRow(row.cells, role: row.role, marker: row.marker)
        }
        let table = Table(
            columns: model.columns, rows: rows, selectedIndex: model.count == 0 ? nil : selected - offset,
            scrollOffset: 0, emptyMessage: model.emptyText
        )
        table.render(into: &grid, in: rect)
    }

    static func renderContextLine(_ input: DashboardInput, into grid: inout Grid, in rect: Rect) {
        let state = input.state
        if let draft = state.filterDraft {
            let used = grid.write("/", x: rect.x, y: rect.y, role: .key)
            let text = grid.write(TerminalText.escape(draft), x: rect.x + used, y: rect.y, maxWidth: rect.width - used - 30, role: .normal)
            grid.write("▏", x: rect.x + used + text, y: rect.y, role: .accent)
            grid.write("  enter: apply · esc: cancel · principal: type: topic: op: status: !not denied", x: rect.x + used + text + 1, y: rect.y, maxWidth: rect.maxX - rect.x - used - text - 1, role: .muted)
            return
        }
        var parts: [String] = [state.screen.title]
        parts += state.details.map(\.crumb)
        var x = rect.x
        x += grid.write(parts.joined(separator: " › "), x: x, y: rect.y, maxWidth: rect.width, role: .title)
        if state.details.isEmpty, let model = input.listModel {
            let sort = model.sortNames.isEmpty ? "" : " · sort: \(model.sortNames[(state.lists[state.screen]?.sortColumn ?? 0) % model.sortNames.count])"
            x += grid.write("  \(model.summary)\(sort)", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .muted)
        }
        if let filter = state.filter {
            grid.write("  filter: \(TerminalText.escape(filter.source, limit: 60))", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .accent)
        }
    }

    static func renderHelp(_ keyMap: KeyMap, into grid: inout Grid, in rect: Rect) {
        let lines = keyMap.helpLines().map { entry -> String in
            let keys = entry.keys.count < 18 ? entry.keys + String(repeating: " ", count: 18 - entry.keys.count) : entry.keys
            return "\(keys) \(entry.summary)"
        }
        TextPane(lines: ["Keys (remap them in the config file; any key closes this help)", ""] + lines, lineRoles: [.title], title: "Help", bordered: true).render(into: &grid, in: rect)
    }

    static func hints(_ input: DashboardInput) -> [Hint] {
        let state = input.state
        if state.filterDraft != nil { return [] }
        // Help and quit first: they must survive the narrowest hint bar.
        var commands: [Command] = [.help, .quit]
        if !state.details.isEmpty {
            commands += [.back]
            if state.screen != .traces { commands.append(.jumpToTrace) }
            if state.filter != nil { commands += [.nextMatch, .previousMatch] }
        } else {
            commands += [.nextScreen, .open, .filter, .sort]
            if state.screen == .decisions { commands += [.toggleAllowed, .groupBy] }
            if state.screen == .live { commands += [.jumpToTrace, .context] }
        }
        commands += [.pause, .sources, .cycleTheme]
        return input.keyMap.hints(for: commands).map { Hint(key: $0.key, label: $0.label) }
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
            case .decision: continue
            }
        }
        return nil
    }
}
