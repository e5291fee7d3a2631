import EventScopeApp
import EventScopeCore
import EventScopeTerminal
import EventScopeUI
import Foundation

/// What every reading session shares once its sources are running: the pipeline built from the
/// options, and the dashboard or headless loop over an inbox.
enum SessionRunner {
    /// The decoder's envelope field names, with the command line's choices tried first.
    static func envelopeFields(_ options: WatchOptions) -> EnvelopeFields {
        var fields = EnvelopeFields.default
        if let path = options.typeField.flatMap(FieldPath.init) { fields.type.insert(path, at: 0) }
        if let path = options.idField.flatMap(FieldPath.init) { fields.id.insert(path, at: 0) }
        if let path = options.sourceField.flatMap(FieldPath.init) { fields.source.insert(path, at: 0) }
        if let path = options.timeField.flatMap(FieldPath.init) { fields.time.insert(path, at: 0) }
        return fields
    }

    /// The pipeline for a session, with the policy loaded (exit 4 listing every error if invalid).
    static func makePipeline(_ options: WatchOptions, extraAuditTopics: Set<String> = [], defaultPolicy: Policy? = nil) throws(SourceWiring.StartError)
        -> IngestPipeline
    {
        var policy = defaultPolicy
        if let path = options.policyPath {
            switch PolicyCommands.load(path: path) {
            case .success(let loaded): policy = loaded
            case .failure(let error): throw SourceWiring.StartError(message: error.message, exitCode: ExitCode.badConfig)
            }
        }
        return IngestPipeline(
            decoder: EventDecoder(fields: envelopeFields(options)), auditTopics: Set(options.auditTopics).union(extraAuditTopics), policy: policy)
    }

    /// What a session moves onto the consumer thread (`SourceWiring.start`), for headless runs
    /// without the store, whose memory budget then has room for it: decoding; and when events
    /// are the only output and nothing else reads the records, writing their lines too.
    static func offload(_ options: WatchOptions, pipeline: IngestPipeline) -> SourceWiring.ConsumerOffload? {
        let stages = IngestStages.headless(emit: options.emit, failOn: options.failOn)
        guard options.headless, !stages.contains(.aggregates) else { return nil }
        if stages.isEmpty, Set(options.emit) == [.events], pipeline.auditTopics.isEmpty, options.auditFiles.isEmpty, options.recordPath == nil {
            return .encodeEventLines(pipeline.decoder)
        }
        return .decode(pipeline.decoder, auditTopics: pipeline.auditTopics)
    }

    static func themeSearchDirectories() -> [String] {
        Theme.defaultSearchDirectories(
            environment: ProcessInfo.processInfo.environment, executablePath: CommandLine.arguments.first,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Resolves the theme before any source starts, so a bad theme exits 4 without side effects.
    static func resolveTheme(_ options: WatchOptions) throws(SourceWiring.StartError) -> Theme {
        do {
            return try Theme.resolve(
                nameOrPath: options.themeName, environment: ProcessInfo.processInfo.environment, searchDirectories: themeSearchDirectories())
        } catch {
            throw SourceWiring.StartError(message: "\(error)", exitCode: ExitCode.badConfig)
        }
    }

    /// Runs the interactive dashboard until `q` or a signal; restores the terminal.
    static func runDashboard(
        processor: InboxProcessor, inbox: Inbox, options: WatchOptions, theme: Theme, keyMap: KeyMap, now: @escaping () -> Int64
    ) -> Int32 {
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(theme: theme)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }
        TerminalSignals.install()
        let environment = ProcessInfo.processInfo.environment
        let themes = Theme.cycle(from: theme, environment: environment, searchDirectories: themeSearchDirectories())
        let hooks = DashboardLoop.Hooks(
            now: now, pace: { Console.wallClockMs() },
            quitRequested: { TerminalSignals.pendingQuitSignal != nil },
            handleSuspend: { TerminalSignals.handleSuspendIfRequested(backend) },
            applyTheme: { index in backend.setTheme(themes[index % themes.count]) },
            themeNames: Theme.noColor(environment) ? ["\(theme.name) (NO_COLOR is set)"] : themes.map(\.name)
        )
        let loop = DashboardLoop(processor: processor, inbox: inbox, backend: backend, keyMap: keyMap, hooks: hooks, reveal: options.reveal)
        loop.run()
        backend.shutdown()
        return TerminalSignals.pendingQuitSignal.map(ExitCode.stopped(by:)) ?? ExitCode.ok
    }

    /// JSON lines on stdout until the sources end (with `-e`, or always for a replay) or a signal.
    ///
    /// - Parameter stopSources: stops the sources and waits for them, so what they consumed
    ///   before a signal is still written.
    /// - Returns: 128 + the signal when one stopped the run, else 1 for findings at or above
    ///   `--fail-on`, else 0.
    static func runHeadless(
        processor: InboxProcessor, inbox: Inbox, options: WatchOptions, exitAtEnd: Bool, now: @escaping () -> Int64, stopSources: () -> Void,
        reportsWaiting: Bool = false
    ) -> Int32 {
        TerminalSignals.install()
        signal(SIGPIPE, SIG_IGN)
        processor.pipeline.stages = .headless(emit: options.emit, failOn: options.failOn)
        var outputClosed = false
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: options.emit, traceIdleSeconds: options.traceIdleSeconds,
            exitAtEnd: exitAtEnd, reveal: options.reveal,
            readsAudit: !processor.pipeline.auditTopics.isEmpty || !options.auditFiles.isEmpty, now: now,
            write: { bytes in
                do {
                    try FileHandle.standardOutput.write(contentsOf: bytes)
                } catch {
                    // The reader went away (e.g. `| head`): stop quietly, like kcat.
                    outputClosed = true
                }
            }
        )
        if reportsWaiting { loop.onWaiting = { Console.error($0) } }
        loop.onProblems = { Console.error($0) }
        loop.run(shouldStop: { outputClosed || TerminalSignals.pendingQuitSignal != nil }, stopSources: stopSources)
        if !outputClosed, let signal = TerminalSignals.pendingQuitSignal { return ExitCode.stopped(by: signal) }
        if let threshold = options.failOn, let worst = loop.worstSeverity, worst >= FindingSeverity(name: threshold.rawValue) ?? .high {
            return ExitCode.findings
        }
        return ExitCode.ok
    }
}
