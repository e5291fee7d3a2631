import EventScopeCore

/// The pure state machine of the UI: (state, action) → (state, effects). No drawing, no I/O.
public enum Reducer {
    /// How long a status message stays when no key clears it.
    static let messageLifetimeMs: Int64 = 6_000

    public static func reduce(_ state: AppState, _ action: Action, keyMap: KeyMap, context: ReduceContext) -> (AppState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch action {
        case .key(let key):
            s.message = nil
            s.messageShownAtMs = nil
            if s.filterDraft != nil {
                editFilter(&s, key: key, effects: &effects)
            } else if let command = keyMap.command(for: key) {
                apply(command, keyName: key.name, to: &s, effects: &effects, context: context)
            } else {
                s.message = "\(key.name): no command (? lists the keys)"
            }
        case .resize:
            clamp(&s, context: context)
        case .tick(let nowMs):
            if s.message != nil {
                if let shown = s.messageShownAtMs {
                    if nowMs - shown >= messageLifetimeMs {
                        s.message = nil
                        s.messageShownAtMs = nil
                    }
                } else {
                    s.messageShownAtMs = nowMs
                }
            }
        case .sourceEvents:
            anchor(&s, context: context)
        }
        return (s, effects)
    }

    /// Applies one command where the operator is, or says why it does nothing there.
    static func apply(_ command: Command, keyName: String, to s: inout AppState, effects: inout [Effect], context: ReduceContext) {
        if command == .quit {
            effects.append(.quit)
            return
        }
        if s.showHelp {
            switch command {
            case .help, .back: s.showHelp = false
            case .up, .down, .pageUp, .pageDown, .top, .bottom:
                s.helpScroll = moved(
                    s.helpScroll, command: command, count: max(0, context.helpLineCount - context.detailPageSize + 1), page: context.detailPageSize)
            default: s.message = ScreenCommands.refusal(command, state: s, keyName: keyName)
            }
            return
        }
        guard ScreenCommands.commands(for: s).contains(command) else {
            s.message = ScreenCommands.refusal(command, state: s, keyName: keyName)
            return
        }
        let inDetail = !s.details.isEmpty
        switch command {
        case .quit:
            break
        case .help:
            s.showHelp = true
            s.helpScroll = 0
        case .nextScreen, .previousScreen:
            go(to: command == .nextScreen ? s.screen.next : s.screen.previous, &s, effects: &effects)
        case .screenOverview, .screenTopics, .screenEventTypes, .screenPrincipals, .screenDecisions,
            .screenTraces, .screenLive, .screenFindings:
            if let screen = command.screen { go(to: screen, &s, effects: &effects) }
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            if inDetail {
                let last = max(0, context.detailLineCount - context.detailPageSize)
                s.detailScroll = min(last, moved(s.detailScroll, command: command, count: last + 1, page: context.detailPageSize))
            } else {
                var list = s.list
                list.follow = false
                select(moved(list.selected, command: command, count: context.rowCount, page: context.pageSize), in: &list, context: context)
                s.list = list
            }
        case .open:
            guard !inDetail, s.list.selected < context.rowCount, let target = context.targetOfRow(s.list.selected) else {
                s.message = "\(keyName): nothing to open here"
                return
            }
            if case .decision = target, s.screen == .overview {
                // The Overview's rows summarise other screens: the decision opens where it lives.
                jump(to: .decisions, details: [target], &s, effects: &effects)
            } else {
                s.details.append(target)
                s.detailScroll = 0
                s.detailColumn = 0
            }
        case .back:
            back(&s, effects: &effects)
        case .pause:
            s.paused.toggle()
            s.pausedAtCount = context.ingestedCount
            if s.paused {
                effects.append(.freezeData)
            } else {
                s.frozenData = nil
                s.frozenDetail = nil
            }
        case .sort:
            s.list.sortColumn = (s.list.sortColumn + 1) % max(1, context.sortColumnCount)
        case .reverseSort:
            s.list.sortReversed.toggle()
        case .filter:
            s.filterDraft = s.filters[s.screen]?.source ?? ""
            s.filterBeforeEdit = s.filters[s.screen]
        case .toggleAllowed:
            s.showAllowed.toggle()
        case .groupBy:
            let all = AppState.DecisionGrouping.allCases
            s.decisionGrouping = all[((all.firstIndex(of: s.decisionGrouping) ?? 0) + 1) % all.count]
            s.list.selectedKey = nil
            s.list.selected = 0
        case .jumpToTrace:
            guard let key = context.traceKeyOfSelection() else {
                s.message = "\(keyName): no trace for this \(inDetail ? "detail" : "row") (no trace, correlation or causation id)"
                return
            }
            jump(to: .traces, details: [.trace(key)], &s, effects: &effects)
        case .cycleTheme:
            let names = context.themeNames
            guard names.count > 1 else {
                s.message = "\(keyName): \(names.first ?? "default") is the only theme"
                return
            }
            s.themeIndex = (s.themeIndex + 1) % names.count
            s.message = "theme \(names[s.themeIndex]) (\(s.themeIndex + 1) of \(names.count))"
            effects.append(.applyTheme(s.themeIndex))
        case .nextMatch, .previousMatch:
            if let line = context.matchLine(command == .nextMatch, s.detailScroll) {
                s.detailScroll = min(line, max(0, context.detailLineCount - context.detailPageSize))
            } else {
                s.message = "\(keyName): no line matches the filter"
            }
        case .context:
            guard s.screen == .live else {
                s.message = ScreenCommands.refusal(command, state: s, keyName: keyName)
                return
            }
            s.showContext.toggle()
        case .sources:
            s.details.append(.sources)
            s.detailScroll = 0
            s.detailColumn = 0
        case .wrap:
            s.wrapDetails.toggle()
            s.detailColumn = 0
            // Rows are counted as drawn, so the same place is found again in the new layout.
            if let row = context.rowOfDetailLine(context.detailLineOfRow(s.detailScroll), s.wrapDetails) {
                s.detailScroll = row
            }
            s.message = s.wrapDetails ? "wrapping long lines (w: cut them and scroll with ←→)" : "long lines cut at … (←→ scroll, w wraps)"
        case .scrollLeft, .scrollRight:
            let step = command == .scrollRight ? 1 : -1
            if inDetail {
                let widest = max(0, context.detailOverflow)
                let next = min(widest, max(0, s.detailColumn + step * context.detailColumnStep))
                if next == s.detailColumn { s.message = "\(keyName): \(step > 0 ? "no more text to the right" : "already at the left edge")" }
                s.detailColumn = next
            } else {
                let next = s.list.hiddenColumns + step
                if next < 0 {
                    s.message = "\(keyName): already showing the first columns"
                } else if step > 0, !context.columnsOutOfView(s.list.hiddenColumns) {
                    s.message = "\(keyName): every column is in view"
                } else {
                    s.list.hiddenColumns = next
                }
            }
        case .follow:
            s.list.follow.toggle()
            s.message = s.list.follow ? "following the newest row (f stops)" : "selection stays on its item"
            if s.list.follow { select(0, in: &s.list, context: context) }
        }
    }

    /// Goes to a screen by its key: a fresh start, so the trail is dropped.
    static func go(to screen: ScreenID, _ s: inout AppState, effects: inout [Effect]) {
        s.screen = screen
        s.details = []
        s.detailScroll = 0
        s.detailColumn = 0
        s.trail = []
        s.arrivalDepth = 0
    }

    /// Goes somewhere from here, leaving a place on the trail for `esc` to return to.
    static func jump(to screen: ScreenID, details: [DetailTarget], _ s: inout AppState, effects: inout [Effect]) {
        s.trail.append(AppState.Place(screen: s.screen, details: s.details, detailScroll: s.detailScroll, arrivalDepth: s.arrivalDepth))
        s.screen = screen
        s.details = details
        s.detailScroll = 0
        s.detailColumn = 0
        s.arrivalDepth = details.count
    }

    /// `esc`: close the detail opened here, or return to the place a jump left, or clear the filter.
    static func back(_ s: inout AppState, effects: inout [Effect]) {
        if s.details.count > s.arrivalDepth {
            s.details.removeLast()
            s.detailScroll = 0
            s.detailColumn = 0
        } else if let place = s.trail.popLast() {
            s.screen = place.screen
            s.details = place.details
            s.detailScroll = place.detailScroll
            s.detailColumn = 0
            s.arrivalDepth = place.arrivalDepth
        } else if s.filters[s.screen] != nil {
            s.filters[s.screen] = nil
        } else {
            s.message = "esc: nowhere to go back to (q quits)"
            return
        }
    }

    private static func editFilter(_ s: inout AppState, key: Key, effects: inout [Effect]) {
        var draft = s.filterDraft ?? ""
        switch key {
        case .enter:
            let query = draft.isEmpty ? nil : FilterQuery(draft)
            s.filters[s.screen] = query
            s.filterDraft = nil
            s.filterBeforeEdit = nil
            s.list.selected = 0
            s.list.offset = 0
            s.list.selectedKey = nil
            if let query { s.message = FilterVocabulary.problem(with: query, on: s.screen) }
            return
        case .escape:
            // Cancels the edit: the filter in force before it comes back.
            s.filters[s.screen] = s.filterBeforeEdit
            s.filterDraft = nil
            s.filterBeforeEdit = nil
            return
        case .tab:
            if let completed = FilterVocabulary.completed(draft, on: s.screen) { draft = completed }
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
    }

    static func moved(_ position: Int, command: Command, count: Int, page: Int) -> Int {
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

    /// Selects row `row` (clamped) and moves the view only as far as needed to show it.
    static func select(_ row: Int, in list: inout AppState.ListState, context: ReduceContext) {
        let count = context.rowCount
        list.selected = min(max(0, row), max(0, count - 1))
        list.selectedKey = count > 0 ? context.keyOfRow(list.selected) : nil
        list.offset = Table.adjustedOffset(selected: list.selected, offset: list.offset, visibleRows: context.pageSize, rowCount: count)
    }

    /// Puts the selection back on its item after rows moved (or on the newest row when following).
    static func anchor(_ s: inout AppState, context: ReduceContext) {
        guard s.details.isEmpty else { return }
        var list = s.list
        if list.follow {
            select(0, in: &list, context: context)
        } else if let key = list.selectedKey, let row = context.rowOfKey(key, list.selected) {
            select(row, in: &list, context: context)
        } else {
            // The item left the list (evicted or filtered out): the row in its place is selected.
            select(list.selected, in: &list, context: context)
        }
        s.list = list
    }

    private static func clamp(_ s: inout AppState, context: ReduceContext) {
        if s.details.isEmpty {
            var list = s.list
            select(list.selected, in: &list, context: context)
            s.list = list
        } else {
            s.detailScroll = min(s.detailScroll, max(0, context.detailLineCount - context.detailPageSize))
        }
    }
}
