import EventScopeCore
import Foundation

/// Runs a fuzz target for a budget of iterations or seconds, with a watchdog that aborts the
/// process (naming the iteration) when one input runs longer than the hang limit.
///
/// The CI budget is a short fixed pass; the long pass comes from the environment:
/// `EVSCOPE_FUZZ_SECONDS=600 swift test -c release -Xswiftc -enable-testing --filter Fuzz`.
/// A failing iteration replays alone with `EVSCOPE_FUZZ_SEED=S EVSCOPE_FUZZ_FROM=N
/// EVSCOPE_FUZZ_ITERATIONS=1` (add `EVSCOPE_FUZZ_TRACE=1` to print each iteration before it runs,
/// which finds the one that crashed). Time comes in through `clock` (seconds, monotonic).
public struct FuzzRunner: Sendable {
    /// How long a run lasts and where it starts.
    public struct Budget: Sendable, Equatable {
        public var iterations: Int
        public var seconds: Double
        public var seed: UInt64
        public var firstIteration: Int
        public var trace: Bool

        public init(iterations: Int, seconds: Double, seed: UInt64 = 0x5EED_F022, firstIteration: Int = 0, trace: Bool = false) {
            self.iterations = iterations
            self.seconds = seconds
            self.seed = seed
            self.firstIteration = firstIteration
            self.trace = trace
        }

        /// The CI budget unless `EVSCOPE_FUZZ_SECONDS` / `_ITERATIONS` / `_SEED` / `_FROM` / `_TRACE` say otherwise.
        public static func fromEnvironment(_ environment: [String: String], ciIterations: Int = 1_500, ciSeconds: Double = 3) -> Budget {
            var budget = Budget(iterations: ciIterations, seconds: ciSeconds)
            if let seconds = environment["EVSCOPE_FUZZ_SECONDS"].flatMap(Double.init), seconds > 0 {
                budget.seconds = seconds
                budget.iterations = Int.max
            }
            if let iterations = environment["EVSCOPE_FUZZ_ITERATIONS"].flatMap(Int.init), iterations > 0 { budget.iterations = iterations }
            if let seed = environment["EVSCOPE_FUZZ_SEED"].flatMap({ UInt64($0, radix: 16) ?? UInt64($0) }) { budget.seed = seed }
            if let first = environment["EVSCOPE_FUZZ_FROM"].flatMap(Int.init), first >= 0 { budget.firstIteration = first }
            budget.trace = environment["EVSCOPE_FUZZ_TRACE"] == "1"
            return budget
        }
    }

    /// What a run did.
    public struct Report: Sendable, CustomStringConvertible {
        public var target: String
        public var iterations: Int
        public var elapsedSeconds: Double
        public var slowestSeconds: Double
        public var slowestIteration: Int
        public var seed: UInt64

        public var description: String {
            "fuzz \(target): \(iterations) inputs in \(String(format: "%.2f", elapsedSeconds)) s, "
                + "slowest \(String(format: "%.2f", slowestSeconds * 1000)) ms (iteration \(slowestIteration), seed \(String(seed, radix: 16)))"
        }
    }

    public var budget: Budget
    /// An input running longer than this is a hang: the watchdog reports it and aborts.
    public var hangLimitSeconds: Double
    public let clock: @Sendable () -> Double

    public init(budget: Budget, hangLimitSeconds: Double = 10, clock: @escaping @Sendable () -> Double) {
        self.budget = budget
        self.hangLimitSeconds = hangLimitSeconds
        self.clock = clock
    }

    /// A runner with the budget from `EVSCOPE_FUZZ_*` in `environment`, timed by the monotonic clock.
    public static func monotonic(environment: [String: String]) -> FuzzRunner {
        let origin = ContinuousClock.now
        return FuzzRunner(budget: .fromEnvironment(environment)) {
            let elapsed = ContinuousClock.now - origin
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// Calls `body` once per iteration with that iteration's generator; the body builds an input
    /// from it, feeds the target and checks invariants.
    public func run(target: String, _ body: (inout FuzzRandom) -> Void) -> Report {
        let watch = Watch()
        let watchdog = Thread { [clock, hangLimitSeconds, budget] in
            while !watch.isFinished {
                Thread.sleep(forTimeInterval: 0.2)
                guard let (iteration, started) = watch.current, clock() - started > hangLimitSeconds else { continue }
                let message =
                    "fuzz \(target): iteration \(iteration) still running after \(hangLimitSeconds) s (hang); "
                    + "replay: EVSCOPE_FUZZ_SEED=\(String(budget.seed, radix: 16)) EVSCOPE_FUZZ_FROM=\(iteration) EVSCOPE_FUZZ_ITERATIONS=1\n"
                FileHandle.standardError.write(Data(message.utf8))
                abort()
            }
        }
        watchdog.start()
        defer { watch.finish() }

        let start = clock()
        var report = Report(target: target, iterations: 0, elapsedSeconds: 0, slowestSeconds: 0, slowestIteration: budget.firstIteration, seed: budget.seed)
        var iteration = budget.firstIteration
        while report.iterations < budget.iterations, clock() - start < budget.seconds {
            if budget.trace { FileHandle.standardError.write(Data("fuzz \(target): iteration \(iteration)\n".utf8)) }
            var random = FuzzRandom(runSeed: budget.seed, iteration: iteration)
            let before = clock()
            watch.begin(iteration, at: before)
            body(&random)
            let took = clock() - before
            if took > report.slowestSeconds {
                report.slowestSeconds = took
                report.slowestIteration = iteration
            }
            report.iterations += 1
            iteration += 1
        }
        report.elapsedSeconds = clock() - start
        return report
    }

    /// The iteration in progress, shared with the watchdog thread.
    private final class Watch: @unchecked Sendable {
        private let lock = NSLock()
        private var iteration: Int?
        private var startedAt = 0.0
        private var finished = false

        var current: (Int, Double)? { lock.withLock { iteration.map { ($0, startedAt) } } }
        var isFinished: Bool { lock.withLock { finished } }

        func begin(_ iteration: Int, at time: Double) {
            lock.withLock {
                self.iteration = iteration
                startedAt = time
            }
        }

        func finish() { lock.withLock { finished = true } }
    }
}
