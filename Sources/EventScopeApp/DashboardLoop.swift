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
        /// Switches the backend to theme `index` of `themeNames`.
        public var applyTheme: (Int) -> Void
        public var themeNames: [String]
        /// Extra lines for the status bar about data dropped or sampled.
        public var lossNotes: () -> [String]

        public init(
            now: @escaping () -> Int64, pace: (() -> Int64)? = nil, quitRequested: @escaping () -> Bool = { false },
            handleSuspend: @escaping () -> Void = {}, applyTheme: @escaping (Int) -> Void = { _ in }, themeNames: [String] = ["dark"],
            lossNotes: @escaping () -> [String] = { [] }
        ) {
            self.now = now
            self.pace = pace ?? now
            self.quitRequested = quitRequested
            self.handleSuspend = handleSuspend
            self.applyTheme = applyTheme
            self.themeNames = themeNames
            self.lossNotes = lossNotes
        }
    }

    public private(set) var processor: InboxProcessor
    /// The state, the reducer and the frame assembly; this loop only feeds it and carries out
    /// the effects it returns.
    public private(set) var dashboard: Dashboard
    public var state: AppState { dashboard.state }
    /// Set by the quit effect.
    public private(set) var quitting = false
    let inbox: Inbox
    let backend: Backend
    let hooks: Hooks
    let reveal: Bool
    public var frameIntervalMs: Int64 = 100
    /// Longest time spent ingesting before a frame is due, so the UI stays responsive under floods.
    public var ingestBudgetMs: Int64 = 60
    /// Ingest time allowed between a key and the frame that shows its effect.
    public var ingestBudgetAfterKeyMs: Int64 = 5
    /// Records or lines ingested between two looks at the clock: a consumer batch holds up to
    /// 10,000, which an unoptimised build takes about half a second to ingest.
    static let ingestSliceSize = 256
    private var backlog: [InboxItem] = []
    private var backlogIndex = 0
    private var lastSize: (width: Int, height: Int)?
    public private(set) var framesRendered = 0
    /// Time to build and present the most recent frames (shown in the Sources detail, so a
    /// soak test and an operator can both see whether frames get slower over time).
    public private(set) var frameTimesMicros = RingBuffer<Int>(capacity: 200)

    public init(
        processor: InboxProcessor, inbox: Inbox, backend: Backend, keyMap: KeyMap, hooks: Hooks, reveal: Bool = false, initialState: AppState = AppState()
    ) {
        self.processor = processor
        self.inbox = inbox
        self.backend = backend
        self.hooks = hooks
        self.reveal = reveal
        dashboard = Dashboard(state: initialState, keyMap: keyMap)
    }

    /// Runs until the user quits, a signal arrives, or `shouldStop` says so.
    public func run(shouldStop: () -> Bool = { false }) {
        var lastFrameMs = Int64.min
        var needsFrame = true
        while !quitting, !hooks.quitRequested(), !shouldStop() {
            hooks.handleSuspend()
            // After a key, its frame comes first: ingest waits for the next turn.
            ingest(until: hooks.pace() + (needsFrame ? ingestBudgetAfterKeyMs : ingestBudgetMs))
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
            backlog = inbox.drain().flatMap { $0.chunked(maxCount: Self.ingestSliceSize) }
            backlogIndex = 0
        }
        while backlogIndex < backlog.count {
            processor.apply(backlog[backlogIndex], nowMs: hooks.now())
            backlogIndex += 1
            if hooks.pace() >= deadlineMs { break }
        }
    }

    /// What the dashboard draws from this turn.
    func frameData(nowMs: Int64) -> FrameData {
        let size = backend.size
        return FrameData(
            pipeline: processor.pipeline, sources: processor.board.sources, nowMs: nowMs, width: size.width, height: size.height,
            reveal: reveal, themeNames: hooks.themeNames, logs: { [processor] in Array(processor.logs.newestFirst.reversed()) },
            frameSummary: { [unowned self] in self.frameSummary() }, lossNotes: hooks.lossNotes)
    }

    /// Applies one key through the reducer and carries out its effects.
    public func handle(_ key: Key, nowMs: Int64) {
        let action: Action = key == .resize ? .resize : .key(key)
        perform(dashboard.send(action, data: frameData(nowMs: nowMs)))
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit: quitting = true
            case .applyTheme(let index): hooks.applyTheme(index)
            case .freezeData: break
            }
        }
    }

    /// "frames: N · last 200: mean X µs, max Y µs" for the Sources detail.
    func frameSummary() -> String {
        let recent = Array(frameTimesMicros.newestFirst)
        guard !recent.isEmpty else { return "no frame yet" }
        let mean = recent.reduce(0, +) / recent.count
        return "\(framesRendered) frames · last \(recent.count): mean \(mean) µs, max \(recent.max() ?? 0) µs (build + present)"
    }

    /// Builds and presents one frame.
    public func renderFrame(nowMs: Int64) {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { frameTimesMicros.append(Int((DispatchTime.now().uptimeNanoseconds &- started) / 1_000)) }
        let data = frameData(nowMs: nowMs)
        if let last = lastSize, last != (data.width, data.height) { perform(dashboard.send(.resize, data: data)) }
        lastSize = (data.width, data.height)
        var grid = Grid(width: data.width, height: data.height)
        dashboard.draw(data, into: &grid)
        backend.present(grid)
        framesRendered += 1
    }
}
