import EventScopeCore
import Foundation
import Testing

@testable import EventScopeApp

/// `--emit summary`: one line of totals at exit that adds up exactly however the records
/// were split, keys in byte order.
@Suite struct SummaryEmitTests {
    static let denied =
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00Z","data":{"authenticationInfo":{"principal":"User:mallory"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#
    static let granted =
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:01Z","data":{"authenticationInfo":{"principal":"User:orders"},"authorizationInfo":{"granted":true,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#

    static func records() -> [Record] {
        var records: [Record] = []
        for index in 0..<40 {
            let topic = index % 3 == 0 ? "zeta" : "alpha"
            let value: String
            switch index % 4 {
            case 0: value = #"{"eventType":"OrderPlaced","source":"order-service","eventId":"e\#(index)"}"#
            case 1: value = #"{"eventType":"Ünïcode","source":"svc-\#(index % 2)","eventId":"e\#(index)","email":"a\#(index)@example.com"}"#
            case 2: value = "not json \(index)"
            default: value = #"{"eventId":"e\#(index)"}"#
            }
            records.append(Record(topic: topic, partition: Int32(index % 2), offset: Int64(index), timestampMs: 1_714_564_800_000, value: Array(value.utf8)))
        }
        for index in 0..<6 {
            records.append(
                Record(
                    topic: "audit", partition: 0, offset: Int64(index), timestampMs: 1_714_564_800_000,
                    value: Array((index % 3 == 0 ? denied : granted).utf8)))
        }
        return records
    }

    /// Runs a headless loop over `records`; returns its output and its tally (which holds the
    /// finding occurrences once the loop has ended).
    static func summary(of records: [Record]) -> (line: String, tally: SummaryTally) {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        let processor = InboxProcessor(pipeline: pipeline, board: board)
        let inbox = Inbox()
        inbox.post(.batch(sourceID: source, .records(records)))
        inbox.post(.state(sourceID: source, .finished))
        var output: [UInt8] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.summary], traceIdleSeconds: 5, exitAtEnd: true,
            now: { 1_000 }, write: { output += $0 })
        loop.processor.pipeline.stages = .headless(emit: [.summary], failOn: nil)
        loop.run { false }
        return (String(decoding: output, as: UTF8.self), pipeline.summary ?? SummaryTally())
    }

    @Test func countsEveryEventAndDecisionInByteOrder() throws {
        let (line, _) = Self.summary(of: Self.records())
        #expect(line.hasSuffix("}\n"))
        #expect(line.split(separator: "\n").count == 1)
        let object = try JSONParser().parse(line)
        #expect(object["kind"] == .string("summary"))
        #expect(object["events"] == .integer(40))
        #expect(object["topics"] == .object([("alpha", .integer(26)), ("zeta", .integer(14))]))
        #expect(object["types"]?["OrderPlaced"] == .integer(10))
        #expect(object["types"]?["Ünïcode"] == .integer(10))
        #expect(object["decisions"] == .object([("granted", .integer(4)), ("denied", .integer(2))]))
        #expect(object["principals"]?["User:mallory"] == .object([("granted", .integer(0)), ("denied", .integer(2))]))
        #expect(object["findings"]?["denied-publish"] == .integer(2))
        // Byte order: "(untyped)" < "OrderPlaced" < "Ünïcode".
        guard case .object(let types)? = object["types"] else {
            Issue.record("types is not an object")
            return
        }
        #expect(types.map(\.key) == ["(untyped)", "OrderPlaced", "Ünïcode"])
    }

    @Test func tallyOfSharesMergesIntoTheTallyOfTheWhole() {
        let records = Self.records()
        let whole = Self.summary(of: records)
        let merged = SummaryTally()
        for share in [records.filter { $0.partition == 0 && $0.topic != "audit" }, records.filter { $0.partition != 0 || $0.topic == "audit" }] {
            merged.merge(Self.summary(of: share).tally)
        }
        #expect(String(decoding: merged.line(), as: UTF8.self) == whole.line)
    }

    @Test func differentDataGivesADifferentLine() {
        var records = Self.records()
        records.removeLast()
        #expect(Self.summary(of: records).line != Self.summary(of: Self.records()).line)
    }
}
