import Dispatch
import EventScopeCore
import EventScopeUI

/// The interactive loop: drain sources, reduce keys, render frames, present them.
///
/// Single-threaded by design (ncurses is not thread-safe): source threads only post to the
/// inbox. Frames are drawn at most every `frameIntervalMs` and right after a key, so a busy
/// stream costs a bounded number of frames and an idle screen presents an unchanged grid
/// (which the backend's diff turns into no output).
public final class DashboardLoop {
    public struct Hooks {
        /// Milliseconds since the epoch; the replay loop substitutes record time.
        public var now: () -> Int64
        /// A clock that always advances, for frame pacing (a replay's record clock stands still
        /// at the end of the file, but frames must keep coming). Defaults to `now`.
        public var pace: () -> Int64
        /// True when a signal asked the dashboard to quit.
        public var quitRequested: () -> Bool
        /// Called every iteration so the terminal can handle Ctrl-Z / fg.
        public var handleSuspend: () -> Void
        /// Switches the backend to theme `index` of `themeCount`.
        public var applyTheme: (Int) -> Void
        public var themeCount: Int
        /// Extra lines for the status bar about data dropped or sampled.
        public var lossNotes: () -> [String]

        public init(
            now: @escaping () -> Int64, pace: (() -> Int64)? = nil, quitRequested: @escaping () -> Bool = { false },
            handleSuspend: @escaping () -> Void = {}, applyTheme: @escaping (Int) -> Void = { _ in }, themeCount: Int = 1,
            lossNotes: @escaping () -> [String] = { [] }
        ) {
            self.now = now
            self.pace = pace ?? now
            self.quitRequested = quitRequested
            self.handleSuspend = handleSuspend
            self.applyTheme = applyTheme
            self.themeCount = themeCount
            self.lossNotes = lossNotes
        }
    }

    public private(set) var processor: InboxProcessor
    public private(set) var state = AppState()
    let inbox: Inbox
    let backend: Backend
    let keyMap: KeyMap
    let hooks: Hooks
    let reveal: Bool
    public var frameIntervalMs: Int64 = 100
    /// Longest time spent ingesting before a frame is due, so the UI stays responsive under floods.
    public var ingestBudgetMs: Int64 = 60
    private var backlog: [InboxItem] = []
    private var backlogIndex = 0
    /// The content shown while paused: frozen when `p` was pressed.
    private var frozenModel: ListModel?
    private var frozenDetail: [DetailLine]?
    private var frozenScreen: ScreenID?
    /// The open event's pane, kept while that event stays open.
    private var eventDetail: (event: StoredEvent, lines: [DetailLine])?
    public private(set) var framesRendered = 0
    /// Time to build and present the most recent frames (shown in the Sources detail, so a
    /// soak test and an operator can both see whether frames get slower over time).
    public private(set) var frameTimesMicros = RingBuffer<Int>(capacity: 200)

    public init(processor: InboxProcessor, inbox: Inbox, backend: Backend, keyMap: KeyMap, hooks: Hooks, reveal: Bool = false, initialState: AppState = AppState()) {
        self.processor = processor
        self.inbox = inbox
        self.backend = backend
        self.keyMap = keyMap
        self.hooks = hooks
        self.reveal = reveal
        state = initialState
    }

    var ingestedCount: UInt64 { processor.pipeline.store.totalEvents &+ processor.pipeline.store.totalDecisions }

    /// Runs until the user quits, a signal arrives, or `shouldStop` says so.
    public func run(shouldStop: () -> Bool = { false }) {
        var lastFrameMs = Int64.min
        var needsFrame = true
        while !state.shouldQuit, !hooks.quitRequested(), !shouldStop() {
            hooks.handleSuspend()
            ingest(until: hooks.pace() + ingestBudgetMs)
            let now = hooks.now()
            processor.pipeline.tick(nowMs: now, sources: processor.board.sources)
            let paceNow = hooks.pace()
            if needsFrame || paceNow - lastFrameMs >= frameIntervalMs {
                renderFrame(nowMs: now)
                lastFrameMs = paceNow
                needsFrame = false
            }
            let wait = max(0, min(25, Int(lastFrameMs + frameIntervalMs - hooks.pace())))
            if let key = backend.readKey(timeoutMs: wait) {
                handle(key, nowMs: hooks.now())
                needsFrame = true
            }
        }
    }

    /// Drains the inbox into the pipeline until the deadline; the rest waits for the next turn.
    func ingest(until deadlineMs: Int64) {
        if backlogIndex >= backlog.count {
            backlog = inbox.drain()
            backlogIndex = 0
        }
        while backlogIndex < backlog.count {
            processor.apply(backlog[backlogIndex], nowMs: hooks.now())
            backlogIndex += 1
            if hooks.pace() >= deadlineMs { break }
        }
    }

    /// Applies one key through the reducer, with the context of what is on screen now.
    public func handle(_ key: Key, nowMs: Int64) {
        let model = currentModel(nowMs: nowMs)
        let detail = currentDetail(nowMs: nowMs)
        let size = backend.size
        let selected = state.lists[state.screen]?.selected ?? 0
        let selectedRow = model.flatMap { selected < $0.count ? $0.row(selected) : nil }
        let context = ReduceContext(
            rowCount: model?.count ?? 0,
            targetOfRow: { index in model.flatMap { index < $0.count ? $0.row(index).target : nil } },
            pageSize: DashboardRenderer.pageSize(height: size.height),
            sortColumnCount: max(1, model?.sortNames.count ?? 1),
            detailLineCount: detail?.count ?? 0,
            traceKeyOfSelection: traceKey(of: state.details.last) ?? selectedRow?.traceKey ?? traceKey(of: selectedRow?.target),
            ingestedCount: ingestedCount,
            themeCount: hooks.themeCount
        )
        var withMatches = context
        if let detail, let needle = state.filter.flatMap(DashboardRenderer.highlightText) {
            withMatches.matchLine = { forward, from in DetailSearch.line(in: detail.map(\.text), matching: needle, from: from, forward: forward) }
        }
        let before = state
        state = Reducer.reduce(state, key: key, keyMap: keyMap, context: withMatches)
        if state.themeIndex != before.themeIndex { hooks.applyTheme(state.themeIndex) }
        if state.paused && !before.paused {
            frozenModel = model
            frozenDetail = detail
            frozenScreen = state.screen
        } else if !state.paused {
            frozenModel = nil
            frozenDetail = nil
            frozenScreen = nil
        }
        if state.paused, state.screen != frozenScreen || state.details.count != before.details.count || state.filters != before.filters {
            // Navigating while paused shows the new place as of now, then freezes it again.
            frozenModel = nil
            frozenDetail = nil
            frozenModel = currentModel(nowMs: nowMs)
            frozenDetail = currentDetail(nowMs: nowMs)
            frozenScreen = state.screen
        }
    }

    func traceKey(of target: DetailTarget?) -> String? {
        guard let target else { return nil }
        switch target {
        case .event(let stored):
            return processor.pipeline.traceIndex.chainKey(forTopic: stored.event.topic, partition: stored.event.partition, offset: stored.event.offset) ?? stored.event.trace.chainKey
        case .trace(let key): return key
        case .decision(let decision):
            // The chain of the principal's event nearest to the decision (the "around" list).
            let center = decision.timeMs ?? 0
            let nearest = store.recentEvents.newestFirst
                .filter { $0.principal == decision.principal && $0.event.trace.chainKey != nil }
                .min { abs(($0.event.timeMs ?? 0) - center) < abs(($1.event.timeMs ?? 0) - center) }
            return nearest.flatMap { traceKey(of: .event($0)) }
        case .topic(let name):
            // The chain of the topic's newest traced event.
            let newest = store.recentEvents.newestFirst.first { $0.event.topic == name && $0.event.trace.chainKey != nil }
            return newest.flatMap { traceKey(of: .event($0)) }
        default: return nil
        }
    }

    var store: Store { processor.pipeline.store }

    func currentModel(nowMs: Int64) -> ListModel? {
        if state.paused, let frozenModel, frozenScreen == state.screen { return frozenModel }
        guard state.details.isEmpty else { return nil }
        return ScreenModels.listModel(for: state.screen, pipeline: processor.pipeline, state: state, nowMs: nowMs)
    }

    func currentDetail(nowMs: Int64) -> [DetailLine]? {
        if state.paused, let frozenDetail, frozenScreen == state.screen, !state.details.isEmpty { return frozenDetail }
        guard let target = state.details.last else { return nil }
        switch target {
        case .event(let stored):
            // An event never changes: its pane (a JSON parse and PII scan of the value) is built
            // once, not on every frame it stays open.
            if let cached = eventDetail, cached.event === stored { return cached.lines }
            let lines = DetailContent.lines(for: target, pipeline: processor.pipeline, nowMs: nowMs, width: backend.size.width, reveal: reveal)
            eventDetail = (stored, lines)
            return lines
        case .sources:
            return DetailContent.lines(
                for: target, pipeline: processor.pipeline, nowMs: nowMs, width: backend.size.width, reveal: reveal,
                sources: processor.board.sources, logs: Array(processor.logs.newestFirst.reversed()), frameSummary: frameSummary())
        default:
            return DetailContent.lines(for: target, pipeline: processor.pipeline, nowMs: nowMs, width: backend.size.width, reveal: reveal)
        }
    }

    /// "frames: N · last 200: mean X µs, max Y µs" for the Sources detail.
    func frameSummary() -> String {
        let recent = Array(frameTimesMicros.newestFirst)
        guard !recent.isEmpty else { return "no frame yet" }
        let mean = recent.reduce(0, +) / recent.count
        return "\(framesRendered) frames · last \(recent.count): mean \(mean) µs, max \(recent.max() ?? 0) µs (build + present)"
    }

    /// The Overview's newest findings, with a severity marker so colour is not the only signal.
    func newestFindings() -> [OverviewScreen.FindingLine] {
        processor.pipeline.findings.newest(8).map { finding in
            OverviewScreen.FindingLine(
                text: "\(FindingsScreen.marker(finding.severity)) \(TerminalText.escape(finding.title, limit: 200)) ×\(finding.count)",
                role: FindingsScreen.role(finding.severity))
        }
    }

    /// What the pipeline dropped or could not read, for the status bar (nothing is lost silently).
    func pipelineLossNotes() -> [String] {
        var notes: [String] = []
        let traces = processor.pipeline.traceIndex.counters
        if traces.evictedChains > 0 { notes.append("chains evicted \(Format.count(UInt64(traces.evictedChains)))") }
        if traces.droppedNodes > 0 { notes.append("hops over cap \(Format.count(UInt64(traces.droppedNodes)))") }
        let unreadable = processor.pipeline.unparseableAudit
        if unreadable > 0 { notes.append("unparseable audit \(Format.count(unreadable))") }
        let evictedFindings = processor.pipeline.findings.evicted
        if evictedFindings > 0 { notes.append("findings evicted \(Format.count(evictedFindings))") }
        let unwatched = processor.board.sources.reduce(0) { $0 + $1.unwatchedPartitions }
        if unwatched > 0 { notes.append("partitions not read (cap) \(Format.count(UInt64(unwatched)))") }
        return notes
    }

    /// Builds and presents one frame.
    public func renderFrame(nowMs: Int64) {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { frameTimesMicros.append(Int((DispatchTime.now().uptimeNanoseconds &- started) / 1_000)) }
        let size = backend.size
        var grid = Grid(width: size.width, height: size.height)
        let input = DashboardInput(
            store: processor.pipeline.store, state: state, keyMap: keyMap, sources: processor.board.sources, nowMs: nowMs,
            listModel: currentModel(nowMs: nowMs), detailLines: currentDetail(nowMs: nowMs), findings: newestFindings(),
            arrivedWhilePaused: state.paused ? ingestedCount &- state.pausedAtCount : 0, reveal: reveal,
            lossNotes: hooks.lossNotes() + pipelineLossNotes()
        )
        DashboardRenderer.render(input, into: &grid)
        backend.present(grid)
        framesRendered += 1
    }
}
