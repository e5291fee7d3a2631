import Foundation
import Testing

/// Shared pieces of the fuzz suites: the budget from the environment, a monotonic clock, and
/// invariants written independently of the code under test.
public enum FuzzSupport {
    /// Runs a target and prints its report (the numbers quoted in reports come from these lines).
    public static func run(_ target: String, _ body: (inout FuzzRandom) -> Void) {
        let report = FuzzRunner.monotonic(environment: ProcessInfo.processInfo.environment).run(target: target, body)
        print(report)
        #expect(report.iterations > 0)
    }

    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool { FuzzInvariants.isDangerous(scalar) }

    public static func isTerminalSafe(_ text: String) -> Bool { FuzzInvariants.isTerminalSafe(text) }

    /// Lower-case hex of exactly `length` digits, not all zero (how normalised trace ids look).
    public static func isNormalisedHex(_ text: String?, length: Int) -> Bool {
        guard let text else { return true }
        return text.utf8.count == length && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            && text.utf8.contains { $0 != 48 }
    }
}
