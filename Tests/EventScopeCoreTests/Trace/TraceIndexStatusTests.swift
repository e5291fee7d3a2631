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

    /// Another chain in which `principal` continues an `OrderPlaced` on `topic`: what the index
    /// learns a continuer from.
    private func continuation(_ index: TraceIndex, by principal: String, of topic: String, key: String = "elsewhere") {
        index.insert(F.event(900, topic: topic, time: 10, id: "\(key)-parent", correlation: key), principal: "User:upstream", nowMs: 1_000)
        index.insert(
            F.event(901, topic: "out", time: 20, id: "\(key)-child", type: "Reaction", correlation: key, causation: "\(key)-parent"),
            principal: principal, nowMs: 1_000)
    }

    /// A busy service works on many chains at once: its denial while this chain ran — even of
    /// the topic of its hop here, between that hop's parent and the hop — may belong to any
    /// other chain it was handling, and this chain lacks nothing it would explain.
    @Test(arguments: [("shipping", Int64(150)), ("carts", Int64(150)), ("carts", Int64(250)), ("carts", Int64(5_000))])
    func aProducerOnTheChainDeniedMeanwhileIsNotTied(topic: String, timeMs: Int64) {
        let index = TraceIndex()
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:cart", topic: topic, timeMs: timeMs)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .complete)
    }

    @Test func deniedWhenTheExpectedContinuationWasDenied() throws {
        // The shipping service continues OrderPlaced events on carts (seen on another chain) and
        // never continued the one here.
        let index = TraceIndex()
        continuation(index, by: "User:shipping", of: "carts")
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:shipping", topic: "shipping", timeMs: 320)
        let view = try #require(index.chain(key: "c1", nowMs: 100_000))
        #expect(view.summary.status == .denied)
        #expect(
            view.denials == [
                TraceChainDenial(
                    principal: "User:shipping", timeMs: 320, deniedTopic: "shipping", hopType: "OrderPlaced", hopTopic: "carts",
                    hopPartition: 0, hopOffset: 2, hopTimeMs: 200)
            ])
        #expect(
            view.denials.first?.explanation
                == "User:shipping continues OrderPlaced events on carts but never continued hop OrderPlaced carts/0@2; denied 120 ms after it")
        #expect(index.chain(key: "elsewhere", nowMs: 100_000)?.summary.status == .complete)
    }

    /// An inferred link is a guess, so it teaches no continuation: here recommendation's W3C
    /// span (no parent) is inferred to follow a PriceCalculated it never read.
    @Test func anInferredLinkTeachesNoContinuation() {
        let index = TraceIndex()
        index.insert(
            F.event(1, topic: "pricing", time: 10, id: "p", type: "PriceCalculated", trace: F.traceA, style: .w3c),
            principal: "User:pricing", nowMs: 1_000)
        index.insert(
            F.event(2, topic: "recommendations", time: 20, id: "r", trace: F.traceA, style: .w3c),
            principal: "User:recommendation", nowMs: 1_000)
        #expect(F.row(index.chain(key: F.traceA, nowMs: 1_000), id: "r")?.link == .inferred)
        index.insert(
            F.event(3, topic: "pricing", time: 100, id: "q", type: "PriceCalculated", correlation: "c2"),
            principal: "User:pricing", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:recommendation", topic: "shipping", timeMs: 150)
        #expect(index.chain(key: "c2", nowMs: 100_000)?.summary.status == .complete)
    }

    /// A hop whose parent is only inferred may be the continuation of any earlier hop: its
    /// producer is not tied to the hop the guess passed over.
    @Test func aHopWithAnInferredParentMayBeTheContinuation() {
        let index = TraceIndex()
        continuation(index, by: "User:recommendation", of: "orders")
        index.insert(F.event(1, topic: "orders", time: 10, id: "o", trace: F.traceA, style: .w3c), principal: "User:order", nowMs: 1_000)
        index.insert(F.event(2, topic: "pricing", time: 20, id: "p", trace: F.traceA, style: .w3c), principal: "User:pricing", nowMs: 1_000)
        index.insert(
            F.event(3, topic: "recommendations", time: 30, id: "r", trace: F.traceA, style: .w3c),
            principal: "User:recommendation", nowMs: 1_000)
        #expect(F.parentId(index.chain(key: F.traceA, nowMs: 1_000), of: "r") == "p")
        index.noteDeniedPublish(principal: "User:recommendation", topic: "shipping", timeMs: 100)
        #expect(index.chain(key: F.traceA, nowMs: 100_000)?.summary.status == .complete)
    }

    @Test func aConsumerThatNeverContinuesIsNotExpectedTo() {
        // Shipping reads carts (by name) but has never been seen continuing anything there.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [("User:shipping", "carts")]))
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:shipping", topic: "shipping", timeMs: 300)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .complete)
    }

    @Test func aContinuerThatContinuedTheHopIsNotTiedToIt() {
        // Billing continued the order hop on this chain; its denied publish meanwhile belongs to
        // some other chain.
        let index = TraceIndex()
        twoHopChain(index)
        index.insert(F.event(3, topic: "invoices", time: 220, id: "i", correlation: "c1", causation: "a"), principal: "User:billing", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:billing", topic: "invoices", timeMs: 300)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .complete)
    }

    @Test func aBranchNeverProducedTiesTheContinuerOfAnInnerHop() {
        // The chain fans out from the order: cart continued it, recommendation (which continues
        // orders elsewhere) never did and was denied a publish meanwhile.
        let index = TraceIndex()
        continuation(index, by: "User:recommendation", of: "orders")
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:recommendation", topic: "shipping", timeMs: 400)
        let view = index.chain(key: "c1", nowMs: 100_000)
        #expect(view?.summary.status == .denied)
        #expect(view?.denials.map(\.hopTopic) == ["orders"])
    }

    @Test func aOneHopCustomerEventIsNotDeniedByAnotherServicesDenial() {
        // One denied publish by recommendation-service once marked chains it had nothing to do
        // with, such as a one-hop customer event: recommendation continues orders, not customer
        // events, even though it may read them; shipping reads them and continues nothing there.
        let index = TraceIndex(consumers: TraceConsumers(pairs: [("User:shipping-service", "customer")], openTopics: ["customer"]))
        continuation(index, by: "User:recommendation-service", of: "orders")
        index.insert(
            F.event(1, topic: "customer", time: 100, id: "x", type: "CustomerAddressUpdated", correlation: "solo"),
            principal: "User:customer-service", nowMs: 1_000)
        index.noteDeniedPublish(principal: "User:recommendation-service", topic: "shipping", timeMs: 300)
        index.noteDeniedPublish(principal: "User:shipping-service", topic: "shipping", timeMs: 400)
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
        let earliest: Int64 = -62_167_219_200_000
        let latest: Int64 = 253_402_300_799_999
        #expect(summary?.startMs == earliest)
        #expect(summary?.durationMs == latest - earliest)
        let view = index.chain(key: "c1", nowMs: 100_000)
        #expect(view?.rows.count == 2)
        #expect(view?.rows.last?.latencyFromParentMs == summary?.durationMs)
        #expect(view?.summary.status == .complete)
    }

    @Test(arguments: [
        (Int64(199), TraceChainStatus.complete),  // before the hop it should continue
        (Int64(200), .denied),  // from the hop
        (Int64(200 + 5_000), .denied),  // up to the idle timeout after it
        (Int64(200 + 5_001), .complete),  // and no later
    ])
    func windowEdges(timeMs: Int64, expected: TraceChainStatus) {
        let index = TraceIndex()
        continuation(index, by: "User:shipping", of: "carts")
        twoHopChain(index)
        index.noteDeniedPublish(principal: "User:shipping", topic: "shipping", timeMs: timeMs)
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
        continuation(index, by: "User:shipping", of: "carts")
        twoHopChain(index)
        index.insert(F.event(3, time: 300, id: "c", correlation: "c1", causation: "never"), principal: "User:cart", nowMs: 1_000)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .broken)
        index.markInvalid(topic: "orders", partition: 0, offset: 1)
        #expect(index.chain(key: "c1", nowMs: 100_000)?.summary.status == .invalid)
        index.noteDeniedPublish(principal: "User:shipping", topic: "shipping", timeMs: 300)
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
            index.insert(
                F.event(
                    Int64(hop), id: "e\(hop)", trace: F.traceB, span: String(hop + 1, radix: 16),
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
