@testable import EventScopeCore
@testable import EventScopeDemo

/// Feeds demo-world outputs through the real ingest pipeline into a finding engine (tests only).
final class FindingHarness {
    let pipeline: IngestPipeline
    let engine: FindingEngine
    var invalid: [EventPosition] = []
    private var offsets: [String: Int64] = [:]

    init(policy: Policy?, configuration: FindingConfiguration = FindingConfiguration()) {
        pipeline = IngestPipeline(auditTopics: Set(DemoWorld.auditTopics))
        engine = FindingEngine(policy: policy, configuration: configuration)
        if let policy { pipeline.store.principalMapper = PrincipalMapper(explicit: policy.sourcePrincipals) }
        var now: Int64 = 0
        pipeline.onEvent = { [unowned self] event, record, principal in
            engine.observe(event: event, record: record, claimedPrincipal: principal, nowMs: record.timestampMs ?? now)
        }
        pipeline.onDecision = { [unowned self] decision in engine.observe(decision: decision, nowMs: decision.timeMs ?? now) }
        engine.onInvalidEvent = { [unowned self] in invalid.append($0) }
        _ = now
        now = 0
    }

    /// Ingests demo records whose time is within `window` (relative to the run's start).
    func feed(_ run: DemoRun, window: Range<Int64> = Int64.min..<Int64.max) {
        for record in run.records where window.contains(record.timestampMs - DemoRun.startMs) {
            feed(record)
        }
    }

    func feed(_ record: DemoRecord) {
        let offset = offsets[record.topic, default: 0]
        offsets[record.topic] = offset + 1
        pipeline.ingest(.records([record.asRecord(offset: offset)]), nowMs: record.timestampMs)
    }

    func findings(_ rule: FindingRule) -> [Finding] {
        engine.findings.filter { $0.rule == rule }.sorted { $0.id < $1.id }
    }
}
