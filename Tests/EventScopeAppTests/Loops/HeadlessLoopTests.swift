import EventScopeCore
import Foundation
import Testing

@testable import EventScopeApp

@Suite("HeadlessLoop")
struct HeadlessLoopTests {
    @Test("lines encoded on the consumer thread are written in arrival order with the loop's own, and counted")
    func encodedEventsKeepOrderAndCounts() {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: board)
        let inbox = Inbox()
        let record = Record(topic: "orders", partition: 1, offset: 7, timestampMs: 0, value: Array(#"{"eventType":"B"}"#.utf8))
        inbox.post(.batch(sourceID: source, .eventLines(Array("A1\nA2\n".utf8), count: 2)))
        inbox.post(.batch(sourceID: source, .records([record])))
        inbox.post(.batch(sourceID: source, .eventLines(Array("C\n".utf8), count: 1)))
        inbox.post(.state(sourceID: source, .finished))

        var output: [UInt8] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: true, now: { 1_000 }, write: { output += $0 })
        loop.run { false }

        let expected = "A1\nA2\n" + EventJSONLine.line(EventDecoder().decode(record)) + "C\n"
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(loop.written[.events] == 4)
        #expect(loop.processor.pipeline.eventsIngested == 4)
        #expect(loop.processor.board.sources[source].records == 4)
    }

    @Test("a stop writes everything the sources handed over, including what they post while stopping")
    func stopFlushesTheInFlightBatch() {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: board)
        let inbox = Inbox()
        func batch(_ offsets: Range<Int64>) -> [Record] {
            offsets.map { Record(topic: "orders", partition: 0, offset: $0, timestampMs: 0, value: Array(#"{"eventType":"E"}"#.utf8)) }
        }
        inbox.post(.batch(sourceID: source, .records(batch(0..<500))))
        var output: [UInt8] = []
        var stopped = 0
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: false, now: { 1_000 }, write: { output += $0 })
        // Stopped (as by SIGTERM) before the loop ever drained; the consumer's last batch
        // arrives while it is being stopped.
        loop.run(
            shouldStop: { true },
            stopSources: {
                stopped += 1
                inbox.post(.batch(sourceID: source, .records(batch(500..<800))))
            })
        #expect(stopped == 1)
        #expect(loop.written[.events] == 800)
        #expect(output.filter { $0 == UInt8(ascii: "\n") }.count == 800)
    }

    @Test("with -e and nothing arriving, it says periodically how long it has waited and on what")
    func reportsWhatItWaitsFor() {
        var board = SourceBoard()
        let source = board.add(name: "kafka k1:9092", kind: .kafka)
        board.setState(.degraded("1 of 3 brokers down"), of: source)
        board.setLag(8_032, of: source)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: board)
        var clock: Int64 = 0
        var reports: [String] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: Inbox(), emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: true, now: { clock }, write: { _ in })
        loop.onWaiting = { reports.append($0) }
        var iterations = 0
        loop.run(shouldStop: {
            iterations += 1
            clock += 1_000
            return iterations > 35
        })
        #expect(reports.count == 3, "\(reports)")
        #expect(reports.first?.contains("nothing new for 10s") == true, "\(reports)")
        #expect(reports.first?.contains("kafka k1:9092 (degraded: 1 of 3 brokers down, 8032 records behind)") == true, "\(reports)")
    }

    @Test("status reports arriving every second are not progress; records are")
    func statusReportsAreNotProgress() {
        var board = SourceBoard()
        let source = board.add(name: "kafka k1:9092", kind: .kafka)
        board.setState(.degraded("1 of 3 brokers down"), of: source)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: board)
        let inbox = Inbox()
        var clock: Int64 = 0
        var reports: [String] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: true, now: { clock }, write: { _ in })
        loop.onWaiting = { reports.append($0) }
        var iterations = 0
        loop.run(shouldStop: {
            iterations += 1
            clock += 1_000
            // The consumer reports lag each second while a leader is down; one record comes at 15 s.
            inbox.post(.lag(sourceID: source, 8_032))
            if iterations == 15 {
                inbox.post(
                    .batch(
                        sourceID: source,
                        .records([
                            Record(
                                topic: "orders", partition: 0, offset: 0, timestampMs: 0,
                                value: Array(#"{"eventType":"E"}"#.utf8))
                        ])))
            }
            return iterations > 34
        })
        let waited = reports.map { $0.split(separator: ";").first.map(String.init) ?? $0 }
        #expect(waited == ["-e: nothing new for 10s", "-e: nothing new for 10s"], "\(reports)")
    }

    /// A Kafka authorizer line allowing `principal` to write `topic` at 12:00:00 (`2024-05-01`).
    static func allowedWrite(_ principal: String, topic: String) -> Record {
        Record(
            topic: "audit", offset: 0, timestampMs: 1_714_564_800_000,
            value: Array(
                "[2024-05-01 12:00:00,000] DEBUG Principal = \(principal) is Allowed operation = WRITE from host = 10.0.0.1 on resource = Topic:LITERAL:\(topic) for request = Produce with resourceRefCount = 1 based on rule MatchingAcl(x) (kafka.authorizer.logger)"
                    .utf8))
    }

    @Test("with an audit stream, event lines carry the declared source and the authenticated producers apart")
    func eventLinesNameAuthenticatedProducers() throws {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder(), auditTopics: ["audit"]), board: board)
        let inbox = Inbox()
        func event(_ topic: String, source: String, at timeMs: Int64) -> Record {
            Record(topic: topic, offset: 1, timestampMs: timeMs, value: Array(#"{"eventType":"E","source":"\#(source)"}"#.utf8))
        }
        let noon: Int64 = 1_714_564_800_000
        inbox.post(
            .batch(
                sourceID: source,
                .records([
                    Self.allowedWrite("User:rogue", topic: "payments"), Self.allowedWrite("User:orders-svc", topic: "orders"),
                    event("payments", source: "payment-service", at: noon + 1_000), event("orders", source: "orders-svc", at: noon + 2_000),
                    event("orders", source: "orders-svc", at: noon + 31_000), event("carts", source: "cart-service", at: noon),
                ])))
        inbox.post(.state(sourceID: source, .finished))
        var output: [UInt8] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: true, readsAudit: true, now: { 1_000 }, write: { output += $0 })
        loop.run { false }
        let lines = try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == 4)
        #expect(lines.map { $0["declaredSource"] as? String } == ["payment-service", "orders-svc", "orders-svc", "cart-service"])
        #expect(lines.map { $0["authenticatedProducers"] as? [String] } == [["User:rogue"], ["User:orders-svc"], [], []])
        #expect(lines.map { $0["producerCheck"] as? String } == ["disagrees", "matches", "unknown", "unknown"])
        #expect(lines.allSatisfy { $0["source"] == nil && $0["principal"] == nil })
    }

    @Test("with an audit stream, trace hops name their authenticated producers")
    func traceLinesNameAuthenticatedProducers() throws {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder(), auditTopics: ["audit"]), board: board)
        let inbox = Inbox()
        let noon: Int64 = 1_714_564_800_000
        inbox.post(
            .batch(
                sourceID: source,
                .records([
                    Self.allowedWrite("User:rogue", topic: "payments"),
                    Record(
                        topic: "payments", offset: 1, timestampMs: noon + 1_000,
                        value: Array(#"{"eventType":"Paid","eventId":"p1","correlationId":"c1","source":"payment-service"}"#.utf8)),
                ])))
        inbox.post(.state(sourceID: source, .finished))
        var output: [UInt8] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.traces], traceIdleSeconds: 5,
            exitAtEnd: true, readsAudit: true, now: { noon + 2_000 }, write: { output += $0 })
        loop.run { false }
        let line = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        let root = try #require(line["root"] as? [String: Any])
        #expect(root["declaredSource"] as? String == "payment-service")
        #expect(root["authenticatedProducers"] as? [String] == ["User:rogue"])
        #expect(root["producerCheck"] as? String == "disagrees")
    }

    @Test("without an audit stream, event lines say nothing about authentication")
    func eventLinesWithoutAuditOmitAuthenticatedProducers() throws {
        var board = SourceBoard()
        let source = board.add(name: "kafka", kind: .kafka)
        let processor = InboxProcessor(pipeline: IngestPipeline(decoder: EventDecoder()), board: board)
        let inbox = Inbox()
        inbox.post(
            .batch(sourceID: source, .records([Record(topic: "orders", timestampMs: 0, value: Array(#"{"eventType":"E","source":"orders-svc"}"#.utf8))])))
        inbox.post(.state(sourceID: source, .finished))
        var output: [UInt8] = []
        let loop = HeadlessLoop(
            processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
            exitAtEnd: true, now: { 1_000 }, write: { output += $0 })
        loop.run { false }
        let line = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        #expect(line["declaredSource"] as? String == "orders-svc")
        #expect(line["authenticatedProducers"] == nil)
        #expect(line["producerCheck"] == nil)
    }
}
