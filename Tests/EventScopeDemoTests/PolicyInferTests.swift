import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

@Suite struct PolicyInferTests {
    @Test func inferredDraftRoundTripsWithoutViolationsOnTheSameTraffic() throws {
        let run = DemoRun(seed: 5, rate: 4, seconds: 75, stepMs: 250)
        let observer = FindingHarness(policy: nil)
        observer.feed(run, window: 30_000..<74_000)
        let draft = PolicyInfer.draft(store: observer.pipeline.store)
        let policy = try PolicyParser().parse(draft).get()
        #expect(policy.eventTypeNames.count == 11)
        let added = try #require(policy.rule(for: "ItemAddedToCart"))
        #expect(added.topics == ["orders"])
        // Producers are the declared sources, which the services map resolves to principals.
        #expect(added.producers == ["order-service"])
        #expect(added.schema?.required == ["userId", "itemId", "quantity", "cartId"])
        #expect(added.schema?.property("quantity")?.types == [.integer])
        #expect(added.consumers.contains("User:cart-service"))
        #expect(policy.rule(for: "PaymentAuthorized")?.schema?.types == [.string])
        #expect(policy.services["order-service"] == ["User:order-service"])

        let checker = FindingHarness(policy: policy)
        checker.feed(run, window: 30_000..<74_000)
        let violations: Set<FindingRule> = [.unauthorizedProducer, .unauthorizedConsumer, .typeOnWrongTopic, .schemaInvalid, .unknownEventType]
        #expect(checker.engine.findings.filter { violations.contains($0.rule) }.map(\.title) == [])
        // The same draft does catch the trouble it never saw.
        let trouble = FindingHarness(policy: policy)
        trouble.feed(run, window: 0..<30_000)
        #expect(!trouble.findings(.schemaInvalid).isEmpty)
        #expect(!trouble.findings(.unknownEventType).isEmpty)
    }
}
