import EventScopeTestSupport
import Testing
@testable import EventScopeCore

@Suite struct FindingJSONLineTests {
    @Test func linesAreValidJSONAndMaskByDefault() throws {
        let engine = FindingEngine(policy: FindingEngineTests.policy)
        let record = envelopeRecord(type: "Shipped", source: "ship\\u001b[2J", topic: "shipping", payload: #"{"address":"1 \"Main\" St"}"#)
        engine.observe(event: EventDecoder().decode(record), record: record, principal: "User:ship", nowMs: 1_714_564_800_000)
        engine.observe(decision: FindingEngineTests.decision("User:\u{202E}x", "WRITE", topic: "t", granted: false), nowMs: 1_714_564_800_001)
        #expect(engine.count == 2)
        for finding in engine.findings {
            let masked = FindingJSONLine.line(finding)
            let parsed = try JSONParser().parse(masked)
            #expect(parsed["kind"] == .string("finding"))
            #expect(parsed["rule"] == .string(finding.rule.rawValue))
            #expect(parsed["count"] == .integer(1))
            #expect(parsed["firstSeen"]?.stringValue?.hasPrefix("2024-05-01T12:00:00") == true)
            #expect(!masked.contains("Main"))
            #expect(!masked.contains("\u{1B}") && !masked.contains("\u{202E}"))
            let revealed = try JSONParser().parse(FindingJSONLine.line(finding, reveal: true))
            if finding.rule == .plaintextSensitiveField {
                #expect(revealed.value(atPath: "example.payload.address") == .string("1 \"Main\" St"))
                #expect(parsed.value(atPath: "example.payload.address") == .string("••••"))
                #expect(parsed["path"] == .string("$.payload.address"))
                #expect(parsed.value(atPath: "example.event.topic") == .string("shipping"))
            } else {
                #expect(parsed.value(atPath: "example.decision.operation") == .string("WRITE"))
                #expect(parsed["eventType"] == .null)
            }
        }
    }
}
