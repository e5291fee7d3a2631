import Testing

@testable import EventScopeCore

@Suite struct IngestPipelineStagesTests {
    static let nowMs: Int64 = 1_714_564_800_000
    static let deniedLine =
        "[2024-05-01 12:00:00,000] INFO Principal = User:rogue is Denied operation = WRITE from host = 10.1.1.1 on resource = Topic:LITERAL:shipping for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"

    func records() -> [Record] {
        let traced = Array("{\"eventType\":\"OrderPlaced\",\"eventId\":\"e-1\",\"source\":\"order-service\",\"payload\":{\"sku\":\"A-1\"}}".utf8)
        return [
            Record(
                topic: "orders", offset: 0, headers: [RecordHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")], value: traced),
            // Undecodable: the finding engine raises a finding for it.
            Record(topic: "orders", offset: 1, value: [0x00, 0xFF, 0x1B]),
            Record(topic: "audit", offset: 0, value: Array(Self.deniedLine.utf8)),
        ]
    }

    struct Observed: Equatable {
        var storedEvents: UInt64, storedDecisions: UInt64, chains: Int, findings: Int, emittedEvents: Int, emittedDecisions: Int
    }

    func run(_ stages: IngestStages) -> Observed {
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        pipeline.stages = stages
        var events = 0
        var decisions = 0
        pipeline.onEvent = { _, _, _ in events += 1 }
        pipeline.onDecision = { _ in decisions += 1 }
        for record in records() { pipeline.ingest(.records([record]), nowMs: Self.nowMs) }
        pipeline.tick(nowMs: Self.nowMs + 1_000)
        return Observed(
            storedEvents: pipeline.store.totalEvents, storedDecisions: pipeline.store.totalDecisions,
            chains: pipeline.traceIndex.counters.chains, findings: pipeline.findings.drainRaised().count,
            emittedEvents: events, emittedDecisions: decisions)
    }

    @Test(arguments: [
        ([] as IngestStages, Observed(storedEvents: 0, storedDecisions: 0, chains: 0, findings: 0, emittedEvents: 2, emittedDecisions: 1)),
        (.aggregates, Observed(storedEvents: 2, storedDecisions: 1, chains: 0, findings: 0, emittedEvents: 2, emittedDecisions: 1)),
        (.traces, Observed(storedEvents: 0, storedDecisions: 0, chains: 1, findings: 0, emittedEvents: 2, emittedDecisions: 1)),
    ])
    func skippedStagesLeaveTheirModelsUntouched(stages: IngestStages, expected: Observed) {
        #expect(run(stages) == expected)
    }

    @Test func ingestCountsDoNotDependOnTheStages() {
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        pipeline.stages = []
        for record in records() { pipeline.ingest(.records([record]), nowMs: Self.nowMs) }
        #expect(pipeline.eventsIngested == 2)
        #expect(pipeline.decisionsIngested == 1)
    }

    @Test func findingsStageAloneStillRaisesFindings() {
        let observed = run(.findings)
        #expect(observed.findings > 0)
        #expect(observed.storedEvents == 0)
        #expect(observed.chains == 0)
    }

    @Test func allStagesIsTheDefaultAndDoesEverything() {
        #expect(IngestPipeline().stages == .all)
        let observed = run(.all)
        #expect(observed.storedEvents == 2)
        #expect(observed.chains == 1)
        #expect(observed.findings == run(.findings).findings)
    }

    @Test func predecodedEventsIngestLikeRecords() {
        let direct = IngestPipeline()
        let predecoded = IngestPipeline()
        for record in records().prefix(2) {
            direct.ingest(.records([record]), nowMs: Self.nowMs)
            predecoded.ingest(.decoded([DecodedRecord(record: record, event: predecoded.decoder.decode(record))]), nowMs: Self.nowMs)
        }
        #expect(direct.store.totalEvents == predecoded.store.totalEvents)
        #expect(direct.store.principals.names.sorted() == predecoded.store.principals.names.sorted())
        #expect(direct.traceIndex.counters.nodes == predecoded.traceIndex.counters.nodes)
        #expect(direct.findings.drainRaised().count == predecoded.findings.drainRaised().count)
    }
}
