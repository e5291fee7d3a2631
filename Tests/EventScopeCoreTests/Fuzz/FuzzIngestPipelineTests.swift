import EventScopeCore
import EventScopeTestSupport
import Testing

/// A stream of hostile records and audit lines through the whole pipeline with small caps: the
/// store and trace index stay within their caps whatever arrives.
@Suite struct FuzzIngestPipelineTests {
    @Test func staysWithinCaps() {
        var caps = StoreCaps()
        caps.topics = 8
        caps.eventTypes = 8
        caps.principals = 8
        caps.recentEvents = 16
        caps.recentDecisions = 16
        caps.recentDenied = 16
        caps.retainedValueBytes = 64
        let pipeline = IngestPipeline(
            store: Store(caps: caps), auditTopics: ["audit"],
            traceConfiguration: TraceIndexConfiguration(maxChains: 16, maxNodes: 32, maxNodesPerChain: 8, maxNames: 64))
        var nowMs: Int64 = 1_714_557_600_000
        FuzzSupport.run("IngestPipeline") { random in
            nowMs += Int64(random.below(2_000))
            var record = FuzzEventDecoderTests.record(&random)
            if random.oneIn(4) {
                record.topic = "audit"
                record.value = FuzzAuditParserTests.seeds.input(&random)
            } else {
                record.topic = "t\(random.below(32))"
            }
            pipeline.ingest(.records([record]), nowMs: nowMs)
            if random.oneIn(8) { pipeline.ingest(.auditLines([FuzzAuditParserTests.seeds.input(&random)], source: "file"), nowMs: nowMs) }
            if random.oneIn(16) { pipeline.tick(nowMs: nowMs) }
            let store = pipeline.store
            #expect(store.topics.count <= caps.topics)
            #expect(store.eventTypes.count <= caps.eventTypes)
            #expect(store.principals.count <= caps.principals)
            #expect(store.recentEvents.count <= caps.recentEvents)
            #expect(store.recentDecisions.count <= caps.recentDecisions)
            #expect(pipeline.traceIndex.counters.chains <= 16)
            #expect(pipeline.traceIndex.counters.nodes <= 32)
        }
        #expect(pipeline.store.totalEvents > 0)
    }
}
