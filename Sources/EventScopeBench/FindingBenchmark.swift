import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Measures the finding engine's per-event cost on demo traffic, for `evscope bench findings`.
public enum FindingBenchmark {
    public struct Result: Sendable {
        public var withPolicy: Bool
        public var events: Int
        public var decisions: Int
        public var payloadsParsed: UInt64
        public var findings: Int
        public var elapsedSeconds: Double

        public var eventsPerSecond: Double { elapsedSeconds > 0 ? Double(events + decisions) / elapsedSeconds : 0 }

        public var summary: String {
            let perItemNs = events + decisions > 0 ? Int((elapsedSeconds * 1e9 / Double(events + decisions)).rounded()) : 0
            return "findings (\(withPolicy ? "demo policy" : "no policy")): \(events) events + \(decisions) decisions in \(elapsedSeconds) s: "
                + "\(Int(eventsPerSecond.rounded())) items/s, \(perItemNs) ns/item, \(payloadsParsed) payloads parsed per pass, \(findings) findings"
        }
    }

    /// Decodes demo traffic up front, then times only `FindingEngine.observe` over it `passes` times.
    public static func run(policy: Policy? = .demo, simulatedSeconds: Int = 30, rate: Double = 2_000, passes: Int = 3) -> Result {
        let startMs: Int64 = 1_714_564_800_000
        var world = DemoWorld(seed: 1, startMs: startMs, rate: rate)
        let decoder = EventDecoder()
        let auditParser = AuditParser()
        let auditTopics = Set(DemoWorld.auditTopics)
        let mapper = PrincipalMapper(explicit: policy?.sourcePrincipals ?? [:])
        var events: [(Event, Record, String?)] = []
        var decisions: [Decision] = []
        var nowMs = startMs
        var offset: Int64 = 0
        while nowMs < startMs + Int64(simulatedSeconds) * 1000 {
            nowMs += 50
            for case .record(let demo) in world.advance(toMs: nowMs) {
                let record = demo.asRecord(offset: offset)
                offset += 1
                if auditTopics.contains(record.topic) {
                    if case .decisions(let parsed) = auditParser.parse(bytes: record.value ?? [], sourceName: record.topic) { decisions += parsed }
                } else {
                    let event = decoder.decode(record)
                    events.append((event, record, event.source.map { mapper.principal(forSource: $0) }))
                }
            }
        }
        let clock = ContinuousClock()
        var engine = FindingEngine(policy: policy)
        let began = clock.now
        for _ in 0..<max(1, passes) {
            engine = FindingEngine(policy: policy)
            for (event, record, principal) in events {
                engine.observe(event: event, record: record, claimedPrincipal: principal, nowMs: record.timestampMs ?? startMs)
            }
            for decision in decisions { engine.observe(decision: decision, nowMs: decision.timeMs ?? startMs) }
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(
            withPolicy: policy != nil, events: events.count * max(1, passes), decisions: decisions.count * max(1, passes),
            payloadsParsed: engine.payloadsParsed,
            findings: engine.count, elapsedSeconds: seconds)
    }
}
