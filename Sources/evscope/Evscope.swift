import EventScopeApp
import EventScopeBench
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
        case .watch(let options) where options.rollups != nil:
            return RollupReadSession.run(options: options)
        case .watch(let options):
            return WatchSession.run(options: options)
        case .agent(let options, let agent):
            return AgentSession.run(options: options, agent: agent)
        case .demo(let options, let brokerOnly, let rate):
            return DemoSession.run(options: options, brokerOnly: brokerOnly, rate: rate)
        case .replay(let path, let options, let speed):
            return ReplaySession.run(path: path, options: options, speed: speed)
        case .config(let options):
            return ConfigCommand.run(options: options)
        case .simulate(let options, let rate, let duration):
            return SimulateSession.run(options: options, rate: rate, durationSeconds: duration)
        case .policyCheck(let path):
            let (output, code) = PolicyCommands.check(path: path)
            FileHandle.standardOutput.write(Data(output.utf8))
            return code
        case .policyExample:
            FileHandle.standardOutput.write(Data(PolicyCommands.example().utf8))
            return ExitCode.ok
        case .policyInfer(let options):
            return PolicyInferSession.run(options: options)
        case .bench(let name, let arguments):
            return BenchCommand.run(name: name, arguments: arguments)
        }
    }
}
