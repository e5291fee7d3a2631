import EventScopeCore
import Testing

@testable import EventScopeApp

@Suite struct DecodedRecordTests {
    static let deniedLine =
        "[2024-05-01 12:00:00,000] INFO Principal = User:rogue is Denied operation = WRITE from host = 10.1.1.1 on resource = Topic:LITERAL:shipping for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"

    func envelope(_ type: String, source: String, id: Int) -> [UInt8] {
        Array(
            "{\"eventType\":\"\(type)\",\"eventId\":\"e-\(id)\",\"source\":\"\(source)\",\"timestamp\":\"2024-05-01T12:00:00Z\",\"payload\":{\"sku\":\"A-\(id)\"}}"
                .utf8)
    }

    func mixedBatch() -> [Record] {
        [
            Record(
                topic: "orders", offset: 0, headers: [RecordHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")],
                value: envelope("ItemAddedToCart", source: "order-service", id: 0)),
            Record(topic: "kafka-authorizer-log", offset: 0, value: Array(Self.deniedLine.utf8)),
            Record(topic: "orders", offset: 1, value: envelope("OrderPlaced", source: "order-service", id: 1)),
            Record(topic: "kafka-authorizer-log", offset: 5, value: Array("not an audit line".utf8)),
            Record(topic: "orders", offset: 2, value: Array("\u{1B}[2J binary".utf8)),
        ]
    }

    @Test func decodingLeavesAuditRecordsForTheLoop() {
        let decoded = DecodedRecord.decode(mixedBatch(), decoder: EventDecoder(), auditTopics: ["kafka-authorizer-log"])
        #expect(decoded.map { $0.event == nil } == [false, true, false, true, false])
        #expect(decoded[0].event?.type == "ItemAddedToCart")
        #expect(decoded[0].event?.trace.traceId == "0af7651916cd43dd8448eb211c80319c")
        #expect(decoded[4].event?.format == .opaque)
    }

    /// The decoded path must leave the model exactly as the undecoded one does.
    @Test func decodedItemsIngestLikeRawRecords() {
        var results: [(events: UInt64, denied: UInt64, chains: Int, unparseable: Int, gaps: Int, delivered: Int)] = []
        for predecoded in [false, true] {
            let pipeline = IngestPipeline(auditTopics: ["kafka-authorizer-log"])
            var board = SourceBoard()
            _ = board.add(name: "kafka", kind: .kafka)
            var processor = InboxProcessor(pipeline: pipeline, board: board)
            let batch = mixedBatch()
            let item: InboxItem =
                predecoded
                ? .batch(sourceID: 0, .decoded(DecodedRecord.decode(batch, decoder: pipeline.decoder, auditTopics: pipeline.auditTopics)))
                : .batch(sourceID: 0, .records(batch))
            #expect(processor.apply(item, nowMs: 1_714_564_800_000) == 5)
            let source = processor.board.sources[0]
            results.append(
                (
                    pipeline.store.totalEvents, pipeline.store.totalDenied, pipeline.traceIndex.counters.chains,
                    Int(source.unparseable), Int(source.offsetGaps), Int(source.records)
                ))
        }
        #expect(results[0] == results[1])
        #expect(results[1] == (3, 1, 1, 1, 1, 5))
    }

    @Test func inboxCountsDecodedRecordsForBackpressure() {
        let inbox = Inbox()
        inbox.post(.batch(sourceID: 0, .decoded(DecodedRecord.decode(mixedBatch(), decoder: EventDecoder(), auditTopics: []))))
        inbox.post(.batch(sourceID: 0, .records([Record(topic: "orders")])))
        inbox.post(.log(sourceID: 0, "hello"))
        #expect(inbox.pendingRecords == 6)
        #expect(inbox.drain().count == 3)
        #expect(inbox.pendingRecords == 0)
    }

    static let stageCases: [(emit: [EmitKind], failOn: SeverityThreshold?, expected: IngestStages)] = [
        ([.events], nil, []),
        ([.events, .decisions], nil, []),
        ([.traces], nil, [.traces, .aggregates]),
        ([.findings], nil, [.findings]),
        ([.events], .high, [.findings]),
        ([.events, .decisions, .traces, .findings], nil, .all),
    ]

    @Test(arguments: stageCases)
    func headlessRunsOnlyTheStagesItsOutputsNeed(_ testCase: (emit: [EmitKind], failOn: SeverityThreshold?, expected: IngestStages)) {
        #expect(IngestStages.headless(emit: testCase.emit, failOn: testCase.failOn) == testCase.expected)
    }
}
