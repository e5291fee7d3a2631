import Testing

@testable import EventScopeBench
@testable import EventScopeCore

/// `IngestPipeline.ingest(.records(_), ...)` decodes and warms a group at a time; it must leave
/// the model exactly as ingesting the same records one by one does.
@Suite struct IngestPipelineGroupTests {
    static let nowMs: Int64 = 1_714_564_800_000

    /// Every event form, repeated traces (chains of several events), redelivered records, and
    /// audit lines interleaved, in an order that does not line up with the group size.
    func records() -> [Record] {
        var records: [Record] = []
        for corpus in IngestBenchmark.Corpus.allCases {
            records += IngestBenchmark.records(corpus, count: 23, seed: 7)
        }
        let audit =
            "[2024-05-01 12:00:00,000] INFO Principal = User:rogue is Denied operation = WRITE from host = 10.1.1.1 on resource = Topic:LITERAL:orders for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"
        var mixed: [Record] = []
        for (index, record) in records.enumerated() {
            mixed.append(record)
            if index % 7 == 3 { mixed.append(Record(topic: "audit", offset: Int64(index), value: Array(audit.utf8))) }
            if index % 11 == 5 { mixed.append(record) }  // redelivered
            if index % 5 == 0 {
                // Another event carrying the same trace headers, at a later offset.
                var hop = records[(index + 1) % records.count]
                hop.headers = record.headers
                hop.offset += 10_000
                mixed.append(hop)
            }
        }
        return mixed
    }

    struct Observed: Equatable {
        var outcomes: [IngestPipeline.Outcome]
        var emitted: [String]
        var storedEvents: UInt64, storedDecisions: UInt64
        var counters: TraceIndexCounters
        var chains: [TraceChainSummary]
    }

    func observe(grouped: Bool) -> Observed {
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        var emitted: [String] = []
        pipeline.onEvent = { event, _, _ in emitted.append("\(event.topic)/\(event.partition)/\(event.offset)") }
        var outcomes: [IngestPipeline.Outcome] = []
        let records = records()
        if grouped {
            pipeline.ingest(.records(records), nowMs: Self.nowMs) { outcome, _ in outcomes.append(outcome) }
        } else {
            for record in records { pipeline.ingest(.records([record]), nowMs: Self.nowMs) { outcome, _ in outcomes.append(outcome) } }
        }
        return Observed(
            outcomes: outcomes, emitted: emitted, storedEvents: pipeline.store.totalEvents,
            storedDecisions: pipeline.store.totalDecisions, counters: pipeline.traceIndex.counters,
            chains: pipeline.traceIndex.recentChains(limit: 1_000, nowMs: Self.nowMs))
    }

    @Test func groupedIngestEqualsOneByOne() {
        let grouped = observe(grouped: true)
        let single = observe(grouped: false)
        #expect(grouped == single)
        #expect(grouped.outcomes.count == records().count)
        #expect(grouped.counters.duplicates > 0)
        #expect(grouped.storedDecisions > 0)
        #expect(grouped.chains.contains { $0.hops > 1 })
    }

    /// Prefetching changes nothing: an index that is prefetched but never inserted into stays empty.
    @Test func prefetchingChangesNothing() {
        let index = TraceIndex()
        let decoder = EventDecoder()
        for record in records() { index.prefetch(chainOf: decoder.decode(record).trace) }
        index.prefetchEvictions(count: 16)
        #expect(index.counters == TraceIndexCounters())
    }
}
