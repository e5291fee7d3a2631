import EventScopeApp
import EventScopeCore
import EventScopeKafka
import EventScopeTerminal
import Foundation

/// `--rollups NAME`: the totals of what a group of agents read, from their committed rollups.
///
/// Reads with `read_committed`, so an interval an agent did not commit (it died, or its
/// transaction aborted) is never counted, and one it committed is counted once.
enum RollupReadSession {
    static func run(options commandLine: WatchOptions) -> Int32 {
        guard commandLine.headless, commandLine.emit == [.summary], let topic = commandLine.rollups else {
            Console.error("--rollups is read headless for now: --headless --emit summary")
            return ExitCode.usage
        }
        let options: WatchOptions
        let config: KafkaConfig
        do {
            let configFile: ConfigFile?
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
            var readerConfig = try SourceWiring.kafkaConfig(options, configFile: configFile)
            readerConfig.set("isolation.level", "read_committed")
            config = readerConfig
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        guard let brokers = options.brokers else {
            Console.error("missing -b BROKERS (e.g. -b localhost:9092, or `brokers =` in the config file)")
            return ExitCode.usage
        }
        let folder = LockedFolder()
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(
                bootstrapServers: brokers, topics: [topic], config: config, start: options.start ?? .beginning,
                options: KafkaConsumer.Options(exitAtEnd: options.exitAtEnd), nowMs: { Console.wallClockMs() },
                status: { status in
                    if case .topicMissing(let name) = status { Console.error("evscope: rollup topic '\(name)' does not exist") }
                },
                sink: { records in folder.fold(records) })
            try consumer.connect(timeoutMs: 10_000)
            try consumer.start()
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
