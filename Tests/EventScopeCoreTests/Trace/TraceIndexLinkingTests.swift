import EventScopeCore
import Testing

@Suite struct TraceIndexLinkingTests {
    typealias F = TraceFixture

    @Test func causationIdLinksExactly() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", correlation: "c1"), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", correlation: "c1", causation: "a"), principal: nil, nowMs: 0)
        let view = index.chain(key: "c1", nowMs: 0)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.row(view, id: "b")?.link == .causation)
        #expect(F.row(view, id: "a")?.link == nil)
        #expect(view?.summary.hasInferredLinks == false)
    }

    @Test(arguments: [TraceStyle.b3, .jaeger])
    func parentSpanLinksExactly(style: TraceStyle) {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", trace: F.traceA, span: "00f067aa0ba902b7", style: style), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", trace: F.traceA, span: "1111111111111111", parentSpan: "00f067aa0ba902b7", style: style), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.row(view, id: "b")?.link == .span)
        #expect(F.row(view, id: "b")?.spanId == "1111111111111111")
    }

    @Test func w3cWithoutParentIsInferredFromLatestEarlierEvent() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 10, id: "a", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 20, id: "b", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 30, id: "c", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.parentId(view, of: "c") == "b")
        #expect(F.row(view, id: "c")?.link == .inferred)
        #expect(view?.summary.hasInferredLinks == true)
    }

    @Test func inferredParentPrefersAnEventTheProducerConsumed() {
        let withKnowledge = TraceIndex(consumers: TraceConsumers(pairs: [("User:cart", "orders")]))
        let without = TraceIndex()
        for index in [withKnowledge, without] {
            index.insert(F.event(1, topic: "orders", time: 10, id: "order", trace: F.traceA, style: .w3c), principal: "User:order", nowMs: 0)
            index.insert(F.event(2, topic: "audit", time: 20, id: "audit", trace: F.traceA, style: .w3c), principal: "User:audit", nowMs: 0)
            index.insert(F.event(3, topic: "carts", time: 30, id: "cart", trace: F.traceA, style: .w3c), principal: "User:cart", nowMs: 0)
        }
        #expect(F.parentId(withKnowledge.chain(key: F.traceA, nowMs: 0), of: "cart") == "order")
        #expect(F.parentId(without.chain(key: F.traceA, nowMs: 0), of: "cart") == "audit")
        #expect(F.row(withKnowledge.chain(key: F.traceA, nowMs: 0), id: "cart")?.link == .inferred)
    }

    @Test func inferenceIgnoresLaterEvents() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 10, id: "a", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 50, id: "late", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 20, id: "b", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        #expect(F.parentId(index.chain(key: F.traceA, nowMs: 0), of: "b") == "a")
    }

    @Test func earlierEventArrivingLateBecomesParentOfLaterRoot() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 20, id: "child", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 10, id: "root", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "child") == "root")
        #expect(view?.rootCount == 1)
        #expect(view?.summary.rootType == "OrderPlaced")
    }

    @Test func causationBeatsSpanBeatsInferred() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 10, id: "a", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 20, id: "b", trace: F.traceA, span: "bbbbbbbbbbbbbbbb", style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 30, id: "c", trace: F.traceA, span: "cccccccccccccccc", style: .w3c), principal: nil, nowMs: 0)
        // Declares both a causation (a) and a parent span (b): causation wins.
        index.insert(
            F.event(4, time: 40, id: "d", trace: F.traceA, span: "dddddddddddddddd", parentSpan: "bbbbbbbbbbbbbbbb", style: .w3c, causation: "a"),
            principal: nil, nowMs: 0)
        // Declares a parent span (b) although the latest earlier event is d: span wins over inference.
        index.insert(
            F.event(5, time: 50, id: "e", trace: F.traceA, span: "eeeeeeeeeeeeeeee", parentSpan: "bbbbbbbbbbbbbbbb", style: .w3c), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "d") == "a")
        #expect(F.row(view, id: "d")?.link == .causation)
        #expect(F.parentId(view, of: "e") == "b")
        #expect(F.row(view, id: "e")?.link == .span)
        #expect(F.row(view, id: "c")?.link == .inferred)
    }

    @Test func childArrivingBeforeParentIsRelinked() {
        let index = TraceIndex()
        index.insert(F.event(2, id: "b", correlation: "c1", causation: "a"), principal: nil, nowMs: 0)
        #expect(F.row(index.chain(key: "c1", nowMs: 0), id: "b")?.unresolvedParent == true)
        index.insert(F.event(1, id: "a", correlation: "c1"), principal: nil, nowMs: 0)
        let view = index.chain(key: "c1", nowMs: 0)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.row(view, id: "b")?.link == .causation)
        #expect(F.row(view, id: "b")?.unresolvedParent == false)
        #expect(view?.rootCount == 1)
    }

    @Test func exactLinkReplacesTentativeInference() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 10, id: "x", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 30, id: "b", trace: F.traceA, style: .w3c, causation: "a"), principal: nil, nowMs: 0)
        var view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "b") == "x")
        #expect(F.row(view, id: "b")?.link == .inferred)
        index.insert(F.event(2, time: 20, id: "a", trace: F.traceA, style: .w3c), principal: nil, nowMs: 0)
        view = index.chain(key: F.traceA, nowMs: 0)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.row(view, id: "b")?.link == .causation)
        #expect(F.parentId(view, of: "a") == "x")
    }

    @Test func childBeforeParentInALongChainUsesTheLookup() {
        // Reverse arrival of a 300-hop causation chain: every hop waits for its parent.
        let index = TraceIndex()
        for hop in stride(from: 300, through: 1, by: -1) {
            index.insert(
                F.event(Int64(hop), time: Int64(hop), id: "e\(hop)", correlation: "deep", causation: hop > 1 ? "e\(hop - 1)" : nil), principal: nil, nowMs: 0)
        }
        let view = index.chain(key: "deep", nowMs: 10_000)
        #expect(view?.rootCount == 1)
        #expect(view?.summary.unresolvedHops == 0)
        #expect(view?.summary.status == .complete)
        #expect(view?.rows.map(\.depth) == Array(0...128))
        #expect(F.parentId(view, of: "e100") == "e99")
    }

    @Test func orphanWhoseParentNeverArrivesBreaksTheChainAfterIdle() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(idleTimeoutMs: 5_000))
        index.insert(F.event(1, id: "a", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", style: .b3), principal: nil, nowMs: 1_000)
        index.insert(F.event(2, id: "b", trace: F.traceA, span: "bbbbbbbbbbbbbbbb", parentSpan: "9999999999999999", style: .b3), principal: nil, nowMs: 1_000)
        #expect(index.chain(key: F.traceA, nowMs: 2_000)?.summary.status == .open)
        let view = index.chain(key: F.traceA, nowMs: 6_000)
        #expect(view?.summary.status == .broken)
        #expect(view?.summary.unresolvedHops == 1)
        #expect(view?.rootCount == 2)
        #expect(F.row(view, id: "b")?.link == nil)
    }

    @Test func duplicatesAreCountedOnce() {
        let index = TraceIndex()
        #expect(index.insert(F.event(1, id: "a", correlation: "c1"), principal: nil, nowMs: 0) == .indexed)
        #expect(index.insert(F.event(1, id: "a", correlation: "c1"), principal: nil, nowMs: 0) == .duplicate)
        #expect(index.insert(F.event(7, id: "a", correlation: "c1"), principal: nil, nowMs: 0) == .duplicate)
        #expect(index.insert(F.event(1, id: "other", correlation: "c2"), principal: nil, nowMs: 0) == .duplicate)
        #expect(index.insert(F.event(1, partition: 1, id: "b", correlation: "c1"), principal: nil, nowMs: 0) == .indexed)
        #expect(index.counters.duplicates == 3)
        #expect(index.chain(key: "c1", nowMs: 0)?.summary.hops == 2)
    }

    @Test(arguments: [
        "00000000000000000000000000000000", "0", "00000000-0000-0000-0000-000000000000", "", "has space",
        "tab\tinside", "ctl\u{1}x", String(repeating: "f", count: 129),
    ])
    func malformedOrAllZeroChainKeysAreIgnored(key: String) {
        let index = TraceIndex()
        #expect(index.insert(F.event(1, id: "a", trace: key, style: .w3c), principal: nil, nowMs: 0) == .untraced)
        #expect(index.counters.ignoredIds == 1)
        #expect(index.counters.chains == 0)
    }

    @Test(arguments: [
        "4bf92f3577b34da6a3ce929d0e0e4736", "ABCDEF", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "order-42", "f",
    ])
    func wellFormedKeysRoundTrip(key: String) {
        let index = TraceIndex()
        #expect(index.insert(F.event(1, id: key, correlation: key), principal: nil, nowMs: 0) == .indexed)
        #expect(index.recentChains(limit: 1, nowMs: 0).first?.key == key)
        #expect(index.chain(key: key, nowMs: 0)?.rows.first?.eventId == key)
    }

    @Test func zeroParentSpanMeansRootAndMalformedTraceFallsBackToCorrelation() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", parentSpan: "0000000000000000", style: .jaeger), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", trace: "zz zz", correlation: "corr"), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 10_000)
        #expect(view?.rows.count == 1)
        #expect(view?.summary.unresolvedHops == 0)
        #expect(view?.summary.status == .complete)
        #expect(index.chain(key: "corr", nowMs: 0)?.rows.first?.eventId == "b")
        #expect(index.counters.ignoredIds == 2)
    }

    @Test func selfReferencesAreIgnored() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", correlation: "c1", causation: "a"), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", trace: F.traceA, span: "bbbbbbbbbbbbbbbb", parentSpan: "bbbbbbbbbbbbbbbb", style: .b3), principal: nil, nowMs: 0)
        #expect(index.counters.selfReferences == 2)
        #expect(index.chain(key: "c1", nowMs: 10_000)?.summary.status == .complete)
        #expect(index.chain(key: F.traceA, nowMs: 10_000)?.rows.first?.link == nil)
    }

    @Test func twoNodeCausationCycleIsRefused() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", correlation: "loop", causation: "b"), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", correlation: "loop", causation: "a"), principal: nil, nowMs: 0)
        let view = index.chain(key: "loop", nowMs: 10_000)
        #expect(view?.rows.count == 2)
        #expect(view?.rootCount == 1)
        #expect(index.counters.cyclesRefused == 1)
        // a waited for b, so b's arrival linked a under it; b's own link to a would close the loop.
        #expect(F.parentId(view, of: "a") == "b")
        #expect(F.parentId(view, of: "b") == nil)
    }

    @Test func threeNodeCycleArrivingInAnyOrderNeverLoops() {
        for order in [["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"]] {
            let index = TraceIndex()
            let causes = ["a": "c", "b": "a", "c": "b"]
            for (offset, id) in order.enumerated() {
                index.insert(F.event(Int64(offset), id: id, correlation: "loop", causation: causes[id]), principal: nil, nowMs: 0)
            }
            let view = index.chain(key: "loop", nowMs: 0)
            #expect(view?.rows.count == 3)
            #expect(view?.rootCount == 1)
            #expect(index.counters.cyclesRefused == 1)
        }
    }
}
