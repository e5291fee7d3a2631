import EventScopeCore
import Testing

@Suite struct TraceChainViewTests {
    typealias F = TraceFixture

    /// root(0) → a(10) → a1(40); root → b(20); times make a 40 ms chain.
    private func smallTree() -> TraceIndex {
        let index = TraceIndex()
        index.insert(F.event(1, topic: "orders", time: 1_000, id: "root", type: "ItemAddedToCart", correlation: "c"), principal: "User:order", nowMs: 0)
        index.insert(F.event(3, topic: "recs", time: 1_020, id: "b", correlation: "c", causation: "root"), principal: "User:recs", nowMs: 0)
        index.insert(
            F.event(2, topic: "carts", time: 1_010, id: "a", source: "cart-service", correlation: "c", causation: "root"), principal: "User:cart", nowMs: 0)
        index.insert(F.event(4, topic: "ship", time: 1_040, id: "a1", correlation: "c", causation: "a"), principal: "User:cart", nowMs: 0)
        return index
    }

    @Test func rowsAreInDisplayOrderWithTreeGuides() throws {
        let view = try #require(smallTree().chain(key: "c", nowMs: 0))
        #expect(view.rows.map(\.eventId) == ["root", "a", "a1", "b"])
        #expect(view.rows.map(\.depth) == [0, 1, 2, 1])
        #expect(view.rows.map(\.isLast) == [true, false, true, true])
        #expect(view.rows.map(\.treePrefix) == ["", "├─ ", "│  └─ ", "└─ "])
        #expect(view.rows.map(\.childCount) == [2, 1, 0, 0])
        #expect(view.rows.map(\.parentRow) == [nil, 0, 1, 0])
    }

    @Test func latencyAndTimelineFractions() throws {
        let view = try #require(smallTree().chain(key: "c", nowMs: 0))
        #expect(view.rows.map(\.latencyFromParentMs) == [nil, 10, 30, 20])
        #expect(view.rows.map(\.startOffsetMs) == [0, 10, 40, 20])
        #expect(view.rows.map(\.timelineStart) == [0, 0, 0.25, 0])
        #expect(view.rows.map(\.timelineWidth) == [0, 0.25, 0.75, 0.5])
    }

    @Test func summaryNamesRootPrincipalsAndServices() throws {
        let index = smallTree()
        let summary = try #require(index.recentChains(limit: 5, nowMs: 0).first)
        #expect(summary.key == "c")
        #expect(summary.rootType == "ItemAddedToCart")
        #expect(summary.principals == ["User:order", "User:recs", "User:cart"])
        #expect(summary.services == ["cart-service"])
        #expect(summary.hops == 4)
        #expect(summary.durationMs == 40)
        #expect(summary.startMs == 1_000)
        #expect(summary.status == .open)
        #expect(summary.lastActivityMs == 0)
    }

    @Test func anyRecordJumpsToItsChain() {
        let index = smallTree()
        #expect(index.chainKey(forTopic: "ship", partition: 0, offset: 4) == "c")
        #expect(index.chainKey(forTopic: "ship", partition: 1, offset: 4) == nil)
        #expect(index.chainKey(forTopic: "unknown", partition: 0, offset: 4) == nil)
    }

    @Test func countersTrackRetainedChainsAndNodes() {
        let counters = smallTree().counters
        #expect(counters.chains == 1)
        #expect(counters.nodes == 4)
        #expect(counters.evictedChains == 0)
        #expect(counters.duplicates == 0)
    }
}
