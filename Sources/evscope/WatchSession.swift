import EventScopeApp
import EventScopeCore
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// Runs a watch: sources → pipeline → dashboard (or headless output).
enum WatchSession {
    /// - Parameter clusterIsLocal: the demo's in-process cluster: the config file's Kafka
    ///   properties (SASL, TLS for the real cluster) must not be applied to it.
    static func run(
        options commandLine: WatchOptions, auditTopics extraAudit: Set<String> = [], clusterIsLocal: Bool = false,
        defaultPolicy: Policy? = nil, schemaSource inProcessSchemas: SchemaSourceSetup.Choice? = nil, onStop: () -> Void = {}
    ) -> Int32 {
        let configFile: ConfigFile?
        let options: WatchOptions
        let recorder: RecordingWriter?
        do {
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
            recorder = try SourceWiring.openRecording(commandLine.recordPath)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        defer { recorder?.close() }
        if options.brokers == nil, !(options.topics.isEmpty && options.auditTopics.isEmpty) {
            Console.error("missing -b BROKERS (e.g. -b localhost:9092, or `brokers =` in the config file), or try `evscope demo`")
            return ExitCode.usage
        }
        let pipeline: IngestPipeline
        let theme: Theme
        let schemaSource: SchemaSourceSetup.Choice?
        do {
            pipeline = try SessionRunner.makePipeline(options, extraAuditTopics: extraAudit, defaultPolicy: defaultPolicy)
            theme = try SessionRunner.resolveTheme(options)
            if let inProcessSchemas {
                schemaSource = inProcessSchemas
            } else {
                schemaSource = try SchemaSourceSetup.registry(options, configFile: configFile)
            }
        } catch {
            Console.error(error.message)
            return error.exitCode
        }

        let wiring = SourceWiring()
        do {
            try wiring.start(
                options, configFile: clusterIsLocal ? nil : configFile, recorder: recorder,
                offload: SessionRunner.offload(options, pipeline: pipeline), schemaSource: schemaSource, nowMs: { Console.wallClockMs() })
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
            let status = SessionRunner.runHeadless(
                processor: processor, inbox: wiring.inbox, options: options, exitAtEnd: options.exitAtEnd, now: { Console.wallClockMs() },
                stopSources: { wiring.stop() }, reportsWaiting: true)
            // A named topic that does not exist leaves nothing to read: not a success.
            if status == ExitCode.ok, options.exitAtEnd, !wiring.missingTopics.isEmpty { return ExitCode.nothingToRead }
            return status
        }
        return SessionRunner.runDashboard(
            processor: processor, inbox: wiring.inbox, options: options, theme: theme,
            keyMap: configFile?.keyMap() ?? .standard, now: { Console.wallClockMs() })
    }
}
