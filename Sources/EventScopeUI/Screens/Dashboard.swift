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
        var model = listModel(data)
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
            case .freezeView:
                state.frozen = nil
                model = listModel(data)
                if state.details.isEmpty {
                    // A place shown for the first time is anchored before it is frozen.
                    reduceQuietly(.sourceEvents, model: model, data: data)
                }
                state.frozen = AppState.FrozenView(screen: state.screen, depth: state.details.count, model: model, detail: detailLines(data))
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
        if state.anchoredAtCount != data.ingestedCount || state.list.selectedKey == nil {
            reduceQuietly(.sourceEvents, model: model, data: data)
        }
        reduceQuietly(.tick(nowMs: data.nowMs), model: model, data: data)
        let store = data.pipeline.store
        let input = DashboardInput(
            store: store, state: state, keyMap: keyMap, sources: data.sources, nowMs: data.nowMs,
            listModel: model, detailLines: detailLines(data), findings: newestFindings(data.pipeline),
            arrivedWhilePaused: state.paused ? data.ingestedCount &- state.pausedAtCount : 0, reveal: data.reveal,
            lossNotes: data.lossNotes() + Dashboard.pipelineLossNotes(data)
        )
        DashboardRenderer.render(input, into: &grid)
    }

    /// The list on screen: the frozen one while paused on the place that was frozen.
    public func listModel(_ data: FrameData) -> ListModel? {
        if state.paused, let frozen = state.frozen, frozen.screen == state.screen, frozen.depth == state.details.count, state.details.isEmpty {
            return frozen.model
        }
        guard state.details.isEmpty else { return nil }
        if state.screen == .overview {
            let content = DashboardRenderer.contentRect(width: data.width, height: data.height)
            return OverviewScreen.deniedPrincipals(store: data.pipeline.store, nowMs: data.nowMs, limit: OverviewScreen.deniedRows(in: content))
        }
        return ScreenModels.listModel(for: state.screen, pipeline: data.pipeline, state: state, nowMs: data.nowMs)
    }

    /// The open detail's lines (nil when no detail is open).
    public mutating func detailLines(_ data: FrameData) -> [DetailLine]? {
        if state.paused, let frozen = state.frozen, frozen.screen == state.screen, frozen.depth == state.details.count, !state.details.isEmpty {
            return frozen.detail
        }
        guard let target = state.details.last else { return nil }
        let pipeline = data.pipeline
        switch target {
        case .event(let stored):
            if let cached = state.eventDetail, cached.event === stored { return cached.lines }
            let lines = DetailContent.lines(for: target, pipeline: pipeline, nowMs: data.nowMs, width: data.width, reveal: data.reveal)
            state.eventDetail = (stored, lines)
            return lines
        case .sources:
            return DetailContent.lines(
                for: target, pipeline: pipeline, nowMs: data.nowMs, width: data.width, reveal: data.reveal,
                sources: data.sources, logs: data.logs(), frameSummary: data.frameSummary())
        default:
            return DetailContent.lines(for: target, pipeline: pipeline, nowMs: data.nowMs, width: data.width, reveal: data.reveal)
        }
    }

    func context(model: ListModel?, detail: [DetailLine]?, data: FrameData) -> ReduceContext {
        let selected = state.list.selected
        let selectedRow = model.flatMap { selected < $0.count ? $0.row(selected) : nil }
        let pipeline = data.pipeline
        let content = DashboardRenderer.contentRect(width: data.width, height: data.height)
        var context = ReduceContext(
            rowCount: model?.count ?? 0,
            targetOfRow: { index in model.flatMap { index < $0.count ? $0.target(index) : nil } },
            keyOfRow: { index in model.flatMap { index < $0.count ? $0.key(index) : nil } },
            rowOfKey: { key, near in model?.rowOfKey(key, near) },
            pageSize: DashboardRenderer.pageSize(height: data.height),
            detailPageSize: max(1, content.height - 2),
            sortColumnCount: max(1, model?.sortNames.count ?? 1),
            detailLineCount: detail?.count ?? 0,
            traceKeyOfSelection: Dashboard.traceKey(of: state.details.last, pipeline: pipeline)
                ?? (state.details.isEmpty ? selectedRow?.traceKey ?? Dashboard.traceKey(of: selectedRow?.target, pipeline: pipeline) : nil),
            ingestedCount: data.ingestedCount,
            themeCount: data.themeCount,
            helpLineCount: DashboardRenderer.helpLines(keyMap).count
        )
        if let detail, let needle = state.filter.flatMap(DashboardRenderer.highlightText) {
            context.matchLine = { forward, from in DetailSearch.line(in: detail.map(\.text), matching: needle, from: from, forward: forward) }
        }
        return context
    }

    /// The trace chain behind a detail target, if it has one.
    static func traceKey(of target: DetailTarget?, pipeline: IngestPipeline) -> String? {
        guard let target else { return nil }
        let store = pipeline.store
        switch target {
        case .event(let stored):
            return pipeline.traceIndex.chainKey(forTopic: stored.event.topic, partition: stored.event.partition, offset: stored.event.offset) ?? stored.event.trace.chainKey
        case .trace(let key): return key
        case .decision(let decision):
            // The chain of the principal's event nearest to the decision (the "around" list).
            let center = decision.timeMs ?? 0
            let nearest = store.recentEvents.newestFirst
                .filter { $0.principal == decision.principal && $0.event.trace.chainKey != nil }
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
        if unreadable > 0 { notes.append("unparseable audit \(Format.count(unreadable))") }
        let evictedFindings = pipeline.findings.evicted
        if evictedFindings > 0 { notes.append("findings evicted \(Format.count(evictedFindings))") }
        let unwatched = data.sources.reduce(0) { $0 + $1.unwatchedPartitions }
        if unwatched > 0 { notes.append("partitions not read (cap) \(Format.count(UInt64(unwatched)))") }
        return notes
    }
}
