import EventScopeCore
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
        inbox.post(.encodedEvents(sourceID: source, lines: Array("A1\nA2\n".utf8), count: 2))
        inbox.post(.records(sourceID: source, [record]))
        inbox.post(.encodedEvents(sourceID: source, lines: Array("C\n".utf8), count: 1))
        inbox.post(.state(sourceID: source, .finished))

        var output: [UInt8] = []
        let loop = HeadlessLoop(processor: processor, inbox: inbox, emit: [.events], traceIdleSeconds: 5,
                                exitAtEnd: true, now: { 1_000 }, write: { output += $0 })
        loop.run { false }

        let expected = "A1\nA2\n" + EventJSONLine.line(EventDecoder().decode(record)) + "C\n"
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(loop.written[.events] == 4)
        #expect(loop.processor.pipeline.eventsIngested == 4)
        #expect(loop.processor.board.sources[source].records == 4)
    }
}
