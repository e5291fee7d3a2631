import Testing

@testable import EventScopeCore

@Suite struct AuthenticatedWritesTests {
    static func write(_ principal: String, topic: String = "orders", at timeMs: Int64?, granted: Bool = true, operation: String = "WRITE") -> Decision {
        Decision(timeMs: timeMs, principal: principal, operation: operation, resourceType: "TOPIC", resourceName: topic, granted: granted, format: .confluent)
    }

    @Test func onlyAllowedWritesOnTopicsCount() {
        var writes = AuthenticatedWrites()
        writes.record(Self.write("User:denied", at: 1_000, granted: false), nowMs: 0)
        writes.record(Self.write("User:reader", at: 1_000, operation: "READ"), nowMs: 0)
        writes.record(
            Decision(
                timeMs: 1_000, principal: "User:group", operation: "WRITE", resourceType: "GROUP", resourceName: "orders", granted: true, format: .redpanda),
            nowMs: 0)
        #expect(writes.producers(topic: "orders", aroundMs: 1_000) == [])
        #expect(writes.recorded == 0)
        writes.record(Self.write("User:orders-svc", at: 1_000), nowMs: 0)
        #expect(writes.producers(topic: "orders", aroundMs: 1_000) == ["User:orders-svc"])
        #expect(writes.producers(topic: "payments", aroundMs: 1_000) == [])
    }

    /// The window is inclusive at ±windowMs from each write and excludes a millisecond beyond.
    @Test(arguments: [(-30_000, true), (30_000, true), (-30_001, false), (30_001, false), (0, true)])
    func windowEdges(offsetMs: Int64, inside: Bool) {
        var writes = AuthenticatedWrites(windowMs: 30_000)
        writes.record(Self.write("User:a", at: 100_000), nowMs: 0)
        #expect(writes.producers(topic: "orders", aroundMs: 100_000 + offsetMs) == (inside ? ["User:a"] : []))
    }

    @Test func aDecisionWithoutTimeCountsAtItsArrival() {
        var writes = AuthenticatedWrites(windowMs: 1_000)
        writes.record(Self.write("User:a", at: nil), nowMs: 50_000)
        #expect(writes.producers(topic: "orders", aroundMs: 50_500) == ["User:a"])
        #expect(writes.producers(topic: "orders", aroundMs: 48_000) == [])
    }

    /// A steady writer is one span; a writer that paused has a gap in which it did not write.
    @Test func steadyWritesMergeAndGapsStayGaps() {
        var writes = AuthenticatedWrites(windowMs: 1_000)
        for t in stride(from: Int64(0), through: 10_000, by: 500) { writes.record(Self.write("User:steady", at: t), nowMs: t) }
        writes.record(Self.write("User:bursty", at: 0), nowMs: 0)
        writes.record(Self.write("User:bursty", at: 10_000), nowMs: 10_000)
        #expect(writes.producers(topic: "orders", aroundMs: 5_000) == ["User:steady"])
        #expect(writes.producers(topic: "orders", aroundMs: 10_500) == ["User:bursty", "User:steady"])
        // Decisions arriving out of order land in the span they belong to.
        writes.record(Self.write("User:bursty", at: 5_200), nowMs: 11_000)
        #expect(writes.producers(topic: "orders", aroundMs: 5_000) == ["User:bursty", "User:steady"])
    }

    @Test func eachTopicKeepsAFewSpansAndPrincipals() {
        var writes = AuthenticatedWrites(windowMs: 10)
        for n in 0..<(AuthenticatedWrites.spansPerPrincipal + 2) { writes.record(Self.write("User:a", at: Int64(n) * 1_000), nowMs: 0) }
        #expect(writes.producers(topic: "orders", aroundMs: 0) == [])
        #expect(writes.producers(topic: "orders", aroundMs: 1_000) == [])
        #expect(writes.producers(topic: "orders", aroundMs: 2_000) == ["User:a"])
        for n in 0..<AuthenticatedWrites.principalsPerTopic { writes.record(Self.write("User:p\(n)", at: 50_000 + Int64(n)), nowMs: 0) }
        // "User:a" wrote longest ago, so the newest principal pushed it out.
        #expect(writes.producers(topic: "orders", aroundMs: 5_000) == [])
        #expect(writes.producers(topic: "orders", aroundMs: 50_008).count == AuthenticatedWrites.principalsPerTopic)
    }

    @Test func topicsBeyondTheCapForgetTheFirstTracked() {
        var writes = AuthenticatedWrites(maxTopics: 3)
        for topic in ["a", "b", "c", "d"] { writes.record(Self.write("User:x", topic: topic, at: 0), nowMs: 0) }
        #expect(writes.producers(topic: "a", aroundMs: 0) == [])
        #expect(["b", "c", "d"].allSatisfy { writes.producers(topic: $0, aroundMs: 0) == ["User:x"] })
    }

    @Test func anEventIsMatchedAtItsRecordTimeElseItsOwnTime() {
        var writes = AuthenticatedWrites(windowMs: 1_000)
        writes.record(Self.write("User:orders-svc", at: 10_000), nowMs: 0)
        let event = Event(topic: "orders", partition: 0, offset: 0, timeMs: 90_000, type: "T", id: nil, source: "orders-svc", format: .envelope, bytes: 1)
        // The declared time is the producer's claim too; the broker's record time decides.
        #expect(
            writes.identity(of: event, record: Record(topic: "orders", timestampMs: 10_500), claimedPrincipal: nil, fallbackMs: 0).authenticatedProducers == [
                "User:orders-svc"
            ])
        #expect(writes.identity(of: event, record: Record(topic: "orders"), claimedPrincipal: nil, fallbackMs: 0).authenticatedProducers == [])
    }
}

@Suite struct ProducerIdentityTests {
    @Test(arguments: [
        // (authenticated, expected)
        ([String](), ProducerIdentity.Agreement.unknown),
        (["User:payment-service"], .matches),
        (["User:rogue"], .disagrees),
        (["User:rogue", "User:payment-service"], .matches),
        (["User:CN=payment-service,OU=pay,O=Shop,C=US"], .matches),
        (["User:CN=payment-service-evil,O=Shop"], .disagrees),
        (["User:payment-sa"], .matches),
    ])
    func declaredAgainstAuthenticated(authenticated: [String], expected: ProducerIdentity.Agreement) {
        // The policy maps the service to `User:payment-sa`; other names match by naming convention.
        let identity = ProducerIdentity(declaredSource: "payment-service", claimedPrincipal: "User:payment-sa", authenticatedProducers: authenticated)
        #expect(identity.agreement == expected)
    }

    @Test func nothingDeclaredIsNothingToCompare() {
        #expect(ProducerIdentity(declaredSource: nil, claimedPrincipal: nil, authenticatedProducers: ["User:x"]).agreement == .unknown)
    }

    @Test(arguments: [
        ("User:svc", "svc", true), ("svc", "svc", true), ("User:CN=svc,O=x", "svc", true), ("User:CN=svc, O=x", "svc", true),
        ("User:O=x, CN=svc", "svc", true), ("User:svc2", "svc", false), ("User:CN=svc2", "svc", false), ("Group:svc", "svc", true),
        ("User:", "", true), ("User:OU=svc", "svc", false),
    ])
    func principalStandsForSource(principal: String, source: String, stands: Bool) {
        #expect(ProducerIdentity.principal(principal, standsFor: source) == stands)
    }
}
