import EventScopeTestSupport
import Testing

@testable import EventScopeCore

@Suite struct FindingJSONLineTests {
    @Test func linesAreValidJSONAndMaskByDefault() throws {
        let engine = FindingEngine(policy: FindingEngineTests.policy)
        let record = envelopeRecord(type: "Shipped", source: "ship\\u001b[2J", topic: "shipping", payload: #"{"address":"1 \"Main\" St"}"#)
        engine.observe(event: EventDecoder().decode(record), record: record, claimedPrincipal: "User:ship", nowMs: 1_714_564_800_000)
        engine.observe(decision: FindingEngineTests.decision("User:\u{202E}x", "WRITE", topic: "t", granted: false), nowMs: 1_714_564_800_001)
        #expect(engine.count == 2)
        for finding in engine.findings {
            let masked = FindingJSONLine.line(finding)
            let parsed = try JSONParser().parse(masked)
            #expect(parsed["kind"] == .string("finding"))
            #expect(parsed["rule"] == .string(finding.rule.rawValue))
            #expect(parsed["count"] == .integer(1))
            #expect(parsed["firstSeen"]?.stringValue?.hasPrefix("2024-05-01T12:00:00") == true)
            // Event time is what the record or decision carried (1 s after the epoch here), not when evscope saw it.
            #expect(parsed["firstEventTime"]?.stringValue?.hasPrefix("1970-01-01T00:00:01") == true)
            #expect(parsed["lastEventTime"] == parsed["firstEventTime"])
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

    @Test func eventTimeSpansEverySightingWhateverOrderTheyArriveIn() throws {
        let engine = FindingEngine(policy: FindingEngineTests.policy)
        for (time, now) in [(5_000, 1_714_564_800_000), (2_000, 1_714_564_800_100), (9_000, 1_714_564_800_200)] {
            engine.observe(decision: FindingEngineTests.decision("User:x", "WRITE", topic: "t", granted: false, timeMs: Int64(time)), nowMs: Int64(now))
        }
        let finding = try #require(engine.findings.first { $0.principal == "User:x" && $0.count == 3 })
        #expect(finding.firstEventMs == 2_000)
        #expect(finding.lastEventMs == 9_000)
        #expect(finding.firstSeenMs == 1_714_564_800_000)
        #expect(finding.lastSeenMs == 1_714_564_800_200)
    }
}
