import EventScopeApp
import EventScopeCore
import EventScopeSources
import EventScopeTerminal
import Foundation

/// `evscope policy infer -b ... -t ... [--audit-topic ...] --from beginning -e`: consume like a
/// headless watch (without output), then print a least-privilege draft policy of what was seen.
enum PolicyInferSession {
    static func run(options: WatchOptions) -> Int32 {
        guard options.brokers != nil || !options.auditFiles.isEmpty else {
            Console.error("policy infer needs -b BROKERS with -t TOPIC (and --audit-topic for consumers)")
            return ExitCode.usage
        }
        let pipeline: IngestPipeline
        let schemaSource: SchemaSourceSetup.Choice?
        do {
            pipeline = try SessionRunner.makePipeline(options)
            let configFile = try ConfigFileLoading.load()
            schemaSource = try SchemaSourceSetup.registry(configFile?.applyDefaults(to: options) ?? options, configFile: configFile)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        let wiring = SourceWiring()
        do {
            try wiring.start(options, schemaSource: schemaSource, nowMs: { Console.wallClockMs() })
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        defer { wiring.stop() }
        if !options.exitAtEnd { Console.error("reading until Ctrl-C (add -e to stop at the end of the topics)") }
        TerminalSignals.install()
        let loop = HeadlessLoop(
            processor: InboxProcessor(pipeline: pipeline, board: wiring.board), inbox: wiring.inbox, emit: [],
            traceIdleSeconds: options.traceIdleSeconds, exitAtEnd: options.exitAtEnd, now: { Console.wallClockMs() },
            write: { _ in })
        // Ctrl-C still writes the draft, from everything consumed until then.
        loop.run(shouldStop: { TerminalSignals.pendingQuitSignal != nil }, stopSources: { wiring.stop() })
        FileHandle.standardOutput.write(Data((PolicyInfer.draft(store: pipeline.store) + "\n").utf8))
        Console.error("inferred from \(pipeline.store.totalEvents) events and \(pipeline.store.totalDecisions) decisions; review before use")
        return ExitCode.ok
    }
}
