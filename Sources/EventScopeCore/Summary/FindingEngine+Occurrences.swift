extension FindingRule {
    /// Whether the rule judges each record on its own, so its occurrences add up the same
    /// however the records are split between processes. Bursts within a time window, silent or
    /// unhealthy sources and audit gaps describe what one process saw of its sources instead.
    public var judgesEachRecord: Bool {
        switch self {
        case .denialBurst, .auditSilent, .auditOffsetGap, .auditUnparseable, .sourceUnhealthy: false
        default: true
        }
    }
}

extension FindingEngine {
    /// Occurrences so far of each rule that judges records one by one (`judgesEachRecord`),
    /// summed over its findings; rules without any are left out.
    public func recordOccurrencesByRule() -> [String: UInt64] {
        var totals: [String: UInt64] = [:]
        for finding in findingsById.values where finding.rule.judgesEachRecord {
            totals[finding.rule.rawValue, default: 0] &+= finding.count
        }
        return totals
    }
}
