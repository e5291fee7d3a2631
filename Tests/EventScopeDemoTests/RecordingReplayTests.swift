import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeDemo
@testable import EventScopeSources

@Suite("Recording replay through the pipeline")
struct RecordingReplayTests {
    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "evscope-replay-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Live: demo records and authorizer lines go straight into a pipeline that knows the audit
    /// topics, and into a recording. Replay: the recording through `ReplayFeeder` into a fresh
    /// pipeline that is told nothing. Totals must match exactly.
    @Test("a recorded demo run replays to the same events, decisions and denials")
    func sameTotals() throws {
        let run = DemoRun(seed: 7, rate: 10, seconds: 30)
        let path = temporaryPath("demo")
        defer { try? FileManager.default.removeItem(atPath: path) }

        let live = IngestPipeline(auditTopics: Set(DemoWorld.auditTopics))
        let writer = try RecordingWriter(path: path)
        var offsets: [String: Int64] = [:]
        for output in run.outputs {
            switch output {
            case .record(let demo):
                let offset = offsets[demo.topic, default: 0]
                offsets[demo.topic] = offset + 1
                let record = demo.asRecord(partition: 0, offset: offset)
                writer.append([record])
                live.ingest(.records([record]), nowMs: demo.timestampMs)
            case .authorizerLogLine(let line, let timeMs):
                writer.appendAuditLines([Array(line.utf8)], file: "kafka-authorizer.log", timeMs: timeMs)
                live.ingest(.auditLines([Array(line.utf8)], source: "kafka-authorizer.log"), nowMs: timeMs)
            default:
                break
            }
        }
        writer.close()
        #expect(live.store.totalEvents > 100)
        #expect(live.store.totalDecisions > 20)

        let replayed = IngestPipeline()
        let feeder = ReplayFeeder(reader: try RecordingReader(path: path), speed: nil, maxBatch: 100)
        var steps = 0
        loop: while steps < 100_000 {
            steps += 1
            switch feeder.next(wallNowMs: 0) {
            case .deliver(let deliveries):
                for delivery in deliveries {
                    if case .records(let records) = delivery {
                        for record in records { replayed.ingest(.records([record]), nowMs: record.timestampMs ?? 0) }
                    } else {
                        replayed.ingest(delivery, nowMs: 0)
                    }
                }
            case .wait:
                Issue.record("max speed never waits")
                break loop
            case .finished: break loop
            }
        }
        #expect(feeder.badLines == 0)
        #expect(feeder.recordsDelivered + feeder.auditLinesDelivered == writer.linesWritten)
        #expect(replayed.store.totalEvents == live.store.totalEvents)
        #expect(replayed.store.totalDecisions == live.store.totalDecisions)
        #expect(replayed.unparseableAudit == live.unparseableAudit)
    }

    /// Pacing with an injected wall clock: three records 1 s apart at 2x.
    @Test("the feeder waits between records at a factor and batches what is due")
    func pacedSteps() throws {
        let path = temporaryPath("paced")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path)
        writer.append([1_000, 1_000, 2_000, 3_000].enumerated().map { Record(topic: "t", offset: Int64($0), timestampMs: Int64($1), value: Array("{}".utf8)) })
        writer.close()
        let feeder = ReplayFeeder(reader: try RecordingReader(path: path), speed: 2)
        func delivered(_ step: ReplayFeeder.Step) -> [Int64]? {
            guard case .deliver(let deliveries) = step else { return nil }
            return deliveries.flatMap { delivery -> [Int64] in if case .records(let r) = delivery { r.map(\.offset) } else { [] } }
        }
        func waited(_ step: ReplayFeeder.Step) -> Int64? {
            if case .wait(let ms) = step { ms } else { nil }
        }
        #expect(delivered(feeder.next(wallNowMs: 10_000)) == [0, 1])
        #expect(waited(feeder.next(wallNowMs: 10_000)) == 500)
        #expect(waited(feeder.next(wallNowMs: 10_200)) == 300)
        #expect(feeder.pacer.replayNowMs(wallNowMs: 10_200) == 1_400)
        #expect(delivered(feeder.next(wallNowMs: 10_500)) == [2])
        #expect(delivered(feeder.next(wallNowMs: 11_000)) == [3])
        if case .finished = feeder.next(wallNowMs: 11_000) {} else { Issue.record("expected the end") }
        #expect(feeder.pacer.replayNowMs(wallNowMs: 99_000) == 3_000, "the clock stops at the last record")
    }
}
