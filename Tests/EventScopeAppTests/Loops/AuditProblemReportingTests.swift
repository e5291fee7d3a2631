import EventScopeCore
import Foundation
import Testing

@testable import EventScopeApp

/// Audit records that turn into no decision are never dropped silently: each source keeps the
/// last ones with position, reason and an escaped excerpt; headless runs say so at exit.
@Suite struct AuditProblemReportingTests {
    static let good =
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00Z","data":{"authenticationInfo":{"principal":"User:a"},"authorizationInfo":{"granted":false,"operation":"Write"}}}"#
    static let noPrincipal = #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"authorizationInfo":{"granted":true}}}"#

    func run(_ values: [String], emit: [EmitKind] = [.findings, .decisions]) -> (HeadlessLoop, String, [String]) {
        var board = SourceBoard()
        let source = board.add(name: "audit", kind: .auditTopic)
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        pipeline.stages = .headless(emit: emit, failOn: nil)
        let processor = InboxProcessor(pipeline: pipeline, board: board)
        let inbox = Inbox()
        let records = values.enumerated().map { index, value in
            Record(topic: "audit", partition: 1, offset: Int64(index), timestampMs: 1_714_564_800_000 + Int64(index), value: Array(value.utf8))
        }
        inbox.post(.batch(sourceID: source, .records(records)))
        inbox.post(.state(sourceID: source, .finished))
        var output: [UInt8] = []
        var problems: [String] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: emit, traceIdleSeconds: 5, exitAtEnd: true,
            now: { 1_000 }, write: { output += $0 })
        loop.onProblems = { problems.append($0) }
        loop.run { false }
        return (loop, String(decoding: output, as: UTF8.self), problems)
    }

    @Test func unreadableRecordsAreKeptWithPositionReasonAndEscapedExcerpt() throws {
        let hostile = "{\"specversion\":\"1.0\",\"type\":\"io.confluent.kafka.server/authorization\",\u{1B}]0;pwned\u{07}"
        let (loop, output, problems) = run([Self.good, Self.noPrincipal, hostile, "not audit at all"])
        let source = loop.processor.board.sources[0]
        #expect(source.unparseable == 3)
        #expect(source.recentProblems.count == 3)
        let oldest = source.recentProblems[newest: 2]
        #expect(oldest.position == "partition 1 offset 1")
        #expect(oldest.reason == "data.authenticationInfo.principal: missing")
        #expect(oldest.excerpt.hasPrefix("{\"specversion\""))
        let broken = source.recentProblems[newest: 1]
        #expect(broken.reason.hasPrefix("invalid JSON"))
        #expect(!broken.excerpt.contains("\u{1B}") && !broken.excerpt.contains("\u{07}"))
        #expect(source.problemCounts["invalid JSON"] == 1)
        #expect(source.problemCounts["data.authenticationInfo.principal: missing"] == 1)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("audit: 3 unreadable") == true)
        #expect(problems.first?.contains("1 invalid JSON") == true)
        #expect(output.contains(#""rule":"audit-unparseable""#))
    }

    @Test func recentProblemsAreBoundedToTheLatestTwenty() {
        let (loop, _, _) = run((0..<30).map { _ in Self.noPrincipal })
        let source = loop.processor.board.sources[0]
        #expect(source.unparseable == 30)
        #expect(source.recentProblems.count == SourceHealth.recentProblemLimit)
        #expect(source.recentProblems[newest: 0].position == "partition 1 offset 29")
        #expect(source.problemCounts.values.reduce(0, +) == 30)
    }

    @Test func healthLinesCarryCountsByReason() throws {
        let (_, output, _) = run([Self.noPrincipal, Self.good], emit: [.health])
        let line = try #require(output.split(separator: "\n").first { $0.contains(#""kind":"health""#) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["unparseable"] as? Int == 1)
        #expect((object["reasons"] as? [String: Int])?["data.authenticationInfo.principal: missing"] == 1)
        #expect((object["recent"] as? [[String: Any]])?.first?["position"] as? String == "partition 1 offset 0")
    }

    @Test func decisionsWithoutTimeTakeTheRecordTimestamp() {
        let line = "Principal = User:bob is Denied Operation = Write from host = 1.2.3.4 on resource = Topic:LITERAL:orders"
        let (_, output, _) = run([line], emit: [.decisions])
        #expect(output.contains(#""time":"2024-05-01T12:00:00.000Z""#))
    }
}
