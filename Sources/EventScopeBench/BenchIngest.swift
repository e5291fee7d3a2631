import EventScopeSources
import EventScopeKafka
import EventScopeDemo
import EventScopeUI
import EventScopeApp
import EventScopeTerminal
import EventScopeCore

/// `evscope bench ingest`: events per CPU-second through the full `IngestPipeline` (decode,
/// aggregate, trace index and whatever else the pipeline does), against decode alone and
/// decode + aggregate without the trace index, on the same records in the same run.
///
/// Records come from `IngestBenchmark.records` in fresh chunks (a new seed per chunk), so trace
/// and event ids do not repeat: cycling one small corpus would turn every later insert into a
/// cheap duplicate. Generating a chunk is not timed; each stage is timed over each chunk with
/// the thread's CPU clock, the fair per-core measure on a shared machine. The two pipelines take
/// turns going first on successive chunks, so neither always finds the chunk's records already
/// warm in the cache from the other: the trace overhead compares like with like.
public enum BenchIngest {
    /// The three stages compared.
    enum Stage: String, CaseIterable {
        case decode = "decode only"
        case aggregate = "decode+aggregate"
        case full = "full pipeline"
    }

    public static func run(eventsPerCorpus: Int = 1_000_000, chunkSize: Int = 10_000) -> BenchReport {
        var report = BenchReport(name: "ingest")
        let nowMs: Int64 = 1_714_564_800_000
        var totalFullEvents = 0
        var totalFullSeconds = 0.0
        var totalAggregateSeconds = 0.0
        for corpus in IngestBenchmark.Corpus.allCases {
            let decoder = EventDecoder()
            // Decode-only decodes as the pipeline does: types and sources through an interner.
            var names = NameInterner()
            let aggregatePipeline = IngestPipeline()
            aggregatePipeline.stages.remove(.traces)
            let fullPipeline = IngestPipeline()
            var cpu: [Stage: Double] = [:]
            var wall: [Stage: Double] = [:]
            var decodedWithType = 0
            var bytes = 0
            var done = 0
            var chunkIndex: UInt64 = 0
            while done < eventsPerCorpus {
                let count = min(chunkSize, eventsPerCorpus - done)
                var records = IngestBenchmark.records(corpus, count: count, seed: 0x5EED &+ chunkIndex &* 7919)
                for index in records.indices { records[index].offset = Int64(done + index) }
                for record in records { bytes += record.value?.count ?? 0 }
                chunkIndex += 1
                let order: [Stage] = chunkIndex % 2 == 1 ? [.decode, .aggregate, .full] : [.decode, .full, .aggregate]
                for stage in order {
                    let wallStart = BenchResources.monotonicNanoseconds()
                    let cpuStart = BenchResources.threadCPUSeconds()
                    switch stage {
                    case .decode:
                        for record in records where decoder.decode(record, names: &names).type != nil { decodedWithType += 1 }
                    case .aggregate:
                        aggregatePipeline.ingest(.records(records), nowMs: nowMs + Int64(done / 1000))
                    case .full:
                        fullPipeline.ingest(.records(records), nowMs: nowMs + Int64(done / 1000))
                    }
                    cpu[stage, default: 0] += BenchResources.threadCPUSeconds() - cpuStart
                    wall[stage, default: 0] += Double(BenchResources.monotonicNanoseconds() - wallStart) / 1e9
                }
                done += count
            }
            let name = corpus.rawValue
            for stage in Stage.allCases {
                let rate = Double(eventsPerCorpus) / max(cpu[stage] ?? 0, 1e-9)
                if stage == .full {
                    report.add("\(name) \(stage.rawValue)", rate, "events/CPU-s", atLeast: 300_000)
                } else {
                    report.add("\(name) \(stage.rawValue)", rate, "events/CPU-s")
                }
            }
            let fullWallRate = Double(eventsPerCorpus) / max(wall[.full] ?? 0, 1e-9)
            report.add("\(name) full pipeline (wall clock)", fullWallRate, "events/s")
            let overhead = ((cpu[.full] ?? 0) / max(cpu[.aggregate] ?? 0, 1e-9) - 1) * 100
            report.add("\(name) trace index overhead", overhead, "%", atMost: 20)
            report.note("\(name): \(bytes / max(1, eventsPerCorpus)) B/value on average, \(decodedWithType) of \(eventsPerCorpus) decoded with a type"
                + ", trace index holds \(fullPipeline.traceIndex.counters.chains) chains")
            totalFullEvents += eventsPerCorpus
            totalFullSeconds += cpu[.full] ?? 0
            totalAggregateSeconds += cpu[.aggregate] ?? 0
        }
        for corpus in BenchSchemaCorpus.allCases {
            runSchemaCorpus(corpus, events: eventsPerCorpus, chunkSize: chunkSize, nowMs: nowMs, into: &report)
        }
        report.add("all corpora full pipeline", Double(totalFullEvents) / max(totalFullSeconds, 1e-9), "events/CPU-s", atLeast: 300_000)
        report.add("all corpora trace index overhead", (totalFullSeconds / max(totalAggregateSeconds, 1e-9) - 1) * 100, "%", atMost: 20)
        report.add("peak RSS", BenchResources.megabytes(BenchResources.peakRSSBytes()), "MB")
        report.note("goal 1,000,000 events/CPU-s; peak RSS covers all stages' pipelines and one \(chunkSize)-record chunk")
        return report
    }

    /// Wire-format events through the schema resolver (warm cache) and the full pipeline: the
    /// decode into JSON is timed with the rest, as it is part of every such event's ingest.
    static func runSchemaCorpus(_ corpus: BenchSchemaCorpus, events: Int, chunkSize: Int, nowMs: Int64, into report: inout BenchReport) {
        let source = CountingSchemaSource(corpus.registered)
        let resolver = SchemaResolver(source: source, nowMs: { nowMs }, startFetch: { $0() }, release: { _, _ in })
        var transcoder = SchemaTranscoder()
        // Warms the cache the way the first record of a run does; its fetch is not timed.
        _ = resolver.prepare(corpus.records(count: 1, seed: 1), tag: 0, transcoder: &transcoder)
        let pipeline = IngestPipeline()
        var cpu = 0.0, wall = 0.0
        var bytes = 0, done = 0, decoded = 0
        var chunkIndex: UInt64 = 0
        while done < events {
            let count = min(chunkSize, events - done)
            var records = corpus.records(count: count, seed: 0x5EED &+ chunkIndex &* 7919)
            for index in records.indices { records[index].offset = Int64(done + index) }
            for record in records { bytes += record.value?.count ?? 0 }
            chunkIndex += 1
            let wallStart = BenchResources.monotonicNanoseconds()
            let cpuStart = BenchResources.threadCPUSeconds()
            let ready = resolver.prepare(records, tag: 0, transcoder: &transcoder)
            pipeline.ingest(.records(ready), nowMs: nowMs + Int64(done / 1000))
            cpu += BenchResources.threadCPUSeconds() - cpuStart
            wall += Double(BenchResources.monotonicNanoseconds() - wallStart) / 1e9
            decoded += ready.count { $0.schema?.description.isDecoded == true }
            done += count
        }
        let name = corpus.rawValue
        report.add("\(name) full pipeline (schema decode, warm cache)", Double(events) / max(cpu, 1e-9), "events/CPU-s", atLeast: 500_000)
        report.add("\(name) full pipeline (wall clock)", Double(events) / max(wall, 1e-9), "events/s")
        report.add("\(name) registry requests", Double(source.requests), "requests", atMost: 1)
        report.note("\(name): \(bytes / max(1, events)) B/value on the wire, \(decoded) of \(events) decoded with the schema"
            + ", \(pipeline.store.eventsByFormat[corpus.expectedFormat] ?? 0) counted as \(corpus.expectedFormat.rawValue)")
    }
}
