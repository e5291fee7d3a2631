import EventScopeApp
import EventScopeCore
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation
import Synchronization

/// `evscope replay FILE`: a recording (or `kcat -C -J` output) fed through the same inbox,
/// processor and dashboard as a live session, paced by record time, with the screen clock
/// showing record time.
enum ReplaySession {
    static func run(path: String, options commandLine: WatchOptions, speed: ReplaySpeed) -> Int32 {
        let configFile: ConfigFile?
        let options: WatchOptions
        do {
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            Console.error("\(path) is a directory, not a recording")
            return ExitCode.nothingToRead
        }
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
        let pipeline: IngestPipeline
        let theme: Theme
        do {
            pipeline = try SessionRunner.makePipeline(options)
            theme = try SessionRunner.resolveTheme(options)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        let processor = InboxProcessor(pipeline: pipeline, board: source.board)
        source.start()
        defer { source.stop() }

        if options.headless {
            // A replay always ends at the end of its file.
            let status = SessionRunner.runHeadless(
                processor: processor, inbox: source.inbox, options: options, exitAtEnd: true, now: { source.nowMs() },
                stopSources: { source.stop() })
            Console.error(source.summary(pipeline: pipeline))
            return status
        }
        return SessionRunner.runDashboard(
            processor: processor, inbox: source.inbox, options: options, theme: theme,
            keyMap: configFile?.keyMap() ?? .standard, now: { source.nowMs() })
    }
}
