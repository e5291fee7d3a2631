import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

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
///
/// The Avro and Protobuf corpora are the envelope events in the Confluent wire format; every
/// stage of theirs starts with the schema resolver (warm cache), as every such event's ingest does.
public enum BenchIngest {
    /// The three stages compared.
    enum Stage: String, CaseIterable {
        case decode = "decode only"
        case aggregate = "decode+aggregate"
        case full = "full pipeline"
    }

    /// The names `--corpus` accepts.
    public static let corpusNames = IngestBenchmark.Corpus.allCases.map(\.rawValue) + BenchSchemaCorpus.allCases.map(\.rawValue)

    /// - Parameter corpora: the corpora to measure by name (all when nil).
    public static func run(eventsPerCorpus: Int = 1_000_000, chunkSize: Int = 10_000, corpora: Set<String>? = nil) -> BenchReport {
        var report = BenchReport(name: "ingest")
        var totalFullEvents = 0
        var totalFullSeconds = 0.0
        var totalAggregateSeconds = 0.0
        for corpus in IngestBenchmark.Corpus.allCases where corpora?.contains(corpus.rawValue) ?? true {
            let cpu = measure(
                corpus.rawValue, expectedFormat: corpus.expectedFormat, events: eventsPerCorpus, chunkSize: chunkSize, fullTarget: 300_000,
                into: &report, records: { IngestBenchmark.records(corpus, count: $0, seed: $1) }, prepare: { $0 })
            totalFullEvents += eventsPerCorpus
            totalFullSeconds += cpu.full
            totalAggregateSeconds += cpu.aggregate
        }
        for corpus in BenchSchemaCorpus.allCases where corpora?.contains(corpus.rawValue) ?? true {
            let source = CountingSchemaSource(corpus.registered)
            let resolver = SchemaResolver(source: source, nowMs: { startMs }, startFetch: { $0() }, release: { _, _ in })
            var transcoder = SchemaTranscoder()
            // Warms the cache the way the first record of a run does; its fetch is not timed.
            _ = resolver.prepare(corpus.records(count: 1, seed: 1), tag: 0, transcoder: &transcoder)
            var decoded = 0
            _ = measure(
                corpus.rawValue, expectedFormat: corpus.expectedFormat, events: eventsPerCorpus, chunkSize: chunkSize, fullTarget: 500_000,
                into: &report, records: { corpus.records(count: $0, seed: $1) },
                prepare: { records in
                    let ready = resolver.prepare(records, tag: 0, transcoder: &transcoder)
                    decoded += ready.count { $0.schema?.description.isDecoded == true }
                    return ready
                })
            report.add("\(corpus.rawValue) registry requests", Double(source.requests), "requests", atMost: 1)
            report.note("\(corpus.rawValue): \(decoded) of \(eventsPerCorpus * Stage.allCases.count) decoded with the schema in all stages")
        }
        if totalFullEvents > 0 {
            report.add("all JSON corpora full pipeline", Double(totalFullEvents) / max(totalFullSeconds, 1e-9), "events/CPU-s", atLeast: 300_000)
            report.add("all JSON corpora trace index overhead", (totalFullSeconds / max(totalAggregateSeconds, 1e-9) - 1) * 100, "%", atMost: 20)
        }
        report.add("peak RSS", BenchResources.megabytes(BenchResources.peakRSSBytes()), "MB")
        report.note("goal 1,000,000 events/CPU-s; peak RSS covers all stages' pipelines and one \(chunkSize)-record chunk")
        return report
    }

    private static let startMs: Int64 = 1_714_564_800_000

    /// Times the three stages of one corpus and reports them; returns the CPU seconds of the
    /// two pipelines. `prepare` runs inside every stage's timing (the schema resolver, or nothing).
    private static func measure(
        _ name: String, expectedFormat: EventFormat, events eventsPerCorpus: Int, chunkSize: Int, fullTarget: Double,
        into report: inout BenchReport, records makeRecords: (Int, UInt64) -> [Record], prepare: ([Record]) -> [Record]
    ) -> (full: Double, aggregate: Double) {
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
            var records = makeRecords(count, 0x5EED &+ chunkIndex &* 7919)
            for index in records.indices { records[index].offset = Int64(done + index) }
            for record in records { bytes += record.value?.count ?? 0 }
            chunkIndex += 1
            let order: [Stage] = chunkIndex % 2 == 1 ? [.decode, .aggregate, .full] : [.decode, .full, .aggregate]
            let nowMs = startMs + Int64(done / 1000)
            for stage in order {
                let wallStart = BenchResources.monotonicNanoseconds()
                let cpuStart = BenchResources.threadCPUSeconds()
                let ready = prepare(records)
                switch stage {
                case .decode:
                    for record in ready where decoder.decode(record, names: &names).type != nil { decodedWithType += 1 }
                case .aggregate:
                    aggregatePipeline.ingest(.records(ready), nowMs: nowMs)
                case .full:
                    fullPipeline.ingest(.records(ready), nowMs: nowMs)
                }
                cpu[stage, default: 0] += BenchResources.threadCPUSeconds() - cpuStart
                wall[stage, default: 0] += Double(BenchResources.monotonicNanoseconds() - wallStart) / 1e9
            }
            done += count
        }
        for stage in Stage.allCases {
            let rate = Double(eventsPerCorpus) / max(cpu[stage] ?? 0, 1e-9)
            report.add("\(name) \(stage.rawValue)", rate, "events/CPU-s", atLeast: stage == .full ? fullTarget : nil)
        }
        let fullWallRate = Double(eventsPerCorpus) / max(wall[.full] ?? 0, 1e-9)
        report.add("\(name) full pipeline (wall clock)", fullWallRate, "events/s")
        let overhead = ((cpu[.full] ?? 0) / max(cpu[.aggregate] ?? 0, 1e-9) - 1) * 100
        report.add("\(name) trace index overhead", overhead, "%", atMost: 20)
        report.note(
            "\(name): \(bytes / max(1, eventsPerCorpus)) B/value on average, \(decodedWithType) of \(eventsPerCorpus) decoded with a type"
                + ", \(fullPipeline.store.eventsByFormat[expectedFormat] ?? 0) counted as \(expectedFormat.rawValue)"
                + ", trace index holds \(fullPipeline.traceIndex.counters.chains) chains")
        return (cpu[.full] ?? 0, cpu[.aggregate] ?? 0)
    }
}
