import Foundation
import Testing

@testable import EventScopeBench
@testable import EventScopeCore

/// Runs the ingest benchmark once per corpus and checks every event decoded correctly.
///
/// The rate is printed, never asserted (timing belongs to benchmarks). For real numbers run
/// `EVSCOPE_BENCH_EVENTS=1000000 swift test -c release --filter IngestBenchmarkTests`.
@Suite struct IngestBenchmarkTests {
    static let events = ProcessInfo.processInfo.environment["EVSCOPE_BENCH_EVENTS"].flatMap { Int($0) } ?? 20_000

    @Test(arguments: IngestBenchmark.Corpus.allCases)
    func decodesEveryGeneratedRecord(corpus: IngestBenchmark.Corpus) {
        var aggregated = 0
        let result = IngestBenchmark.run(corpus, events: Self.events, distinctRecords: 5_000) { _ in aggregated += 1 }
        print("IngestBenchmark \(result)")
        #expect(result.correctlyDecoded == Self.events)
        #expect(aggregated == Self.events)
        #expect((200...400).contains(result.averageRecordBytes))
    }

    @Test func headlessLinesKeepDecodingCorrect() {
        let result = IngestBenchmark.run(.envelope, events: Self.events, distinctRecords: 5_000, encodeJSONLines: true)
        print("IngestBenchmark \(result)")
        #expect(result.correctlyDecoded == Self.events)
    }

    @Test func corpusHasVariedTraceHeadersAndIds() {
        let records = IngestBenchmark.records(.envelope, count: 8)
        let decoder = EventDecoder()
        let styles = Set(records.compactMap { decoder.decode($0).trace.style })
        #expect(styles == [.w3c, .b3])
        #expect(Set(records.compactMap { decoder.decode($0).id }).count == 8)
    }
}
