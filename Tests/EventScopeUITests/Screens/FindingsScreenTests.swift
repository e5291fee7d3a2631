import Testing

@testable import EventScopeCore
@testable import EventScopeUI

@Suite struct FindingsScreenTests {
    static func finding(_ id: Int, _ severity: FindingSeverity, lastSeen: Int64, rule: FindingRule = .deniedPublish, principal: String = "User:a") -> Finding {
        Finding(
            id: id, rule: rule, severity: severity, title: "title \(id)", principal: principal, topic: "t", firstSeenMs: 0, lastSeenMs: lastSeen,
            example: .event(EventPosition(topic: "orders", partition: 2, offset: 42)), detail: "detail")
    }

    @Test func severityThenRecencyWithMarkers() {
        let findings = [
            Self.finding(1, .low, lastSeen: 900), Self.finding(2, .high, lastSeen: 100), Self.finding(3, .medium, lastSeen: 500),
            Self.finding(4, .high, lastSeen: 300),
        ]
        let model = FindingsScreen.model(findings: findings, state: AppState(), nowMs: 1_000)
        let rows = (0..<model.count).map(model.row)
        #expect(rows.map { $0.cells[2] } == ["title 4", "title 2", "title 3", "title 1"])
        #expect(rows.map(\.marker) == ["✗", "✗", "!", "·"])
        #expect(rows.map(\.role) == [.severityHigh, .severityHigh, .severityMedium, .severityLow])
        #expect(model.summary == "4 findings · 2 high · 1 medium · 1 low")
        if case .finding(let id) = rows[0].target { #expect(id == 4) } else { Issue.record("no finding target") }
    }

    @Test(arguments: [("severity:high", 1), ("rule:schema", 1), ("principal:bob", 1), ("topic:t", 2), ("type:x", 0), ("!severity:high", 1)])
    func filterFields(filter: String, expected: Int) {
        var state = AppState()
        state.filters[.findings] = FilterQuery(filter)
        let findings = [Self.finding(1, .high, lastSeen: 1), Self.finding(2, .low, lastSeen: 2, rule: .schemaInvalid, principal: "User:bob")]
        #expect(FindingsScreen.model(findings: findings, state: state, nowMs: 10).count == expected)
    }

    @Test func detailMasksEvidenceAndShowsTheExample() {
        var finding = Self.finding(1, .high, lastSeen: 1, rule: .plaintextSensitiveField)
        finding.evidence = "4111111111111111"
        finding.jsonPath = "$.payload.card"
        finding.examplePayload = .object([("card", .string("4111111111111111")), ("qty", .integer(2))])
        finding.maskedPaths = ["card"]
        let masked = FindingsScreen.detailLines(finding, nowMs: 1_000).map(\.text).joined(separator: "\n")
        #expect(!masked.contains("4111"))
        #expect(masked.contains("••••"))
        #expect(masked.contains("event orders/2@42"))
        #expect(masked.contains("$.payload.card"))
        let revealed = FindingsScreen.detailLines(finding, nowMs: 1_000, reveal: true).map(\.text).joined(separator: "\n")
        #expect(revealed.contains("4111111111111111"))
    }
}
