import EventScopeCore

/// The dashboard as the loop runs it and the snapshot tests draw it: the state, the reducer,
/// and the frame assembly that turns the pipeline into what the renderer draws.
///
/// `send` returns the effects only the loop can carry out (quitting, switching the terminal's
/// theme); freezing the view reads the pipeline, so it is done here.
public struct Dashboard {
    public private(set) var state: AppState
    public let keyMap: KeyMap

    public init(state: AppState = AppState(), keyMap: KeyMap = .standard) {
        self.state = state
        self.keyMap = keyMap
    }

    /// Reduces one action with the context of what is on screen now.
    public mutating func send(_ action: Action, data: FrameData) -> [Effect] {
        let model = listModel(data)
        if action != .sourceEvents, state.anchoredAtCount != data.ingestedCount {
            // Rows may have moved since the last frame: the key acts on the item the cursor is on.
            reduceQuietly(.sourceEvents, model: model, data: data)
        }
        let detail = detailLines(data)
        let (next, effects) = Reducer.reduce(state, action, keyMap: keyMap, context: context(model: model, detail: detail, data: data))
        state = next
        var forLoop: [Effect] = []
        for effect in effects {
            switch effect {
            case .freezeData:
                state.frozenData = .frozen(data.pipeline, nowMs: data.nowMs)
                state.frozenDetail = detail.map { AppState.FrozenDetail(screen: state.screen, depth: state.details.count, lines: $0) }
            case .quit, .applyTheme:
                forLoop.append(effect)
            }
        }
        return forLoop
    }

    private mutating func reduceQuietly(_ action: Action, model: ListModel?, data: FrameData) {
        state = Reducer.reduce(state, action, keyMap: keyMap, context: context(model: model, detail: nil, data: data)).0
        if action == .sourceEvents { state.anchoredAtCount = data.ingestedCount }
    }

    /// Builds this frame's input and draws it.
    public mutating func draw(_ data: FrameData, into grid: inout Grid) {
        let model = listModel(data)
        if state.anchoredAtCount != data.ingestedCount || (state.list.selectedKey == nil && (model?.count ?? 0) > 0) {
            reduceQuietly(.sourceEvents, model: model, data: data)
        }
        if state.message != nil { reduceQuietly(.tick(nowMs: data.nowMs), model: model, data: data) }
        let store = data.pipeline.store
        let input = DashboardInput(
            store: state.frozenData?.store ?? store, state: state, keyMap: keyMap, sources: data.sources, nowMs: state.frozenData?.nowMs ?? data.nowMs,
            listModel: model, detailLines: detailLines(data).map { layout($0, data: data).rows }, findings: newestFindings(data.pipeline),
            arrivedWhilePaused: state.paused ? data.ingestedCount &- state.pausedAtCount : 0, reveal: data.reveal,
            lossNotes: data.lossNotes() + Dashboard.pipelineLossNotes(data)
        )
        DashboardRenderer.render(input, into: &grid)
    }

    /// The list on screen, read from the frozen data while paused.
    public func listModel(_ data: FrameData) -> ListModel? {
        guard state.details.isEmpty else { return nil }
        let screenData = state.frozenData ?? .live(data.pipeline, nowMs: data.nowMs)
        if state.screen == .overview {
            let content = DashboardRenderer.contentRect(width: data.width, height: data.height)
            return OverviewScreen.deniedPrincipals(store: screenData.store, nowMs: screenData.nowMs, limit: OverviewScreen.deniedRows(in: content))
        }
        return ScreenModels.listModel(for: state.screen, data: screenData, state: state)
    }

    /// The detail's lines as the pane draws them at this size, wrapped or not.
    func layout(_ lines: [DetailLine], data: FrameData, wrap: Bool? = nil) -> DetailLayout {
        DetailLayout(lines: lines, width: Dashboard.detailTextWidth(data), wrap: wrap ?? state.wrapDetails)
    }

    /// Columns of text inside the bordered detail pane.
    static func detailTextWidth(_ data: FrameData) -> Int {
        max(0, DashboardRenderer.contentRect(width: data.width, height: data.height).width - 2)
    }

    /// The width a detail is laid out for: the pane's, or, while wrapping is off, wide enough for
    /// every column of a tree, which `←`/`→` then scroll into view.
    static func detailLayoutWidth(_ data: FrameData, wrap: Bool) -> Int {
        wrap ? data.width : max(data.width, 240)
    }

    /// The open detail's lines (nil when no detail is open). While paused, a detail is kept as
    /// it was when it opened.
    public mutating func detailLines(_ data: FrameData) -> [DetailLine]? {
        guard let target = state.details.last else { return nil }
        if state.paused, let frozen = state.frozenDetail, frozen.screen == state.screen, frozen.depth == state.details.count {
            return frozen.lines
        }
        let lines = liveDetailLines(target, data)
        if state.paused { state.frozenDetail = AppState.FrozenDetail(screen: state.screen, depth: state.details.count, lines: lines) }
        return lines
    }

    mutating func liveDetailLines(_ target: DetailTarget, _ data: FrameData) -> [DetailLine] {
        let pipeline = data.pipeline
        let width = Dashboard.detailLayoutWidth(data, wrap: state.wrapDetails)
        switch target {
        case .event(let stored):
            if let cached = state.eventDetail, cached.event === stored { return cached.lines }
            let lines = DetailContent.lines(for: target, pipeline: pipeline, nowMs: data.nowMs, width: width, reveal: data.reveal)
            state.eventDetail = (stored, lines)
            return lines
        case .sources:
            return DetailContent.lines(
                for: target, pipeline: pipeline, nowMs: data.nowMs, width: width, reveal: data.reveal,
                sources: data.sources, logs: data.logs(), frameSummary: data.frameSummary())
        default:
            return DetailContent.lines(for: target, pipeline: pipeline, nowMs: data.nowMs, width: width, reveal: data.reveal)
        }
    }

    func context(model: ListModel?, detail: [DetailLine]?, data: FrameData) -> ReduceContext {
        let selected = state.list.selected
        let details = state.details
        let pipeline = data.pipeline
        let content = DashboardRenderer.contentRect(width: data.width, height: data.height)
        let shown = detail.map { layout($0, data: data) }
        var context = ReduceContext(
            rowCount: model?.count ?? 0,
            targetOfRow: { index in model.flatMap { index < $0.count ? $0.target(index) : nil } },
            keyOfRow: { index in model.flatMap { index < $0.count ? $0.key(index) : nil } },
            rowOfKey: { key, near in model?.rowOfKey(key, near) },
            pageSize: DashboardRenderer.pageSize(height: data.height),
            detailPageSize: max(1, content.height - 2),
            sortColumnCount: max(1, model?.sorts.count ?? 1),
            detailLineCount: shown?.rows.count ?? 0,
            traceKeyOfSelection: {
                if let open = details.last { return Dashboard.traceKey(of: open, pipeline: pipeline) }
                guard let model, selected < model.count else { return nil }
                let row = model.row(selected)
                return row.traceKey ?? Dashboard.traceKey(of: model.target(selected), pipeline: pipeline)
            }(),
            ingestedCount: data.ingestedCount,
            themeNames: data.themeNames,
            // Built only while help is open: the text is made from the whole key map.
            helpLineCount: state.showHelp ? DashboardRenderer.helpRows(keyMap, width: Dashboard.detailTextWidth(data)).count : 0
        )
        if let shown, let needle = state.filter.flatMap(DashboardRenderer.highlightText) {
            context.matchLine = { forward, from in DetailSearch.line(in: shown.rows.map(\.text), matching: needle, from: from, forward: forward) }
        }
        if let shown, let detail {
            let textWidth = Dashboard.detailTextWidth(data)
            context.detailOverflow = max(0, shown.widest - textWidth)
            context.detailColumnStep = max(1, textWidth / 4)
            context.detailLineOfRow = { row in shown.lineOfRow.isEmpty ? 0 : shown.lineOfRow[min(max(0, row), shown.lineOfRow.count - 1)] }
            let wrapped = state.wrapDetails
            context.rowOfDetailLine = { [self] line, wrap in
                // The other layout is only built when `w` asks for it.
                let other = wrap == wrapped ? shown : layout(detail, data: data, wrap: wrap)
                return line < other.firstRowOfLine.count ? other.firstRowOfLine[line] : nil
            }
        }
        if let model {
            let state = state
            // Built only when `→` asks: it formats the rows on screen.
            context.columnsOutOfView = { hidden in
                var table = DashboardRenderer.listTable(model, state: state, in: content)
                table.leadingHidden = hidden
                return table.columnsOutOfView(in: content)
            }
        }
        return context
    }

    /// The trace chain behind a detail target, if it has one.
    static func traceKey(of target: DetailTarget?, pipeline: IngestPipeline) -> String? {
        guard let target else { return nil }
        let store = pipeline.store
        switch target {
        case .event(let stored):
            return pipeline.traceIndex.chainKey(forTopic: stored.event.topic, partition: stored.event.partition, offset: stored.event.offset)
                ?? stored.event.trace.chainKey
        case .trace(let key): return key
        case .decision(let decision):
            // The chain of the event nearest to the decision whose declared source stands for its
            // principal (the "around" list).
            let center = decision.timeMs ?? 0
            let nearest = store.recentEvents.newestFirst
                .filter { $0.claimedPrincipal == decision.principal && $0.event.trace.chainKey != nil }
                .min { abs(($0.event.timeMs ?? 0) - center) < abs(($1.event.timeMs ?? 0) - center) }
            return nearest.flatMap { traceKey(of: .event($0), pipeline: pipeline) }
        case .topic(let name):
            // The chain of the topic's newest traced event.
            let newest = store.recentEvents.newestFirst.first { $0.event.topic == name && $0.event.trace.chainKey != nil }
            return newest.flatMap { traceKey(of: .event($0), pipeline: pipeline) }
        default: return nil
        }
    }

    /// The Overview's newest findings, with a severity marker so colour is not the only signal.
    func newestFindings(_ pipeline: IngestPipeline) -> [OverviewScreen.FindingLine] {
        guard state.screen == .overview else { return [] }
        return pipeline.findings.newest(8).map { finding in
            OverviewScreen.FindingLine(
                text: "\(FindingsScreen.marker(finding.severity)) \(TerminalText.escape(finding.title, limit: 200)) ×\(finding.count)",
                role: FindingsScreen.role(finding.severity))
        }
    }

    /// What the pipeline dropped or could not read, for the status bar (nothing is lost silently).
    static func pipelineLossNotes(_ data: FrameData) -> [String] {
        let pipeline = data.pipeline
        var notes: [String] = []
        let traces = pipeline.traceIndex.counters
        if traces.evictedChains > 0 { notes.append("chains evicted \(Format.count(UInt64(traces.evictedChains)))") }
        if traces.droppedNodes > 0 { notes.append("hops over cap \(Format.count(UInt64(traces.droppedNodes)))") }
        let unreadable = pipeline.unparseableAudit
        // Names the key of the Sources pane, where each one's reason and excerpt are listed.
        if unreadable > 0 { notes.append("unparseable audit \(Format.count(unreadable)) (S: why)") }
        let evictedFindings = pipeline.findings.evicted
        if evictedFindings > 0 { notes.append("findings evicted \(Format.count(evictedFindings))") }
        let unwatched = data.sources.reduce(0) { $0 + $1.unwatchedPartitions }
        if unwatched > 0 { notes.append("partitions not read (cap) \(Format.count(UInt64(unwatched)))") }
        return notes
    }
}
