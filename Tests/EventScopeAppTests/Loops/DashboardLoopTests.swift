import EventScopeCore
import EventScopeUI
import Testing

@testable import EventScopeApp

@Suite struct DashboardLoopTests {
    final class Clock: @unchecked Sendable {
        var ms: Int64 = 1_714_564_800_000
    }

    func envelope(_ type: String, source: String) -> [UInt8] {
        Array(
            "{\"eventType\":\"\(type)\",\"eventId\":\"\(type)-1\",\"source\":\"\(source)\",\"timestamp\":\"2024-05-01T12:00:00Z\",\"payload\":{\"sku\":\"A-1\"}}"
                .utf8)
    }

    func makeLoop(keys: [Key], audit: Set<String> = []) -> (DashboardLoop, Inbox, TestBackend, Clock) {
        let pipeline = IngestPipeline(auditTopics: audit)
        var board = SourceBoard()
        _ = board.add(name: "test-cluster", kind: .kafka)
        let inbox = Inbox()
        let backend = TestBackend(width: 120, height: 40, keys: keys)
        let clock = Clock()
        let hooks = DashboardLoop.Hooks(now: {
            clock.ms += 5
            return clock.ms
        })
        let loop = DashboardLoop(processor: InboxProcessor(pipeline: pipeline, board: board), inbox: inbox, backend: backend, keyMap: .standard, hooks: hooks)
        return (loop, inbox, backend, clock)
    }

    @Test func recordsFromTheInboxShowOnTheTopicsScreen() {
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("2")])
        inbox.post(
            .batch(
                sourceID: 0, .records((0..<5).map { Record(topic: "orders", offset: Int64($0), value: envelope("ItemAddedToCart", source: "order-service")) })))
        inbox.post(.batch(sourceID: 0, .records([Record(topic: "carts", value: envelope("CartUpdated", source: "cart-service"))])))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 40
        }
        let text = backend.lines.joined(separator: "\n")
        #expect(backend.lines[1].hasPrefix("Topics"))
        let orders = backend.lines.first { $0.contains("orders") }
        #expect(orders?.contains(" 5 ") == true)
        #expect(text.contains("carts"))
        #expect(loop.processor.board.sources[0].state == .connected)
        #expect(loop.processor.board.sources[0].records == 6)
    }

    @Test func aKeyIsShownBeforeALargeBatchIsWhollyIngested() {
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("2")])
        inbox.post(
            .batch(
                sourceID: 0,
                .records((0..<10_000).map { Record(topic: "orders", offset: Int64($0), value: envelope("ItemAddedToCart", source: "order-service")) })))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 2
        }
        #expect(backend.lines[1].hasPrefix("Topics"))
        #expect(loop.processor.board.sources[0].records < 10_000)
        loop.run {
            turns += 1
            return loop.processor.board.sources[0].records == 10_000 || turns > 1_000
        }
        #expect(loop.processor.board.sources[0].records == 10_000)
    }

    @Test func auditTopicRecordsBecomeDecisionsAndUnparseableOnesAreCounted() {
        let line =
            "[2024-05-01 12:00:00,000] INFO Principal = User:rogue is Denied operation = WRITE from host = 10.1.1.1 on resource = Topic:LITERAL:shipping for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("5")], audit: ["kafka-authorizer-log"])
        inbox.post(
            .batch(
                sourceID: 0,
                .records([
                    Record(topic: "kafka-authorizer-log", offset: 0, value: Array(line.utf8)),
                    Record(topic: "kafka-authorizer-log", offset: 1, value: Array("garbage \u{1B}[2J".utf8)),
                ])))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 40
        }
        #expect(loop.processor.pipeline.store.totalDenied == 1)
        #expect(loop.processor.board.sources[0].unparseable == 1)
        let row = backend.lines.first { $0.contains("User:rogue") }
        #expect(row?.contains("WRITE") == true)
        #expect(row?.contains("TOPIC:shipping") == true)
        #expect(row?.contains("✗") == true)
    }

    @Test func pauseFreezesTheViewWhileIngestContinues() {
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("2"), .char("p")])
        inbox.post(.batch(sourceID: 0, .records([Record(topic: "orders", value: envelope("ItemAddedToCart", source: "order-service"))])))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 20
        }
        inbox.post(.batch(sourceID: 0, .records([Record(topic: "late-topic", value: envelope("X", source: "x"))])))
        turns = 0
        loop.run {
            turns += 1
            return turns > 20
        }
        #expect(loop.processor.pipeline.store.topics["late-topic"] != nil)
        #expect(!backend.lines.joined().contains("late-topic"))
        #expect(backend.lines[39].contains("PAUSED +1 new"))
    }

    /// Through the real loop: the cursor stays on the event chosen while newer ones push it down,
    /// and enter opens that event.
    @Test func selectionStaysOnItsItemAsLiveRowsArrive() {
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("7"), .char("j")])
        inbox.post(
            .batch(
                sourceID: 0, .records((0..<5).map { Record(topic: "orders", offset: Int64($0), value: envelope("ItemAddedToCart", source: "order-service")) })))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 20
        }
        #expect(backend.lines.first { $0.hasPrefix("▶") }?.contains("orders/0@3") == true)
        inbox.post(
            .batch(
                sourceID: 0, .records((5..<9).map { Record(topic: "orders", offset: Int64($0), value: envelope("ItemAddedToCart", source: "order-service")) })))
        turns = 0
        loop.run {
            turns += 1
            return turns > 20
        }
        let selected = backend.lines.firstIndex { $0.hasPrefix("▶") }
        #expect(selected.map { backend.lines[$0].contains("orders/0@3") } == true)
        #expect(selected == 8)
        loop.handle(.enter, nowMs: 1_714_564_900_000)
        loop.renderFrame(nowMs: 1_714_564_900_000)
        #expect(backend.lines[1].contains("event orders/0@3"))
    }

    @Test func quitKeyEndsTheLoop() {
        let (loop, _, _, _) = makeLoop(keys: [.char("q")])
        var turns = 0
        loop.run {
            turns += 1
            return turns > 1_000
        }
        #expect(turns < 1_000)
        #expect(loop.quitting)
    }

    @Test func sourcesDetailShowsStateLagAndLogs() {
        let (loop, inbox, backend, _) = makeLoop(keys: [.char("S")])
        inbox.post(.state(sourceID: 0, .degraded("not authorized to read payments[0]")))
        inbox.post(.lag(sourceID: 0, 1_234))
        inbox.post(.log(sourceID: 0, "assigned 12 partitions"))
        var turns = 0
        loop.run {
            turns += 1
            return turns > 30
        }
        let text = backend.lines.joined(separator: "\n")
        #expect(text.contains("degraded: not authorized to read payments[0]"))
        #expect(text.contains("consumer lag   1.2k"))
        #expect(text.contains("assigned 12 partitions"))
        #expect(backend.lines[39].contains("lag 1.2k"))
    }
}
