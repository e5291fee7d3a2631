import EventScopeApp
import EventScopeCore
import EventScopeTerminal
import EventScopeUI
import Foundation

/// Runs a watch: sources → pipeline → dashboard (or headless output).
enum WatchSession {
    static let themeNames = ["dark", "light", "high-contrast", "monochrome", "solarized-dark"]

    static func run(options commandLine: WatchOptions, auditTopics extraAudit: Set<String> = [], onStop: () -> Void = {}) -> Int32 {
        let configFile: ConfigFile?
        let recorder: RecordingWriter?
        do {
            configFile = try ConfigFileLoading.load()
            recorder = try SourceWiring.openRecording(commandLine.recordPath)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        defer { recorder?.close() }
        let options = configFile?.applyDefaults(to: commandLine) ?? commandLine
        var fields = EnvelopeFields.default
        if let path = options.typeField.flatMap(FieldPath.init) { fields.type.insert(path, at: 0) }
        if let path = options.idField.flatMap(FieldPath.init) { fields.id.insert(path, at: 0) }
        if let path = options.sourceField.flatMap(FieldPath.init) { fields.source.insert(path, at: 0) }
        if let path = options.timeField.flatMap(FieldPath.init) { fields.time.insert(path, at: 0) }
        let pipeline = IngestPipeline(decoder: EventDecoder(fields: fields), auditTopics: Set(options.auditTopics).union(extraAudit))

        let searchDirectories = Theme.defaultSearchDirectories(
            environment: ProcessInfo.processInfo.environment, executablePath: CommandLine.arguments.first,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let theme: Theme
        do {
            theme = try Theme.resolve(nameOrPath: options.themeName, environment: ProcessInfo.processInfo.environment, searchDirectories: searchDirectories)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }

        let wiring = SourceWiring()
        do {
            try wiring.start(options, configFile: configFile, recorder: recorder, nowMs: { Console.wallClockMs() })
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        defer {
            wiring.stop()
            onStop()
        }
        let processor = InboxProcessor(pipeline: pipeline, board: wiring.board)
        if options.headless {
            return runHeadless(options: options, processor: processor, inbox: wiring.inbox)
        }

        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(theme: theme)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }
        TerminalSignals.install()
        let themes = [theme] + themeNames.filter { $0 != theme.name }.compactMap { try? Theme.load(nameOrPath: $0, searchDirectories: searchDirectories) }
        let hooks = DashboardLoop.Hooks(
            now: { Console.wallClockMs() },
            quitRequested: { TerminalSignals.pendingQuitSignal != nil },
            handleSuspend: { TerminalSignals.handleSuspendIfRequested(backend) },
            applyTheme: { index in backend.setTheme(themes[index % themes.count]) },
            themeCount: themes.count
        )
        let loop = DashboardLoop(processor: processor, inbox: wiring.inbox, backend: backend, keyMap: configFile?.keyMap() ?? .standard, hooks: hooks, reveal: options.reveal)
        loop.run()
        backend.shutdown()
        return ExitCode.ok
    }

    /// JSON lines on stdout until the sources end (`-e`) or a signal arrives.
    static func runHeadless(options: WatchOptions, processor: InboxProcessor, inbox: Inbox) -> Int32 {
        TerminalSignals.install()
        signal(SIGPIPE, SIG_IGN)
        var outputClosed = false
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: options.emit, traceIdleSeconds: options.traceIdleSeconds,
            exitAtEnd: options.exitAtEnd, now: { Console.wallClockMs() },
            write: { bytes in
                do {
                    try FileHandle.standardOutput.write(contentsOf: bytes)
                } catch {
                    // The reader went away (e.g. `| head`): stop quietly, like kcat.
                    outputClosed = true
                }
            }
        )
        loop.run { outputClosed || TerminalSignals.pendingQuitSignal != nil }
        return ExitCode.ok
    }
}
