import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// `evscope bench memory`: RSS after feeding the full pipeline 10 million events with
/// 1 million distinct traces, 100,000 principals and 10,000 topics (≤ 150 MB), and
/// what the caps evicted to stay there.
public enum BenchMemory {
    public static func run(events: Int = 10_000_000, progress: (String) -> Void = { _ in }) -> BenchReport {
        var report = BenchReport(name: "memory")
        let traces = 1_000_000
        let source = BenchSyntheticRecords(topics: 10_000, types: 200, services: 100_000, hopsPerTrace: max(1, events / traces))
        let pipeline = IngestPipeline()
        let baseMs: Int64 = 1_714_564_800_000
        let rssBefore = BenchResources.currentRSSBytes()
        let cpuStart = BenchResources.threadCPUSeconds()
        var peakCurrent = rssBefore
        // Batches of 100 events, one simulated millisecond each: 100,000 events per simulated
        // second, so rate windows roll as in a live stream.
        var batch: [Record] = []
        batch.reserveCapacity(100)
        for start in stride(from: 0, to: events, by: 100) {
            let nowMs = baseMs + Int64(start / 100)
            batch.removeAll(keepingCapacity: true)
            for n in start..<min(start + 100, events) { batch.append(source.record(n)) }
            pipeline.ingest(.records(batch), nowMs: nowMs)
            // An allowed write per 100 events: over the run one for each of the services.
            pipeline.store.ingest(source.writeDecision(start / 100), nowMs: nowMs)
            if start % 1_000 == 0 { pipeline.tick(nowMs: nowMs) }
            if start > 0, start % 1_000_000 == 0 {
                let rss = BenchResources.currentRSSBytes()
                peakCurrent = max(peakCurrent, rss)
                progress("  \(start) events, RSS \(BenchResources.megabytes(rss)) MB")
            }
        }
        let cpu = BenchResources.threadCPUSeconds() - cpuStart
        let rssAfter = BenchResources.currentRSSBytes()
        let store = pipeline.store
        let counters = pipeline.traceIndex.counters
        report.add("RSS after \(events) events", BenchResources.megabytes(rssAfter), "MB", atMost: 150)
        report.add("peak RSS", BenchResources.megabytes(max(peakCurrent, BenchResources.peakRSSBytes())), "MB", atMost: 150)
        report.add("RSS before ingest", BenchResources.megabytes(rssBefore), "MB")
        // Freed memory the allocator keeps for reuse is counted in RSS; returning it shows how
        // much of the figure is live data and how much is allocator slack. glibc's malloc_trim
        // is not in the Glibc module, so it is looked up at run time.
        if let symbol = dlsym(nil, "malloc_trim") {
            let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
            _ = trim(0)
            report.add("RSS after malloc_trim (live data + code)", BenchResources.megabytes(BenchResources.currentRSSBytes()), "MB")
        }
        report.add("ingest rate (synthetic, full pipeline)", Double(events) / max(cpu, 1e-9), "events/CPU-s")
        report.add("topics retained", Double(store.topics.count), "")
        report.add("event types retained", Double(store.eventTypes.count), "")
        report.add("principals retained", Double(store.principals.count), "")
        report.add("topics evicted", Double(store.evictions.topics), "")
        report.add("principals evicted", Double(store.evictions.principals), "")
        report.add("trace chains retained", Double(counters.chains), "")
        report.add("trace nodes retained", Double(counters.nodes), "")
        report.add("trace chains evicted", Double(counters.evictedChains), "")
        report.note(
            "\(traces) distinct traces of \(source.hopsPerTrace) hops, \(source.services) principals, \(source.topics) topics, \(source.types) event types")
        return report
    }
}
