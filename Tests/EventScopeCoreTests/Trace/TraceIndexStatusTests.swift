import Testing
@testable import EventScopeCore

@Suite struct TraceIndexStatusTests {
    typealias F = TraceFixture

    private func twoHopChain(_ index: TraceIndex, nowMs: Int64 = 1_000) {
        index.insert(F.event(1, topic: "orders", time: 100, id: "a", correlation: "c1"), principal: "User:order", nowMs: nowMs)
        index.insert(F.event(2, topic: "carts", time: 200, id: "b", correlation: "c1", causation: "a"), principal: "User:cart", nowMs: nowMs)
    }

    @Test func openWhileRecentCompleteAfterIdle() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(idleTimeoutMs: 5_000))
        twoHopChain(index)
        #expect(index.chain(key: "c1", nowMs: 5_999)?.summary.status == .open)
        #expect(index.chain(key: "c1", nowMs: 6_000)?.summary.status == .complete)
    }

    @Test func deniedWhenAPrincipalOnTheChainWasDenied() throws {
        let index = TraceIndex()
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:cart", topic: "shipping", timeMs: 250)
        let view = try #require(index.chain(key: "c1", nowMs: 100_000))
        #expect(view.summary.status == .denied)
        #expect(view.denials == [
            TraceChainDenial(
                principal: "User:cart", timeMs: 250, deniedTopic: "shipping", relation: .producedHop, hopType: "OrderPlaced",
                hopTopic: "carts", hopPartition: 0, hopOffset: 2, hopTimeMs: 200),
        ])
        #expect(view.denials.first?.explanation == "User:cart produced hop OrderPlaced carts/0@2 of this chain")
    }

    @Test func deniedWhenTheExpectedContinuationWasDenied() throws {
        // The shipping service consumes carts and never continued the hop there.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [("User:shipping", "carts")]))
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:shipping", topic: "shipping", timeMs: 300)
        let view = try #require(index.chain(key: "c1", nowMs: 100_000))
        #expect(view.summary.status == .denied)
        #expect(view.denials.map(\.relation) == [.expectedToContinue])
        #expect(view.denials.first?.explanation == "User:shipping consumes carts and never continued hop OrderPlaced carts/0@2")
    }

    @Test func aConsumerThatContinuedTheHopIsNotTiedToIt() {
        // Billing consumes orders and did continue the order hop on this chain; its later denied
        // publish belongs to some other chain.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [("User:billing", "orders")]))
        twoHopChain(index)
        index.insert(F.event(3, topic: "invoices", time: 220, id: "i", correlation: "c1", causation: "a"), principal: "User:billing", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:billing", timeMs: 5_300)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .complete)
    }

    @Test func aBranchNeverProducedTiesTheConsumerOfAnInnerHop() {
        // The chain fans out from the order: cart continued it, recommendation (which also
        // consumes orders) never did and was denied a publish meanwhile.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [("User:recommendation", "orders"), ("User:cart", "orders")]))
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:recommendation", topic: "shipping", timeMs: 400)
        let view = index.chain(key: "c1", nowMs: 100_000)
        #expect(view?.summary.status == .denied)
        #expect(view?.denials.map(\.hopTopic) == ["orders"])
    }

    @Test func aTopicAnyoneMayReadTiesNoOne() {
        // One denied publish once marked every chain whose topic anyone may read, such as a
        // one-hop customer event by another service.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [], openTopics: ["customer"]))
        index.insert(F.event(1, topic: "customer", time: 100, id: "x", type: "CustomerAddressUpdated", correlation: "solo"),
                     principal: "User:customer-service", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:recommendation-service", topic: "shipping", timeMs: 300)
        let view = index.chain(key: "solo", nowMs: 100_000)
        #expect(view?.summary.status == .complete)
        #expect(view?.denials.isEmpty == true)
    }

    @Test func theRootIsTheEarliestParentlessHopFirstArrivedOnTies() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 300, id: "late", type: "Late", correlation: "c1"), principal: nil, nowMs: 1_000)
        index.insert(F.event(2, time: 100, id: "early", type: "Early", correlation: "c1"), principal: nil, nowMs: 1_000)
        index.insert(F.event(3, time: 100, id: "tie", type: "Tie", correlation: "c1"), principal: nil, nowMs: 1_000)
        index.insert(F.event(4, time: 50, id: "child", type: "Child", correlation: "c1", causation: "late"), principal: nil, nowMs: 1_000)
        let summary = index.recentChains(limit: 1, nowMs: 1_000).first
        #expect(summary?.rootType == "Early")
        #expect(summary?.hops == 4)
        #expect(summary?.durationMs == 250)
    }

    @Test func hostileEventTimesAreHeldWithinTheCalendar() {
        // A record timestamp is whatever its producer set; times at the ends of Int64 once
        // overflowed the chain's duration and window.
        let index = TraceIndex()
        index.insert(F.event(1, topic: "orders", time: Int64.min, id: "a", correlation: "c1"), principal: "User:order", nowMs: 1_000)
        index.insert(F.event(2, topic: "carts", time: Int64.max, id: "b", correlation: "c1", causation: "a"), principal: "User:cart", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:cart", timeMs: Int64.max)
        let summary = index.recentChains(limit: 1, nowMs: 1_000).first
        let earliest: Int64 = -62_167_219_200_000, latest: Int64 = 253_402_300_799_999
        #expect(summary?.startMs == earliest)
        #expect(summary?.durationMs == latest - earliest)
        let view = index.chain(key: "c1", nowMs: 100_000)
        #expect(view?.rows.count == 2)
        #expect(view?.rows.last?.latencyFromParentMs == summary?.durationMs)
        #expect(view?.summary.status == .complete)
    }

    @Test(arguments: [
        ("User:shipping", Int64(300), TraceChainStatus.complete),  // does not consume carts
        ("User:cart", Int64(50), .complete),  // before the chain started
        ("User:cart", Int64(200 + 5_001), .complete),  // after the window closed
        ("User:cart", Int64(200 + 5_000), .denied),  // window is last event + idle timeout
    ])
    func denialsOutsideTheChainDoNotCount(principal: String, timeMs: Int64, expected: TraceChainStatus) {
        let index = TraceIndex()
        twoHopChain(index)
        index.noteDeniedPublish(principal: principal, timeMs: timeMs)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == expected)
    }

    @Test func invalidByPositionByIdAndBeforeInsert() {
        let byPosition = TraceIndex()
        twoHopChain(byPosition)
        #expect(byPosition.markInvalid(topic: "carts", partition: 0, offset: 2))
        #expect(byPosition.chain(key: "c1", nowMs: 100_000)?.summary.status == .invalid)
        #expect(byPosition.chain(key: "c1", nowMs: 100_000)?.rows.last?.invalid == true)

        let byId = TraceIndex()
        twoHopChain(byId)
        #expect(byId.markInvalid(eventId: "a", chainKey: "c1"))
        #expect(!byId.markInvalid(eventId: "zzz", chainKey: "c1"))
        #expect(byId.chain(key: "c1", nowMs: 100_000)?.summary.status == .invalid)

        let early = TraceIndex()
        #expect(!early.markInvalid(topic: "carts", partition: 0, offset: 2))
        twoHopChain(early)
        #expect(early.chain(key: "c1", nowMs: 100_000)?.summary.status == .invalid)
    }

    @Test func deniedOutranksInvalidAndBroken() {
        let index = TraceIndex()
        twoHopChain(index)
        index.insert(F.event(3, time: 300, id: "c", correlation: "c1", causation: "never"), principal: "User:cart", nowMs: 1_000)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .broken)
        index.markInvalid(topic: "orders", partition: 0, offset: 1)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .invalid)
        index.noteDeniedPublish(principal: "User:order", timeMs: 150)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .denied)
    }

    @Test func evictsLeastRecentlyActiveChainsUnderTheChainCap() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 3))
        for number in 0..<5 {
            index.insert(F.event(Int64(number), id: "e\(number)", correlation: "k\(number)"), principal: nil, nowMs: Int64(number))
        }
        // Activity on k2 makes k3 the least recent, so k3 goes when k5 arrives.
        index.insert(F.event(10, id: "e10", correlation: "k2"), principal: nil, nowMs: 10)
        index.insert(F.event(11, id: "e11", correlation: "k5"), principal: nil, nowMs: 11)
        #expect(index.counters.chains == 3)
        #expect(index.counters.evictedChains == 3)
        #expect(index.recentChains(limit: 10, nowMs: 11).map(\.key) == ["k5", "k2", "k4"])
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 0) == nil)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 10) == "k2")
        #expect(index.chain(key: "k3", nowMs: 11) == nil)
        #expect(index.counters.nodes == 4)
    }

    @Test func evictsUnderTheNodeCapButNeverTheChainBeingFilled() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxNodes: 4))
        index.insert(F.event(0, id: "x", correlation: "other"), principal: nil, nowMs: 0)
        for number in 1...5 {
            index.insert(F.event(Int64(number), id: "e\(number)", correlation: "big"), principal: nil, nowMs: Int64(number))
        }
        #expect(index.chain(key: "other", nowMs: 5) == nil)
        #expect(index.chain(key: "big", nowMs: 5)?.summary.hops == 4)
        #expect(index.counters.droppedNodes == 1)
        #expect(index.counters.evictedChains == 1)
        #expect(index.counters.nodes == 4)
    }

    @Test func wideTreeRespectsThePerChainCap() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxNodesPerChain: 2_000))
        index.insert(F.event(0, id: "root", correlation: "wide"), principal: nil, nowMs: 0)
        for number in 1...10_000 {
            index.insert(F.event(Int64(number), id: "c\(number)", correlation: "wide", causation: "root"), principal: nil, nowMs: 0)
        }
        let view = index.chain(key: "wide", nowMs: 0)
        #expect(view?.summary.hops == 2_000)
        #expect(view?.summary.droppedNodes == 8_001)
        #expect(index.counters.droppedNodes == 8_001)
        #expect(view?.rows.first?.childCount == 1_999)
        #expect(view?.rows.last?.isLast == true)
        #expect(view?.rows.dropFirst().allSatisfy { $0.depth == 1 && $0.link == .causation } == true)
    }

    @Test func deepTreeIsBoundedAndShownToTheDisplayDepth() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxNodesPerChain: 10_000, maxDisplayDepth: 100))
        for hop in 0..<10_000 {
            index.insert(F.event(Int64(hop), id: "e\(hop)", trace: F.traceB, span: String(hop + 1, radix: 16),
                parentSpan: hop == 0 ? nil : String(hop, radix: 16), style: .b3), principal: nil, nowMs: 0)
        }
        let view = index.chain(key: F.traceB, nowMs: 0)
        #expect(view?.summary.hops == 10_000)
        #expect(view?.rows.count == 101)
        #expect(view?.hiddenBeyondDepth == 9_899)
        #expect(view?.rows.last?.depth == 100)
        #expect(view?.rows.allSatisfy { $0.isLast } == true)
    }

    @Test func idleChainsAreHandedOutOnceUntilTheyGrow() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", correlation: "old"), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", correlation: "new"), principal: nil, nowMs: 4_000)
        #expect(index.idleChains(idleMs: 5_000, nowMs: 5_000).map(\.summary.key) == ["old"])
        #expect(index.idleChains(idleMs: 5_000, nowMs: 5_000).isEmpty)
        index.insert(F.event(3, id: "c", correlation: "old", causation: "a"), principal: nil, nowMs: 6_000)
        #expect(index.idleChains(idleMs: 5_000, nowMs: 11_000).map(\.summary.key) == ["new", "old"])
        index.insert(F.event(4, id: "d", correlation: "third"), principal: nil, nowMs: 11_000)
        let atExit = index.allUnemitted(nowMs: 11_001)
        #expect(atExit.map(\.summary.key) == ["third"])
        #expect(atExit.first?.summary.status == .open)
        #expect(index.allUnemitted(nowMs: 11_002).isEmpty)
    }

    @Test func evictionBeforeEmissionIsCounted() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 1))
        index.insert(F.event(1, id: "a", correlation: "one"), principal: nil, nowMs: 0)
        _ = index.allUnemitted(nowMs: 0)
        index.insert(F.event(2, id: "b", correlation: "two"), principal: nil, nowMs: 0)
        index.insert(F.event(3, id: "c", correlation: "three"), principal: nil, nowMs: 0)
        #expect(index.counters.evictedChains == 2)
        #expect(index.counters.evictedBeforeEmission == 1)
        #expect(index.allUnemitted(nowMs: 0).map(\.summary.key) == ["three"])
    }

    @Test func untracedEventsAreCountedNotIndexed() {
        let index = TraceIndex()
        #expect(index.insert(F.event(1, id: "a"), principal: nil, nowMs: 0) == .untraced)
        #expect(index.counters.untraced == 1)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 1) == nil)
    }
}

@Suite struct RecentTraceChainsTests {
    typealias F = TraceFixture

    @Test func summariesAskedLaterAreOfTheChainThenAndEvictedChainsReadNil() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 3))
        for number in 0..<3 {
            index.insert(F.event(Int64(number), id: "e\(number)", correlation: "k\(number)"), principal: nil, nowMs: Int64(number))
        }
        let list = index.recentChainList(limit: 10, nowMs: 10)
        #expect(list.count == 3)
        #expect(list[0]?.key == "k2")
        #expect(index.recentChains(limit: 10, nowMs: 10).map(\.key) == ["k2", "k1", "k0"])
        // Two new chains evict k0 and k1; k2 grows by a hop it had not when the list was made.
        index.insert(F.event(3, id: "e3", correlation: "k3"), principal: nil, nowMs: 3)
        index.insert(F.event(4, id: "e4", correlation: "k4"), principal: nil, nowMs: 4)
        index.insert(F.event(5, id: "e5", correlation: "k2", causation: "e2"), principal: nil, nowMs: 5)
        #expect(list[0]?.hops == 1)  // summarised before: kept as it was
        #expect(list[1] == nil)
        #expect(list[2] == nil)
        let fresh = index.recentChainList(limit: 10, nowMs: 10)
        #expect(fresh.all.map(\.key) == ["k2", "k4", "k3"])
        #expect(fresh[0]?.hops == 2)
    }
}
