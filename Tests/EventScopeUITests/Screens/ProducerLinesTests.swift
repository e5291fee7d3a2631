import EventScopeCore
import Testing

@testable import EventScopeUI

/// The event detail's Producer block: declared and authenticated apart, and why nothing is
/// known when nothing is.
@Suite struct ProducerLinesTests {
    static func lines(_ writes: AuthenticatedWrites, readsAudit: Bool, source: String? = "payment-service") -> [String] {
        let event = Event(topic: "payments", partition: 0, offset: 1, timeMs: 100_000, type: "Paid", id: nil, source: source, format: .envelope, bytes: 1)
        let identity = writes.identity(
            of: event, record: Record(topic: "payments", timestampMs: 100_000), claimedPrincipal: source.map { "User:" + $0 }, fallbackMs: 0)
        return DetailContent.producerLines(identity, topic: "payments", policy: nil, writes: writes, readsAudit: readsAudit).map(\.text)
    }

    static func write(_ principal: String, topic: String) -> Decision {
        Decision(timeMs: 100_000, principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: topic, granted: true, format: .confluent)
    }

    @Test func withoutAuditNothingIsKnown() {
        let text = Self.lines(AuthenticatedWrites(), readsAudit: false)
        #expect(text.contains("  declared       payment-service  (its own source field: not authenticated)"))
        #expect(text.contains("  stands for     User:payment-service  (User:<name> convention)"))
        #expect(text.contains("  authenticated  unknown: no audit decisions read"))
        #expect(!text.contains { $0.contains("✓") || $0.contains("!") })
    }

    @Test func anAuditWithoutAllowedWritesIsNotEvidenceOfAnything() {
        let text = Self.lines(AuthenticatedWrites(), readsAudit: true)
        #expect(text.contains("  authenticated  unknown: the audit logged no allowed writes yet (many log only denials)"))
    }

    @Test func writesElsewhereLeaveThisTopicUnseen() {
        var writes = AuthenticatedWrites()
        writes.record(Self.write("User:x", topic: "orders"), nowMs: 0)
        let text = Self.lines(writes, readsAudit: true)
        #expect(text.contains("  authenticated  none seen: no allowed WRITE on payments ±30 s of the record time"))
    }

    @Test func aDisagreementIsFlaggedAndAMatchConfirmed() {
        var writes = AuthenticatedWrites()
        writes.record(Self.write("User:rogue", topic: "payments"), nowMs: 0)
        var text = Self.lines(writes, readsAudit: true)
        #expect(text.contains("  authenticated  User:rogue"))
        #expect(text.contains("  ! the declared source matches none of the authenticated writers"))
        writes.record(Self.write("User:payment-service", topic: "payments"), nowMs: 0)
        text = Self.lines(writes, readsAudit: true)
        #expect(text.contains("  authenticated  User:payment-service, User:rogue"))
        #expect(text.contains("  ✓ an authenticated writer stands for the declared source"))
    }
}
