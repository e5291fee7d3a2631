import EventScopeCore
import Foundation
import Testing

@testable import EventScopeApp
@testable import EventScopeBench

@Suite struct BenchReportTests {
    @Test func targetsAreMarkedMetOrMissedInTextAndJSON() throws {
        var report = BenchReport(name: "ingest")
        report.add("full pipeline", 250_000, "events/CPU-s", atLeast: 300_000)
        report.add("p99", 0.5, "ms", atMost: 150)
        report.add("peak RSS", 97.9, "MB")
        report.note("corpus of 10000 records")
        let lines = report.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "bench ingest")
        #expect(lines[1].contains("250000 events/CPU-s") && lines[1].hasSuffix("target ≥ 300000 MISS"))
        #expect(lines[2].contains("0.500 ms") && lines[2].hasSuffix("target ≤ 150 ok"))
        #expect(lines[3].contains("97.9 MB") && !lines[3].contains("target"))
        #expect(lines[4] == "  note: corpus of 10000 records")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["bench"] as? String == "ingest")
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        #expect(metrics.count == 3)
        #expect(metrics[0]["met"] as? Bool == false)
        #expect(metrics[1]["met"] as? Bool == true)
        #expect(metrics[2]["met"] == nil)
    }

    @Test(arguments: [(0, "0"), (12.26, "12.3"), (0.1234, "0.123"), (1234.6, "1235"), (-3, "-3")])
    func numbersAreFormattedForReading(value: Double, text: String) {
        #expect(BenchReport.format(value) == text)
    }

    @Test func syntheticRecordsDecodeWithTheirDistinctEntitiesAndTraces() {
        let source = BenchSyntheticRecords(topics: 7, types: 5, services: 11, hopsPerTrace: 3)
        let pipeline = IngestPipeline()
        for n in 0..<77 { pipeline.ingest(.records([source.record(n)]), nowMs: 1_714_564_800_000) }
        #expect(pipeline.store.topics.count == 7)
        #expect(pipeline.store.eventTypes.count == 5)
        #expect(pipeline.store.topics["bench.topic-0"]?.declaredSources.distinct == 11)
        // Principals come from audit decisions: one allowed write per service.
        #expect(pipeline.store.principals.count == 0)
        for n in 0..<77 { pipeline.store.ingest(source.writeDecision(n), nowMs: 1_714_564_800_000) }
        #expect(pipeline.store.principals.count == 11)
        #expect(pipeline.store.authenticatedWrites.writers(topic: "bench.topic-3").count == 11)
        #expect(pipeline.store.eventsByFormat[.envelope] == 77)
        // 77 events in chains of 3 consecutive hops.
        #expect(pipeline.traceIndex.counters.chains == 26)
        #expect(pipeline.traceIndex.counters.nodes == 77)
        #expect(source.record(4).value.map { $0.count > 200 && $0.count < 320 } == true)
    }

    @Test func pipelineWithoutTraceIndexingStillAggregates() {
        let pipeline = IngestPipeline()
        pipeline.stages.remove(.traces)
        let source = BenchSyntheticRecords(topics: 2, types: 2, services: 2, hopsPerTrace: 1)
        for n in 0..<10 { pipeline.ingest(.records([source.record(n)]), nowMs: 1_714_564_800_000) }
        #expect(pipeline.store.totalEvents == 10)
        #expect(pipeline.traceIndex.counters.nodes == 0)
    }

    @Test func latencyBenchmarkResolvesEveryBatchItPosted() {
        let report = BenchLatency.run(eventsPerSecond: 10_000, seconds: 0.3)
        let delivered = report.metrics.first { $0.name == "events delivered" }?.value
        #expect(delivered == 3_000)
        let p99 = report.metrics.first { $0.name.hasPrefix("p99") }?.value ?? .infinity
        #expect(p99.isFinite && p99 > 0)
        #expect(!report.notes.contains { $0.hasPrefix("only") })
    }
}
