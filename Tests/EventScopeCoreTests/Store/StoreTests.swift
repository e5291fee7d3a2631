import Testing

@testable import EventScopeCore

@Suite struct StoreTests {
    func event(_ topic: String, type: String?, source: String?, offset: Int64 = 0) -> Event {
        Event(topic: topic, partition: 0, offset: offset, timeMs: 1_000, type: type, id: nil, source: source, format: .envelope, bytes: 100)
    }

    @Test func aggregatesEventsPerTopicAndTypeUnderTheirDeclaredSource() {
        let store = Store()
        for i in 0..<3 {
            store.ingest(event("orders", type: "ItemAddedToCart", source: "order-service", offset: Int64(i)), record: Record(topic: "orders"), nowMs: 10_000)
        }
        store.ingest(event("carts", type: "CartUpdated", source: "cart-service"), record: Record(topic: "carts"), nowMs: 10_500)
        store.ingest(event("carts", type: nil, source: nil), record: Record(topic: "carts"), nowMs: 10_600)
        #expect(store.totalEvents == 5)
        #expect(store.topics["orders"]?.events == 3)
        #expect(store.topics["orders"]?.bytes == 300)
        #expect(store.topics["carts"]?.eventTypes.counts[Store.untypedName] == 1)
        #expect(store.eventTypes["ItemAddedToCart"]?.declaredSources.counts["order-service"] == 3)
        #expect(store.topics["carts"]?.declaredSources.counts["cart-service"] == 1)
        // A declared source is no authenticated identity: events add no principal.
        #expect(store.principals.count == 0)
        #expect(store.recentEvents.newest(0)?.claimedPrincipal == nil)
        #expect(store.recentEvents.newest(1)?.claimedPrincipal == "User:cart-service")
        #expect(store.recentEvents.count == 5)
        #expect(store.topics["orders"]?.rate.rate(overSeconds: 1, nowMs: 11_000) == 3)
    }

    @Test func decisionsCountMergedRepeatsAndKeepDenialsApart() {
        let store = Store(
            caps: {
                var c = StoreCaps()
                c.recentDecisions = 2
                return c
            }())
        store.ingest(
            Decision(
                timeMs: 1, principal: "User:rogue", operation: "WRITE", resourceType: "TOPIC", resourceName: "shipping", granted: false, count: 5,
                format: .redpanda), nowMs: 1_000)
        for _ in 0..<5 {
            store.ingest(
                Decision(timeMs: 2, principal: "User:ok", operation: "READ", resourceType: "TOPIC", resourceName: "orders", granted: true, format: .confluent),
                nowMs: 1_000)
        }
        #expect(store.totalDecisions == 10)
        #expect(store.totalDenied == 5)
        #expect(store.principals["User:rogue"]?.denied == 5)
        #expect(store.principals["User:ok"]?.topicsConsumed.counts["orders"] == 5)
        #expect(store.recentDecisions.count == 2)
        #expect(store.recentDenied.count == 1)
    }

    @Test func capsEvictOldestAndCount() {
        var caps = StoreCaps()
        caps.topics = 10
        let store = Store(caps: caps)
        for i in 0..<25 {
            store.ingest(event("t\(i)", type: "T", source: nil), record: Record(topic: "t\(i)"), nowMs: Int64(1_000 + i))
        }
        #expect(store.topics.count <= 10)
        #expect(store.evictions.topics == UInt64(25 - store.topics.count))
        #expect(store.topics["t24"] != nil)
        #expect(store.topics["t0"] == nil)
    }

    @Test func principalMapperConventions() {
        let mapper = PrincipalMapper(explicit: ["shipping": "User:CN=shipping,O=Shop"])
        #expect(mapper.principal(forSource: "order-service") == "User:order-service")
        #expect(mapper.principal(forSource: "User:x") == "User:x")
        #expect(mapper.principal(forSource: "shipping") == "User:CN=shipping,O=Shop")
        #expect(mapper.principal(forSource: "https://shop.example/orders") == "User:https://shop.example/orders")
    }
}
