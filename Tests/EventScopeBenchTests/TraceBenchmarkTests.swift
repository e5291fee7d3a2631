import EventScopeCore
import Foundation
import Testing

@testable import EventScopeBench

/// Checks the benchmark's bookkeeping (not its speed). Set TRACE_BENCH_EVENTS to run it at
/// scale under `/usr/bin/time -v swift test -c release --filter TraceBenchmarkTests` and read
/// the printed rate and the peak RSS.
@Suite struct TraceBenchmarkTests {
    @Test func distinctSingleEventTracesFillTheIndexUpToItsCap() {
        let events = ProcessInfo.processInfo.environment["TRACE_BENCH_EVENTS"].flatMap { Int($0) } ?? 3_000
        let configuration = TraceIndexConfiguration(maxChains: min(100_000, events / 3))
        let result = TraceBenchmark.run(events: events, configuration: configuration)
        print(
            "trace bench: \(result.events) events, \(Int(result.insertsPerSecond)) inserts/s, "
                + "\(String(format: "%.3f", result.nanosecondsPerInsert / 1000)) µs/insert, "
                + "generation \(String(format: "%.3f", result.generationSeconds)) s, counters \(result.counters)")
        #expect(result.counters.chains == configuration.maxChains)
        #expect(result.counters.nodes == configuration.maxChains)
        #expect(result.counters.evictedChains == events - configuration.maxChains)
        #expect(result.counters.duplicates == 0)
        #expect(result.events == events)
    }

    @Test func multiHopChainsAreLinked() {
        let result = TraceBenchmark.run(events: 900, hopsPerChain: 3)
        #expect(result.counters.chains == 300)
        #expect(result.counters.nodes == 900)
        #expect(result.counters.evictedChains == 0)
    }
}
