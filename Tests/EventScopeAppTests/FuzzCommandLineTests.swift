import EventScopeTestSupport
import EventScopeApp
import EventScopeCore
import Foundation
import Testing

/// Mutated command lines: parsing returns an invocation or a one-line usage error that is safe
/// to print (it goes to the user's terminal on stderr), never a trap.
@Suite struct FuzzCommandLineTests {
    static let words = [
        "demo", "watch", "simulate", "replay", "policy", "check", "infer", "example", "config", "bench", "-b", "--brokers", "-t", "--topic",
        "--audit-topic", "--audit-file", "-X", "-F", "--policy", "--from", "--theme", "--record", "--headless", "--emit", "--fail-on", "-e",
        "--type-field", "--id-field", "--source-field", "--time-field", "--trace-idle", "--reveal", "--rate", "--duration", "--speed",
        "--broker-only", "--help", "--version",
    ]
    static let values = FuzzMutator(textSeeds: [
        "localhost:9092", "^orders.*", "beginning", "-15m", "-999999999999999999d", "2024-05-01T12:00:00Z", "events,decisions", "high",
        "10x", "max", "payload.kind", "security.protocol=SASL_SSL", "0.5", "1e308", "nan", "inf", "\u{1B}]0;PWNED\u{07}",
    ], maxLength: 64)

    @Test func parsesOrFailsWithSafeMessages() {
        let runner = FuzzRunner.monotonic(environment: ProcessInfo.processInfo.environment)
        let report = runner.run(target: "CommandLineParser") { random in
            var arguments = (0..<random.below(8)).map { _ in random.oneIn(2) ? Self.words[random.below(Self.words.count)] : Self.values.text(&random) }
            // Half the time behind a command word, so each command's own options are reached.
            if random.oneIn(2) { arguments.insert(["demo", "simulate", "replay", "policy", "watch"][random.below(5)], at: 0) }
            do throws(UsageError) {
                _ = try CommandLineParser.parse(arguments)
            } catch {
                let unsafe = error.message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
                #expect(!unsafe, "raw control in usage error: \(Array(error.message.unicodeScalars.map(\.value)))")
            }
            _ = StartPosition.parse(Self.values.text(&random))
            _ = ReplaySpeed.parse(Self.values.text(&random))
        }
        print(report)
        #expect(report.iterations > 0)
    }
}
