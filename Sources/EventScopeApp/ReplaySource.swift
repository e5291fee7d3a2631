import EventScopeCore
import EventScopeSources
import Foundation
import Synchronization

/// The replay's source thread: reads the file through a `ReplayFeeder` and posts its batches.
public final class ReplaySource: Sendable {
    /// Headless replays hand the inbox over when this many records wait, so a fast reader
    /// cannot buffer a whole file in memory.
    static let maxPendingRecords = 100_000

    public let inbox = Inbox()
    private let name: String
    private let recordSourceID = 0
    private let auditSourceID = 1
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var feeder: ReplayFeeder?
        var pacer: ReplayPacer
        var stopRequested = false
        var isFinished = false
        var summary = ""
    }

    public init(feeder: sending ReplayFeeder, name: String) {
        self.name = name
        state = Mutex(State(feeder: feeder, pacer: feeder.pacer))
    }

    /// The board listing this source's two ids: records, and audit lines.
    public var board: SourceBoard {
        var board = SourceBoard()
        _ = board.add(name: "replay " + name, kind: .replay)
        _ = board.add(name: "replay " + name + " (audit)", kind: .replay)
        return board
    }

    public var isFinished: Bool { state.withLock { $0.isFinished } }

    /// The replay clock: record time, or the wall clock before the first timestamped record.
    public func nowMs() -> Int64 {
        let wall = Console.wallClockMs()
        return state.withLock { $0.pacer.replayNowMs(wallNowMs: wall) } ?? wall
    }

    public func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "evscope-replay"
        thread.start()
    }

    public func stop() {
        state.withLock { $0.stopRequested = true }
        finished.wait()
        finished.signal()
    }

    private func run() {
        // The feeder is only ever used by this thread: take it out of the lock once.
        guard
            let feeder = state.withLock({ state -> ReplayFeeder? in
                defer { state.feeder = nil }
                return state.feeder
            })
        else { return }
        inbox.post(.state(sourceID: recordSourceID, .connected))
        var reportedBad = 0
        while !state.withLock({ $0.stopRequested }) {
            if feeder.pacer.speed == nil, inbox.pendingRecords > ReplaySource.maxPendingRecords {
                usleep(1_000)
                continue
            }
            let step = feeder.next(wallNowMs: Console.wallClockMs())
            state.withLock { $0.pacer = feeder.pacer }
            if feeder.badLines > reportedBad {
                reportedBad = feeder.badLines
                inbox.post(.state(sourceID: recordSourceID, .degraded("\(reportedBad) unreadable lines skipped")))
            }
            switch step {
            case .deliver(let deliveries):
                for batch in deliveries {
                    if case .auditLines = batch {
                        inbox.post(.batch(sourceID: auditSourceID, batch))
                    } else {
                        inbox.post(.batch(sourceID: recordSourceID, batch))
                    }
                }
            case .wait(let ms):
                // Short naps keep stop() and the clock responsive during long gaps.
                usleep(useconds_t(min(ms, 50) * 1_000))
            case .finished:
                let detail = feeder.firstErrors.first.map { "; first at line \($0.line): \($0.error)" } ?? ""
                let summary =
                    "replayed \(feeder.recordsDelivered) records and \(feeder.auditLinesDelivered) audit lines; \(feeder.badLines) unreadable lines skipped\(detail)"
                inbox.post(.log(sourceID: recordSourceID, summary))
                inbox.post(.state(sourceID: recordSourceID, .finished))
                inbox.post(.state(sourceID: auditSourceID, .finished))
                state.withLock {
                    $0.summary = summary
                    $0.isFinished = true
                }
                return
            }
        }
    }

    /// One line for stderr at the end of a headless replay.
    public func summary(pipeline: IngestPipeline) -> String {
        let text = state.withLock { $0.summary }
        return "\(text): \(pipeline.eventsIngested) events, \(pipeline.decisionsIngested) decisions"
    }
}
