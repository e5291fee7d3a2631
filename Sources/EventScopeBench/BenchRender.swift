import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// `evscope bench render`: the time to compose one 200×60 frame of each screen (model + draw,
/// as `DashboardLoop.renderFrame` does before presenting), as events held grow from 100k to
/// 10M, and again with the store full of distinct entities (every cap reached), since list
/// screens sort all their entities each frame; plus terminal bytes per idle frame.
public enum BenchRender {
    public static let width = 200
    public static let height = 60

    /// - Parameter terminalBytes: presents a grid twice to a headless terminal and returns the
    ///   bytes written by the first and by the repeated (idle) frame; injected because only the
    ///   terminal module may touch ncurses.
    public static func run(
        eventCounts: [Int] = [100_000, 1_000_000, 10_000_000], frames: Int = 200, progress: (String) -> Void = { _ in },
        terminalBytes: (Grid) -> (first: Int, idle: Int)?
    ) -> BenchReport {
        var report = BenchReport(name: "render")
        let nowMs: Int64 = 1_714_564_800_000
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        var board = SourceBoard()
        _ = board.add(name: "kafka bench", kind: .kafka)
        let corpus = IngestBenchmark.records(.envelope, count: 10_000)
        let auditRecords = AuditBenchmark.corpus(format: .confluent, count: 20_000).enumerated().map { index, line in
            Record(topic: "audit", offset: Int64(index), value: line)
        }
        pipeline.ingest(.records(auditRecords), nowMs: nowMs)
        var ingested = 0
        var lastGrids: [ScreenID: Grid] = [:]
        for target in eventCounts.sorted() {
            while ingested < target {
                // Batches of at most 1,000 that never cross a simulated second.
                let count = min(target - ingested, 1_000, 100_000 - ingested % 100_000)
                let batch = (ingested..<(ingested + count)).map { n in
                    var record = corpus[n % corpus.count]
                    record.offset = Int64(n)
                    return record
                }
                pipeline.ingest(.records(batch), nowMs: nowMs + Int64(ingested / 100_000))
                ingested += count
            }
            let frameNow = nowMs + Int64(ingested / 100_000)
            pipeline.tick(nowMs: frameNow)
            progress("  \(ingested) events ingested, rendering \(ScreenID.allCases.count) screens × \(frames) frames")
            lastGrids = measureScreens(pipeline, board: board, nowMs: frameNow, frames: frames, label: "\(label(ingested)) events", into: &report)
        }

        // Entities at every cap: the per-frame sort is over all of them.
        let caps = pipeline.store.caps
        let many = BenchSyntheticRecords(topics: caps.topics, types: caps.eventTypes, services: caps.principals, hopsPerTrace: 4)
        let crowded = IngestPipeline()
        let entityEvents = max(caps.topics, caps.eventTypes, caps.principals) * 2
        for start in stride(from: 0, to: entityEvents, by: 1_000) {
            let records = (start..<min(start + 1_000, entityEvents)).map(many.record)
            crowded.ingest(.records(records), nowMs: nowMs + Int64(start / 100_000))
        }
        for n in 0..<caps.principals * 2 { crowded.store.ingest(many.writeDecision(n), nowMs: nowMs + Int64(entityEvents / 100_000)) }
        progress("  \(crowded.store.topics.count) topics, \(crowded.store.eventTypes.count) types, \(crowded.store.principals.count) principals: rendering")
        _ = measureScreens(
            crowded, board: board, nowMs: nowMs + Int64(entityEvents / 100_000), frames: frames / 4,
            label: "all caps full", into: &report)

        // A denied-publish flood: every slot of the trace index's denial memory taken, inside
        // the windows of the chains listed, half by the principals producing those chains (they
        // continue the kinds of event on them, so a hop finds their denials in its window and
        // checks whether they continued it) and half by distinct principals on no chain.
        let listed = crowded.traceIndex.recentChains(limit: 300, nowMs: nowMs)
        if let first = listed.map(\.startMs).min(), let last = listed.map(\.startMs).max() {
            let slots = crowded.traceIndex.configuration.maxDeniedPublishes
            let onChains = Set(listed.flatMap(\.principals)).sorted()
            for n in 0..<slots {
                let principal = n % 2 == 0 && !onChains.isEmpty ? onChains[n / 2 % onChains.count] : "User:denied-\(n)"
                crowded.traceIndex.noteDeniedPublish(principal: principal, timeMs: first + (last - first) * Int64(n) / Int64(slots))
            }
            _ = measure(
                .traces, crowded, board: board, nowMs: nowMs + Int64(entityEvents / 100_000), frames: frames / 4,
                label: "all caps full + \(slots) denied principals", into: &report)
        }

        var worstIdle = 0
        for screen in ScreenID.allCases {
            guard let grid = lastGrids[screen], let bytes = terminalBytes(grid) else { continue }
            worstIdle = max(worstIdle, bytes.idle)
            if screen == .overview { report.add("terminal bytes, first full frame (overview)", Double(bytes.first), "B") }
        }
        report.add("terminal bytes per idle frame (worst screen)", Double(worstIdle), "B", atMost: 64)
        report.note("frame = list model (filter+sort) + draw into a \(width)×\(height) grid, in thread CPU time; presenting writes only the diff")
        return report
    }

    /// Renders every screen `frames` times; returns each screen's last grid.
    static func measureScreens(_ pipeline: IngestPipeline, board: SourceBoard, nowMs: Int64, frames: Int, label: String, into report: inout BenchReport)
        -> [ScreenID: Grid]
    {
        var grids: [ScreenID: Grid] = [:]
        for screen in ScreenID.allCases {
            grids[screen] = measure(screen, pipeline, board: board, nowMs: nowMs, frames: frames, label: label, into: &report)
        }
        return grids
    }

    /// Renders one screen `frames` times, reports the mean and p99 frame, returns the last grid.
    static func measure(
        _ screen: ScreenID, _ pipeline: IngestPipeline, board: SourceBoard, nowMs: Int64, frames: Int, label: String, into report: inout BenchReport
    ) -> Grid {
        var state = AppState()
        state.screen = screen
        var last = Grid(width: width, height: height)
        // The frame the loop draws: list model, selection kept on its item, chrome, status.
        var dashboard = Dashboard(state: state)
        let data = FrameData(pipeline: pipeline, sources: board.sources, nowMs: nowMs, width: width, height: height)
        let result = RenderBenchmark.measure(width: width, height: height, frames: frames, clock: BenchThreadCPUClock()) { grid in
            dashboard.draw(data, into: &grid)
            last = grid
        }
        report.add("\(screen.title) @ \(label) mean", result.meanMicroseconds, "µs")
        report.add("\(screen.title) @ \(label) p99", result.p99Microseconds, "µs", atMost: 1000)
        return last
    }

    static func label(_ count: Int) -> String {
        count >= 1_000_000 && count % 1_000_000 == 0 ? "\(count / 1_000_000)M" : count >= 1000 && count % 1000 == 0 ? "\(count / 1000)k" : "\(count)"
    }
}
