import EventScopeApp
import EventScopeCore
import EventScopeSources
import EventScopeTestSupport
import Foundation
import Testing

/// Mutated command lines: parsing returns an invocation or a one-line usage error that is safe
/// to print (it goes to the user's terminal on stderr), never a trap.
@Suite struct FuzzCommandLineTests {
    static let words =
        ["demo", "watch", "simulate", "replay", "policy", "check", "infer", "example", "config", "bench"]
        + CommandLineParser.allOptions.sorted()
    /// Every option that takes a number, each fuzzed with `numbers`.
    static let numericOptions = ["--trace-idle", "--rate", "--duration", "--speed", "--from"]
    static let numbers = [
        "1e16", "9.3e15", "9223372036854775807", "-9223372036854775808", "1e300", "-1e300", "1e-300", "5e-324", "0", "-0", "-1",
        "nan", "inf", "-inf", "1e18x", "1e6x", "0.001x", "0x", "86400", "86400.0001", "50000", "50001", "1e308", "0x1p1023",
        "-99999999999d", "-9223372036854775807s", "-106751991167300d", "99999", "65535", "65536",
    ]
    static let values = FuzzMutator(
        textSeeds: [
            "localhost:9092", "^orders.*", "beginning", "-15m", "-999999999999999999d", "2024-05-01T12:00:00Z", "events,decisions", "high",
            "10x", "max", "payload.kind", "security.protocol=SASL_SSL", "0.5", "1e308", "nan", "inf", "\u{1B}]0;PWNED\u{07}",
        ], maxLength: 64)

    @Test func parsesOrFailsWithSafeMessages() {
        let runner = FuzzRunner.monotonic(environment: ProcessInfo.processInfo.environment)
        let report = runner.run(target: "CommandLineParser") { random in
            var arguments = (0..<random.below(8)).map { _ in random.oneIn(2) ? Self.words[random.below(Self.words.count)] : Self.values.text(&random) }
            // A numeric option with an extreme number (or a broker list with a port out of range)
            // at a random place, so every one of them is reached often.
            if random.oneIn(2) {
                let option = random.oneIn(5) ? "-b" : Self.numericOptions[random.below(Self.numericOptions.count)]
                let number = Self.numbers[random.below(Self.numbers.count)]
                let at = random.below(arguments.count + 1)
                arguments.insert(contentsOf: [option, option == "-b" ? "host:\(number)" : number], at: at)
            }
            // Half the time behind a command word, so each command's own options are reached.
            if random.oneIn(2) { arguments.insert(["demo", "simulate", "replay", "policy", "watch"][random.below(5)], at: 0) }
            do throws(UsageError) {
                Self.useNumbers(of: try CommandLineParser.parse(arguments))
            } catch {
                let unsafe = error.message.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                }
                #expect(!unsafe, "raw control in usage error: \(Array(error.message.unicodeScalars.map(\.value)))")
            }
            _ = StartPosition.parse(Self.values.text(&random))
            _ = ReplaySpeed.parse(Self.values.text(&random))
        }
        print(report)
        #expect(report.iterations > 0)
    }

    /// Runs each accepted number through what the sessions turn it into (milliseconds, pacing),
    /// with record times at both ends of `Int64`, so a value that passed the parser cannot trap later.
    static func useNumbers(of invocation: Invocation) {
        switch invocation {
        case .watch(let options), .config(let options), .policyInfer(let options), .demo(let options, _, _), .simulate(let options, _, _):
            _ = HeadlessLoop(
                processor: InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: SourceBoard()), inbox: Inbox(),
                emit: [], traceIdleSeconds: options.traceIdleSeconds, exitAtEnd: true, now: { 0 }, write: { _ in })
        case .replay(_, let options, let speed):
            _ = HeadlessLoop(
                processor: InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: SourceBoard()), inbox: Inbox(),
                emit: [], traceIdleSeconds: options.traceIdleSeconds, exitAtEnd: true, now: { 0 }, write: { _ in })
            guard case .factor(let factor) = speed else { return }
            var pacer = ReplayPacer(speed: factor)
            for recordMs in [Int64.min, 0, Int64.max, 1_700_000_000_000, Int64.min] {
                _ = pacer.waitMs(forRecordMs: recordMs, wallNowMs: 1_700_000_000_000)
                _ = pacer.replayNowMs(wallNowMs: Int64.max)
                _ = pacer.replayNowMs(wallNowMs: Int64.min)
            }
        default:
            break
        }
    }
}
