import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation
import Synchronization

/// `evscope bench latency`: how long after a batch is consumed its events are on screen, with
/// events arriving at a steady rate (p99 ≤ 150 ms at 100k events/s).
///
/// A producer thread posts a batch into the `Inbox` every 10 ms, stamped with the monotonic
/// time of posting (the consume time). The real `DashboardLoop` runs on the Live screen with a
/// counting backend: when a frame is presented, every batch whose events the store has ingested
/// by then is on screen, and its latency is the present time minus its post time.
public enum BenchLatency {
    public static func run(eventsPerSecond: Int = 100_000, seconds: Double = 10) -> BenchReport {
        var report = BenchReport(name: "latency")
        let batchesPerSecond = 100
        let batchSize = max(1, eventsPerSecond / batchesPerSecond)
        let batchCount = max(1, Int(seconds * Double(batchesPerSecond)))
        let log = PostLog()
        let inbox = Inbox()
        var board = SourceBoard()
        let sourceID = board.add(name: "kafka bench", kind: .kafka)
        let pipeline = IngestPipeline()
        let backend = CountingBackend(width: BenchRender.width, height: BenchRender.height)
        var latencies: [Double] = []
        latencies.reserveCapacity(batchCount)
        var resolved = 0
        backend.onPresent = {
            // Runs on the loop thread, right after the frame is handed to the terminal.
            let presentedNs = BenchResources.monotonicNanoseconds()
            let onScreen = Int(pipeline.store.totalEvents)
            for postedNs in log.resolve(from: resolved, upTo: onScreen) {
                latencies.append(Double(presentedNs - postedNs) / 1e6)
                resolved += 1
            }
        }
        var state = AppState()
        state.screen = .live
        let hooks = DashboardLoop.Hooks(now: { Int64(BenchResources.monotonicNanoseconds() / 1_000_000) })
        let loop = DashboardLoop(
            processor: InboxProcessor(pipeline: pipeline, board: board), inbox: inbox, backend: backend, keyMap: .standard,
            hooks: hooks, initialState: state)

        let corpus = IngestBenchmark.records(.envelope, count: 10_000)
        let producer = Thread {
            let start = BenchResources.monotonicNanoseconds()
            var offset = 0
            for batch in 0..<batchCount {
                let due = start + UInt64(batch) * 1_000_000_000 / UInt64(batchesPerSecond)
                let now = BenchResources.monotonicNanoseconds()
                if due > now { usleep(UInt32((due - now) / 1000)) }
                var records: [Record] = []
                records.reserveCapacity(batchSize)
                for _ in 0..<batchSize {
                    var record = corpus[offset % corpus.count]
                    record.offset = Int64(offset)
                    records.append(record)
                    offset += 1
                }
                log.posted(endCount: offset, atNs: BenchResources.monotonicNanoseconds())
                inbox.post(.batch(sourceID: sourceID, .records(records)))
            }
        }
        let started = BenchResources.monotonicNanoseconds()
        producer.start()
        loop.run { resolved >= batchCount || BenchResources.monotonicNanoseconds() - started > UInt64(seconds * 4 + 10) * 1_000_000_000 }
        let elapsed = Double(BenchResources.monotonicNanoseconds() - started) / 1e9

        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? .infinity : sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
        }
        report.add("p50 consume → on screen", percentile(0.50), "ms")
        report.add("p99 consume → on screen", percentile(0.99), "ms", atMost: 150)
        report.add("max consume → on screen", sorted.last ?? .infinity, "ms")
        report.add("events delivered", Double(pipeline.store.totalEvents), "events")
        report.add("achieved rate", Double(pipeline.store.totalEvents) / max(elapsed, 1e-9), "events/s")
        report.add("frames presented", Double(backend.framesPresented), "frames")
        report.note(
            "\(batchCount) batches of \(batchSize) every 10 ms; frame interval \(loop.frameIntervalMs) ms; Live screen at \(BenchRender.width)×\(BenchRender.height)"
        )
        if resolved < batchCount { report.note("only \(resolved) of \(batchCount) batches reached the screen before the time limit") }
        return report
    }

    /// Post times of batches and the cumulative event count after each, shared by the producer
    /// thread and the loop thread.
    final class PostLog: Sendable {
        private let entries = Mutex<[(endCount: Int, postedNs: UInt64)]>([])

        func posted(endCount: Int, atNs: UInt64) {
            entries.withLock { $0.append((endCount, atNs)) }
        }

        /// Post times of the batches from index `first` on whose events are all ingested.
        func resolve(from first: Int, upTo ingested: Int) -> [UInt64] {
            entries.withLock { list in
                var out: [UInt64] = []
                var index = first
                while index < list.count, list[index].endCount <= ingested {
                    out.append(list[index].postedNs)
                    index += 1
                }
                return out
            }
        }
    }

    /// A backend that draws nowhere, reports each present, and waits like a terminal with no keys.
    final class CountingBackend: Backend {
        let size: (width: Int, height: Int)
        var onPresent: () -> Void = {}
        private(set) var framesPresented = 0

        init(width: Int, height: Int) {
            size = (width, height)
        }

        func present(_ grid: Grid) {
            framesPresented += 1
            onPresent()
        }

        func readKey(timeoutMs: Int) -> Key? {
            if timeoutMs > 0 { usleep(UInt32(timeoutMs) * 1000) }
            return nil
        }
    }
}
