import EventScopeCore
import Foundation
import Testing

/// Shared pieces of the fuzz suites: the budget from the environment, a monotonic clock, and
/// invariants written independently of the code under test.
enum FuzzSupport {
    static let budget = FuzzRunner.Budget.fromEnvironment(ProcessInfo.processInfo.environment)

    static func runner() -> FuzzRunner {
        let origin = ContinuousClock.now
        return FuzzRunner(budget: budget) {
            let elapsed = ContinuousClock.now - origin
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// Runs a target and prints its report (the numbers quoted in reports come from these lines).
    static func run(_ target: String, _ body: (inout FuzzRandom) -> Void) {
        let report = runner().run(target: target, body)
        print(report)
        #expect(report.iterations > 0)
    }

    /// A scalar a terminal would act on rather than draw: C0, DEL, C1, bidi controls, zero-width
    /// and other invisible formatting characters.
    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0xFFF9...0xFFFB, 0xE0000...0xE007F:
            true
        default:
            false
        }
    }

    static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isDangerous)
    }

    /// Lower-case hex of exactly `length` digits, not all zero (how normalised trace ids look).
    static func isNormalisedHex(_ text: String?, length: Int) -> Bool {
        guard let text else { return true }
        return text.utf8.count == length && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            && text.utf8.contains { $0 != 48 }
    }
}
