import EventScopeApp
import EventScopeCore
import Foundation

/// Entry points for each command; returns the process exit code.
enum Evscope {
    static let version = "0.1.0"

    static func run(_ arguments: [String]) -> Int32 {
        let invocation: Invocation
        do {
            invocation = try CommandLineParser.parse(arguments)
        } catch {
            Console.error(error.message)
            return ExitCode.usage
        }
        switch invocation {
        case .help:
            print(HelpText.text)
            return ExitCode.ok
        case .version:
            print("evscope \(version)")
            return ExitCode.ok
        case .watch(let options):
            return WatchSession.run(options: options)
        case .demo(let options, let brokerOnly, let rate):
            return DemoSession.run(options: options, brokerOnly: brokerOnly, rate: rate)
        case .bench(let name, let arguments):
            return BenchCommand.run(name: name, arguments: arguments)
        default:
            Console.error("this command is not available yet in this build")
            return ExitCode.usage
        }
    }
}

/// Writes one-line messages to stderr (never used while the dashboard owns the terminal).
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("evscope: \(message)\n".utf8))
    }

    static func wallClockMs() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
