import EventScopeCore

/// What the reducer needs to know about the current screen's contents.
public struct ReduceContext {
    public var rowCount: Int
    /// The detail target of each row is resolved lazily: only the selected one is needed.
    public var targetOfRow: (Int) -> DetailTarget?
    public var pageSize: Int
    public var sortColumnCount: Int
    public var detailLineCount: Int
    /// The trace chain of the selected row (or open detail), for `jump-to-trace`.
    public var traceKeyOfSelection: String?
    /// Total items ingested so far, so a pause can count what arrives meanwhile.
    public var ingestedCount: UInt64
    public var themeCount: Int
    /// The detail line of the next (true) or previous (false) filter match from a scroll position.
    public var matchLine: (Bool, Int) -> Int? = { _, _ in nil }

    public init(
        rowCount: Int = 0, targetOfRow: @escaping (Int) -> DetailTarget? = { _ in nil }, pageSize: Int = 10,
        sortColumnCount: Int = 1, detailLineCount: Int = 0, traceKeyOfSelection: String? = nil,
        ingestedCount: UInt64 = 0, themeCount: Int = 1
    ) {
        self.rowCount = rowCount
        self.targetOfRow = targetOfRow
        self.pageSize = pageSize
        self.sortColumnCount = sortColumnCount
        self.detailLineCount = detailLineCount
        self.traceKeyOfSelection = traceKeyOfSelection
        self.ingestedCount = ingestedCount
        self.themeCount = themeCount
    }
}

/// The pure state machine of the UI: (state, key) → state. No drawing, no I/O.
public enum Reducer {
    /// Applies a key press. While a filter is being typed, keys edit the filter instead.
    public static func reduce(_ state: AppState, key: Key, keyMap: KeyMap, context: ReduceContext) -> AppState {
        if state.filterDraft != nil { return editFilter(state, key: key) }
        if key == .resize { return clamp(state, context: context) }
        guard let command = keyMap.command(for: key) else { return state }
        return reduce(state, command: command, context: context)
    }

    public static func reduce(_ state: AppState, command: Command, context: ReduceContext) -> AppState {
        var s = state
        if s.showHelp, command != .quit {
            s.showHelp = false
            return s
        }
        let inDetail = !s.details.isEmpty
        switch command {
        case .quit:
            s.shouldQuit = true
        case .help:
            s.showHelp = true
        case .nextScreen, .previousScreen:
            s.details = []
            s.screen = command == .nextScreen ? s.screen.next : s.screen.previous
        case .screenOverview, .screenTopics, .screenEventTypes, .screenPrincipals, .screenDecisions,
            .screenTraces, .screenLive, .screenFindings:
            s.details = []
            if let screen = command.screen { s.screen = screen }
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            if inDetail {
                s.detailScroll = moved(s.detailScroll, command: command, count: context.detailLineCount, page: context.pageSize)
            } else {
                s.list.selected = moved(s.list.selected, command: command, count: context.rowCount, page: context.pageSize)
            }
        case .open:
            let target = inDetail ? nil : context.targetOfRow(s.list.selected)
            if let target, s.list.selected < context.rowCount {
                s.details.append(target)
                s.detailScroll = 0
            }
        case .back:
            if !s.details.isEmpty {
                s.details.removeLast()
                s.detailScroll = 0
            } else if s.filters[s.screen] != nil {
                s.filters[s.screen] = nil
            }
        case .pause:
            s.paused.toggle()
            s.pausedAtCount = context.ingestedCount
        case .sort:
            s.list.sortColumn = (s.list.sortColumn + 1) % max(1, context.sortColumnCount)
            s.list.selected = 0
        case .filter:
            s.filterDraft = s.filters[s.screen]?.source ?? ""
        case .toggleAllowed:
            if s.screen == .decisions {
                s.showAllowed.toggle()
                s.list.selected = 0
            }
        case .groupBy:
            if s.screen == .decisions {
                let all = AppState.DecisionGrouping.allCases
                s.decisionGrouping = all[((all.firstIndex(of: s.decisionGrouping) ?? 0) + 1) % all.count]
                s.list.selected = 0
            }
        case .jumpToTrace:
            if let key = context.traceKeyOfSelection {
                s.screen = .traces
                s.details = [.trace(key)]
                s.detailScroll = 0
            }
        case .cycleTheme:
            s.themeIndex = (s.themeIndex + 1) % max(1, context.themeCount)
        case .nextMatch, .previousMatch:
            if inDetail, let line = context.matchLine(command == .nextMatch, s.detailScroll) { s.detailScroll = line }
        case .context:
            if s.screen == .live { s.showContext.toggle() }
        case .sources:
            s.details.append(.sources)
            s.detailScroll = 0
        }
        // The context describes the screen the key was pressed on; a new screen clamps next frame.
        return s.screen == state.screen ? clamp(s, context: context) : s
    }

    private static func editFilter(_ state: AppState, key: Key) -> AppState {
        var s = state
        var draft = s.filterDraft ?? ""
        switch key {
        case .enter:
            s.filters[s.screen] = draft.isEmpty ? nil : FilterQuery(draft)
            s.filterDraft = nil
            s.list.selected = 0
            return s
        case .escape:
            s.filterDraft = nil
            return s
        case .backspace, .delete:
            if !draft.isEmpty { draft.removeLast() }
        case .char(let c):
            if draft.count < 200 { draft.append(c) }
        case .ctrl("u"):
            draft = ""
        default:
            break
        }
        s.filterDraft = draft
        // Live preview: the list filters as you type.
        s.filters[s.screen] = draft.isEmpty ? nil : FilterQuery(draft)
        return s
    }

    private static func moved(_ position: Int, command: Command, count: Int, page: Int) -> Int {
        let last = max(0, count - 1)
        switch command {
        case .up: return max(0, position - 1)
        case .down: return min(last, position + 1)
        case .pageUp: return max(0, position - max(1, page))
        case .pageDown: return min(last, position + max(1, page))
        case .top: return 0
        case .bottom: return last
        default: return position
        }
    }

    private static func clamp(_ state: AppState, context: ReduceContext) -> AppState {
        var s = state
        if s.details.isEmpty {
            s.list.selected = min(max(0, s.list.selected), max(0, context.rowCount - 1))
        }
        return s
    }
}
