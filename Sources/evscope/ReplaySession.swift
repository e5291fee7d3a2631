import EventScopeApp
import EventScopeCore
import EventScopeTerminal
import EventScopeUI
import Foundation
import Synchronization

/// `evscope replay FILE`: a recording (or `kcat -C -J` output) fed through the same inbox,
/// processor and dashboard as a live session, paced by record time, with the screen clock
/// showing record time.
enum ReplaySession {
    /// Headless replays hand the inbox over when this many records wait, so a fast reader
    /// cannot buffer a whole file in memory.
    static let maxPendingRecords = 100_000

    static func run(path: String, options commandLine: WatchOptions, speed: ReplaySpeed) -> Int32 {
        let configFile: ConfigFile?
        do {
            configFile = try ConfigFileLoading.load()
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        let options = configFile?.applyDefaults(to: commandLine) ?? commandLine
        let reader: RecordingReader
        do {
            reader = try RecordingReader(path: path)
        } catch {
            Console.error(error.description)
            return ExitCode.badConfig
        }
        let factor: Double? = if case .factor(let value) = speed { value } else { nil }
        let source = ReplaySource(
            feeder: ReplayFeeder(reader: reader, speed: factor, auditTopics: Set(options.auditTopics)),
            name: (path as NSString).lastPathComponent)
        let pipeline = IngestPipeline(decoder: EventDecoder(fields: envelopeFields(options)))
        var processor = InboxProcessor(pipeline: pipeline, board: source.board)
        source.start()
        defer { source.stop() }

        if options.headless {
            while true {
                let finished = source.isFinished
                for item in source.inbox.drain() { processor.apply(item, nowMs: source.nowMs()) }
                pipeline.tick(nowMs: source.nowMs())
                if finished, source.inbox.pendingRecords == 0 { break }
                usleep(2_000)
            }
            for item in source.inbox.drain() { processor.apply(item, nowMs: source.nowMs()) }
            Console.error(source.summary(store: pipeline.store))
            return ExitCode.ok
        }

        let searchDirectories = Theme.defaultSearchDirectories(
            environment: ProcessInfo.processInfo.environment, executablePath: CommandLine.arguments.first,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let theme: Theme
        let backend: NcursesBackend
        do {
            theme = try Theme.resolve(nameOrPath: options.themeName, environment: ProcessInfo.processInfo.environment, searchDirectories: searchDirectories)
            backend = try NcursesBackend(theme: theme)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }
        TerminalSignals.install()
        let themes = [theme] + WatchSession.themeNames.filter { $0 != theme.name }.compactMap { try? Theme.load(nameOrPath: $0, searchDirectories: searchDirectories) }
        let hooks = DashboardLoop.Hooks(
            now: { source.nowMs() },
            quitRequested: { TerminalSignals.pendingQuitSignal != nil },
            handleSuspend: { TerminalSignals.handleSuspendIfRequested(backend) },
            applyTheme: { index in backend.setTheme(themes[index % themes.count]) },
            themeCount: themes.count
        )
        let loop = DashboardLoop(processor: processor, inbox: source.inbox, backend: backend, keyMap: configFile?.keyMap() ?? .standard, hooks: hooks, reveal: options.reveal)
        loop.run()
        backend.shutdown()
        return ExitCode.ok
    }

    static func envelopeFields(_ options: WatchOptions) -> EnvelopeFields {
        var fields = EnvelopeFields.default
        if let path = options.typeField.flatMap(FieldPath.init) { fields.type.insert(path, at: 0) }
        if let path = options.idField.flatMap(FieldPath.init) { fields.id.insert(path, at: 0) }
        if let path = options.sourceField.flatMap(FieldPath.init) { fields.source.insert(path, at: 0) }
        if let path = options.timeField.flatMap(FieldPath.init) { fields.time.insert(path, at: 0) }
        return fields
    }
}

/// The replay's source thread: reads the file through a `ReplayFeeder` and posts its batches.
final class ReplaySource: Sendable {
    let inbox = Inbox()
    private let name: String
    private let recordSourceID = 0
    private let auditSourceID = 1
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var feeder: ReplayFeeder?
        var pacer: ReplayPacer
        var stopRequested = false
        var isFinished = false
        var summary = ""
    }

    init(feeder: sending ReplayFeeder, name: String) {
        self.name = name
        state = Mutex(State(feeder: feeder, pacer: feeder.pacer))
    }

    /// The board listing this source's two ids: records, and audit lines.
    var board: SourceBoard {
        var board = SourceBoard()
        _ = board.add(name: "replay " + name, kind: .replay)
        _ = board.add(name: "replay " + name + " (audit)", kind: .replay)
        return board
    }

    var isFinished: Bool { state.withLock { $0.isFinished } }

    /// The replay clock: record time, or the wall clock before the first timestamped record.
    func nowMs() -> Int64 {
        let wall = Console.wallClockMs()
        return state.withLock { $0.pacer.replayNowMs(wallNowMs: wall) } ?? wall
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "evscope-replay"
        thread.start()
    }

    func stop() {
        state.withLock { $0.stopRequested = true }
        finished.wait()
        finished.signal()
    }

    private func run() {
        // The feeder is only ever used by this thread: take it out of the lock once.
        guard let feeder = state.withLock({ state -> ReplayFeeder? in
            defer { state.feeder = nil }
            return state.feeder
        }) else { return }
        inbox.post(.state(sourceID: recordSourceID, .connected))
        var reportedBad = 0
        while !state.withLock({ $0.stopRequested }) {
            if feeder.pacer.speed == nil, inbox.pendingRecords > ReplaySession.maxPendingRecords {
                usleep(1_000)
                continue
            }
            let step = feeder.next(wallNowMs: Console.wallClockMs())
            state.withLock { $0.pacer = feeder.pacer }
            if feeder.badLines > reportedBad {
                reportedBad = feeder.badLines
                inbox.post(.state(sourceID: recordSourceID, .degraded("\(reportedBad) unreadable lines skipped")))
            }
            switch step {
            case .deliver(let deliveries):
                for delivery in deliveries {
                    switch delivery {
                    case .records(let records): inbox.post(.records(sourceID: recordSourceID, records))
                    case .auditLines(_, let lines): inbox.post(.auditLines(sourceID: auditSourceID, lines))
                    }
                }
            case .wait(let ms):
                // Short naps keep stop() and the clock responsive during long gaps.
                usleep(useconds_t(min(ms, 50) * 1_000))
            case .finished:
                let detail = feeder.firstErrors.first.map { "; first at line \($0.line): \($0.error)" } ?? ""
                let summary = "replayed \(feeder.recordsDelivered) records and \(feeder.auditLinesDelivered) audit lines; \(feeder.badLines) unreadable lines skipped\(detail)"
                inbox.post(.log(sourceID: recordSourceID, summary))
                inbox.post(.state(sourceID: recordSourceID, .finished))
                inbox.post(.state(sourceID: auditSourceID, .finished))
                state.withLock {
                    $0.summary = summary
                    $0.isFinished = true
                }
                return
            }
        }
    }

    /// One line for stderr at the end of a headless replay.
    func summary(store: Store) -> String {
        let text = state.withLock { $0.summary }
        return "\(text): \(store.totalEvents) events, \(store.totalDecisions) decisions"
    }
}
