import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

/// The built-in demo policy against the demo world's real traffic.
@Suite struct FindingDemoTests {
    /// One full trouble period at a rate with plenty of normal traffic around the trouble.
    static let run = DemoRun(seed: 7, rate: 6, seconds: 75, stepMs: 250)

    @Test func demoPolicyRaisesNothingOnNormalTraffic() {
        let harness = FindingHarness(policy: .demo)
        // Before the first trouble (1.5 s) and after the last one has played out (outage ends at 26 s).
        harness.feed(Self.run, window: 0..<1_400)
        harness.feed(Self.run, window: 30_000..<74_000)
        #expect(harness.engine.eventsObserved > 500)
        #expect(harness.engine.decisionsObserved > 100)
        #expect(harness.engine.findings.map { "\($0.rule.rawValue): \($0.title)" } == [])
        #expect(harness.invalid.isEmpty)
    }

    @Test func everyTroubleYieldsItsFinding() throws {
        let harness = FindingHarness(policy: .demo)
        harness.feed(Self.run, window: 0..<30_000)

        let unknown = harness.findings(.unknownEventType)
        #expect(unknown.map(\.eventType) == ["LoyaltyPointsAwarded"])

        let schema = harness.findings(.schemaInvalid)
        #expect(schema.count == 1)
        #expect(schema.first?.eventType == "ItemAddedToCart")
        #expect(schema.first?.jsonPath == "$.payload.quantity")
        #expect(schema.first?.detail == "$.payload.quantity: expected integer, got string")
        #expect(harness.invalid.count == 1)
        if case .event(let position) = schema.first?.example { #expect(harness.invalid.first == position) } else { Issue.record("no event example") }

        #expect(harness.findings(.undecodableEvent).map(\.topic) == ["orders"])

        let deniedPublishes = harness.findings(.deniedPublish)
        let compromised = try #require(deniedPublishes.first { $0.principal == "User:recommendation-service" })
        #expect(compromised.severity == .high)
        #expect(compromised.topic == "shipping")
        let shipping = try #require(deniedPublishes.first { $0.principal == "User:CN=shipping-service,OU=logistics,O=Shop,C=US" })
        #expect(shipping.severity == .medium)
        #expect(harness.findings(.unauthorizedProducer).isEmpty)

        let consumers = harness.findings(.unauthorizedConsumer)
        #expect(consumers.map(\.principal) == ["User:analytics-service"])
        #expect(consumers.first?.topic == "customer")
        #expect((consumers.first?.count ?? 0) >= 10)

        let plaintext = harness.findings(.plaintextSensitiveField)
        let leaked = Set(plaintext.map { "\($0.eventType ?? "")/\($0.jsonPath ?? "")" })
        #expect(
            leaked.isSuperset(of: [
                "CustomerAddressUpdated/$.payload.address", "CustomerAddressUpdated/$.payload.email",
                "CustomerAddressUpdated/$.payload.phone", "PaymentAuthorized/$.payload.cardNumber",
                "PaymentAuthorized/$.payload.email",
            ]))
        #expect(plaintext.allSatisfy { $0.severity == .high })
        // With a policy, fields it declares sensitive are reported once, as policy violations.
        #expect(harness.findings(.piiPlaintext).isEmpty)

        #expect(harness.findings(.denialBurst).map(\.principal) == ["User:legacy-reporting"])
        // Confluent names a failed login None:UNKNOWN_USER; Redpanda names the user it tried.
        #expect(Set(harness.findings(.authenticationFailed).compactMap(\.principal)) == ["None:UNKNOWN_USER", "User:legacy-reporting"])
        #expect(!harness.findings(.authenticationFailed).isEmpty)
    }

    @Test func withoutPolicyOnlyPolicyFreeRulesRunAndPIIIsFound() {
        let harness = FindingHarness(policy: nil)
        harness.feed(Self.run, window: 0..<30_000)
        #expect(harness.engine.findings.allSatisfy { !$0.rule.needsPolicy })
        let pii = harness.findings(.piiPlaintext)
        let kinds = Set(pii.compactMap(\.jsonPath))
        #expect(kinds == ["$.payload.email", "$.payload.phone", "$.payload.cardNumber"])
        #expect(pii.first { $0.jsonPath == "$.payload.cardNumber" }?.severity == .high)
        #expect(!harness.findings(.denialBurst).isEmpty)
        #expect(!harness.findings(.deniedPublish).isEmpty)
    }

    @Test func brokerOutageShowsAsUnhealthySourceAndSilentAudit() {
        let engine = FindingEngine(policy: .demo)
        var kafka = SourceHealth(id: 1, name: "demo cluster", kind: .kafka)
        kafka.state = .connected
        var audit = SourceHealth(id: 2, name: "_redpanda.audit_log", kind: .auditTopic)
        audit.state = .connected
        audit.records = 50
        audit.lastRecordMs = 10_000
        engine.tick(nowMs: 10_500, sources: [kafka, audit])
        #expect(engine.count == 0)
        kafka.state = .degraded("broker 2 down")
        engine.tick(nowMs: 16_000, sources: [kafka, audit])
        engine.tick(nowMs: 17_000, sources: [kafka, audit])
        #expect(engine.findings.map(\.rule) == [.sourceUnhealthy])
        #expect(engine.findings.first?.count == 1)
        engine.tick(nowMs: 10_000 + 120_000, sources: [kafka, audit])
        #expect(engine.findings.filter { $0.rule == .auditSilent }.count == 1)
    }
}
