import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Measures how fast the demo world generates traffic, for `evscope bench demo`.
public enum DemoBenchmark {
    /// What one benchmark run produced and how long it took.
    public struct Result: Sendable {
        public var simulatedSeconds: Int
        public var outputs: Int
        /// Records on the data topics (not audit records).
        public var events: Int
        public var bytes: Int
        public var elapsedSeconds: Double

        /// Generated outputs per wall-clock second.
        public var outputsPerSecond: Double { elapsedSeconds > 0 ? Double(outputs) / elapsedSeconds : 0 }

        public var summary: String {
            let rate = Int(outputsPerSecond.rounded())
            let perOutputNs = outputs > 0 ? Int((elapsedSeconds * 1e9 / Double(outputs)).rounded()) : 0
            return
                "demo world: \(outputs) outputs (\(events) events, \(bytes) bytes) for \(simulatedSeconds) simulated s in \(elapsedSeconds) s: \(rate) outputs/s, \(perOutputNs) ns/output"
        }
    }

    /// Advances a world through `simulatedSeconds` in 10 ms steps as fast as possible.
    public static func run(rate: Double = 15_000, simulatedSeconds: Int = 10, seed: UInt64 = 1) -> Result {
        let startMs: Int64 = 1_714_564_800_000
        var world = DemoWorld(seed: seed, startMs: startMs, rate: rate)
        var result = Result(simulatedSeconds: simulatedSeconds, outputs: 0, events: 0, bytes: 0, elapsedSeconds: 0)
        let auditTopics: Set<String> = Set(DemoWorld.topics.suffix(3).map(\.name))
        let clock = ContinuousClock()
        let began = clock.now
        var nowMs = startMs
        while nowMs < startMs + Int64(simulatedSeconds) * 1000 {
            nowMs += 10
            for output in world.advance(toMs: nowMs) {
                result.outputs += 1
                if case .record(let record) = output {
                    result.bytes += record.value.count
                    if !auditTopics.contains(record.topic) { result.events += 1 }
                }
            }
        }
        let elapsed = clock.now - began
        result.elapsedSeconds =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }
}
