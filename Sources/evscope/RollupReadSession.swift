import EventScopeApp
import EventScopeCore
import EventScopeKafka
import EventScopeTerminal
import EventScopeUI
import Foundation

/// `--rollups NAME`: what a group of agents read, from their committed rollups: the dashboard's
/// screens, or headless the totals (`--emit summary`).
///
/// Reads with `read_committed`, so an interval an agent did not commit (it died, or its
/// transaction aborted) is never counted, and one it committed is counted once.
enum RollupReadSession {
    static func run(options commandLine: WatchOptions) -> Int32 {
        guard let topic = commandLine.rollups else { return ExitCode.usage }
        if commandLine.headless, commandLine.emit != [.summary] {
            Console.error("--rollups is read headless with --emit summary (or on the dashboard, without --headless)")
            return ExitCode.usage
        }
        let options: WatchOptions
        let configFile: ConfigFile?
        let config: KafkaConfig
        // The dashboard's model and theme, made before anything connects (a bad policy or theme exits first).
        var dashboardModel: (pipeline: IngestPipeline, theme: Theme)?
        do {
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
            var readerConfig = try SourceWiring.kafkaConfig(options, configFile: configFile)
            readerConfig.set("isolation.level", "read_committed")
            config = readerConfig
            if !options.headless { dashboardModel = (try SessionRunner.makePipeline(options), try SessionRunner.resolveTheme(options)) }
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        guard let brokers = options.brokers else {
            Console.error("missing -b BROKERS (e.g. -b localhost:9092, or `brokers =` in the config file)")
            return ExitCode.usage
        }
        if let (pipeline, theme) = dashboardModel {
            return dashboard(pipeline: pipeline, theme: theme, options: options, configFile: configFile, brokers: brokers, topic: topic, config: config)
        }
        let folder = LockedFolder()
        let consumer: KafkaConsumer
        do {
            consumer = try reader(
                brokers: brokers, topic: topic, config: config, options: options,
                status: { status in
                    if case .topicMissing(let name) = status { Console.error("evscope: rollup topic '\(name)' does not exist") }
                }, sink: { records in folder.fold(records) })
        } catch {
            Console.error("\(error)")
            return ExitCode.cannotConnect
        }
        TerminalSignals.install()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            consumer.waitUntilFinished()
            finished.signal()
        }
        while TerminalSignals.pendingQuitSignal == nil, finished.wait(timeout: .now() + .milliseconds(100)) == .timedOut {}
        consumer.stop()
        let (line, note) = folder.result()
        FileHandle.standardOutput.write(Data(line))
        Console.error(note)
        return TerminalSignals.pendingQuitSignal.map(ExitCode.stopped(by:)) ?? ExitCode.ok
    }

    /// A started `read_committed` consumer of the rollup topic (from the beginning unless `--from`).
    private static func reader(
        brokers: String, topic: String, config: KafkaConfig, options: WatchOptions,
        status: @escaping @Sendable (KafkaSourceStatus) -> Void, sink: @escaping @Sendable ([Record]) -> Void
    ) throws -> KafkaConsumer {
        let consumer = try KafkaConsumer(
            bootstrapServers: brokers, topics: [topic], config: config, start: options.start ?? .beginning,
            options: KafkaConsumer.Options(exitAtEnd: options.exitAtEnd), nowMs: { Console.wallClockMs() }, status: status, sink: sink)
        try consumer.connect(timeoutMs: 10_000)
        try consumer.start()
        return consumer
    }

    /// The dashboard on the rollups: the pipeline folds them into its model (the agents judged
    /// the findings, so it runs no findings stage), the Sources pane lists the agents.
    private static func dashboard(
        pipeline: IngestPipeline, theme: Theme, options: WatchOptions, configFile: ConfigFile?, brokers: String, topic: String, config: KafkaConfig
    ) -> Int32 {
        pipeline.stages = [.aggregates, .traces]
        let inbox = Inbox()
        var board = SourceBoard()
        let id = board.add(name: "rollups \(topic)", kind: .kafka)
        let consumer: KafkaConsumer
        do {
            consumer = try reader(
                brokers: brokers, topic: topic, config: config, options: options,
                status: { [exitAtEnd = options.exitAtEnd] in SourceWiring.post($0, sourceID: id, exitsAtEnd: exitAtEnd, to: inbox) },
                sink: { inbox.post(.batch(sourceID: id, .rollups($0))) })
        } catch {
            Console.error("\(error)")
            return ExitCode.cannotConnect
        }
        defer { consumer.stop() }
        return SessionRunner.runDashboard(
            processor: InboxProcessor(pipeline: pipeline, board: board), inbox: inbox, options: options, theme: theme,
            keyMap: configFile?.keyMap() ?? .standard, now: { Console.wallClockMs() })
    }

    /// The folder, used from the consumer's thread and read once it has stopped.
    private final class LockedFolder: @unchecked Sendable {
        private let lock = NSLock()
        private let folder = RollupFolder()

        func fold(_ records: [Record]) {
            lock.withLock {
                for record in records { folder.fold(record.value ?? [], partition: record.partition) }
            }
        }

        func result() -> (line: [UInt8], note: String) {
            lock.withLock {
                let agents = folder.agents.keys.sorted().map { "\($0) (\(folder.agents[$0]?.intervals ?? 0) intervals)" }
                var note = "rollups from \(agents.count) agents: \(agents.joined(separator: ", "))"
                if folder.copies > 0 { note += "; \(folder.copies) copies of records sent again after an aborted transaction folded once" }
                if folder.skipped > 0 { note += "; \(folder.skipped) records skipped (not rollups of version \(RollupMessage.version))" }
                return (folder.tally.line(), note)
            }
        }
    }
}
