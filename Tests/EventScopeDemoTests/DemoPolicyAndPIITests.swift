import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

/// The demo world against the model: its built-in policy matches its topology, and its traffic
/// without trouble raises no PII.
@Suite struct DemoPolicyAndPIITests {
    @Test func demoPolicyCoversTheTopologyAndMapsShippingBothWays() throws {
        let policy = Policy.demo
        #expect(policy.eventTypeNames.count == DemoWorld.topology.events.count)
        #expect(policy.services["shipping-service"] == ["User:CN=shipping-service,OU=logistics,O=Shop,C=US", "User:shipping-service"])
        #expect(policy.rule(for: "PaymentAuthorized")?.schema == nil)
        #expect(policy.rule(for: "ItemAddedToCart")?.schema?.required == ["userId", "itemId", "quantity", "cartId"])
        #expect(policy.rule(for: "LoyaltyPointsAwarded") == nil)
    }

    @Test func noFalsePositivesOnDemoTrafficWithoutTrouble() {
        let run = DemoRun(seed: 3, rate: 20, seconds: 75, stepMs: 500)
        var scanned = 0
        for record in run.records where record.timestampMs - DemoRun.startMs >= 30_000 || record.timestampMs - DemoRun.startMs < 1_400 {
            // The whole record (envelope, ids, times, trace ids, audit records), not just payloads.
            let text = String(decoding: record.value, as: UTF8.self)
            let found = PIIDetector.matches(in: text)
            #expect(found.isEmpty, "\(found) in \(text.prefix(300))")
            scanned += 1
            for header in record.headers {
                #expect(PIIDetector.matches(in: String(decoding: header.value ?? [], as: UTF8.self)).isEmpty)
            }
        }
        #expect(scanned > 2_000)
    }
}
