/// Findings raised by agents, read back from their rollups.
extension FindingEngine {
    /// Merges a finding an agent's engine raised (its JSON line, as `FindingJSONLine` wrote
    /// it, sensitive values already masked) with `new` more occurrences: findings of several
    /// agents with the same rule and identity become one, as they would in one engine.
    /// Returns false for a line that is not a finding.
    @discardableResult
    public func absorb(_ finding: JSONValue, new: UInt64, nowMs: Int64) -> Bool {
        guard case .string(let ruleName)? = finding["rule"], let rule = FindingRule(rawValue: ruleName),
            case .string(let severityName)? = finding["severity"], let severity = FindingSeverity(name: severityName),
            case .string(let title)? = finding["title"], let example = Self.example(finding["example"])
        else { return false }
        let path = finding["path"]?.stringValue
        let payload = finding["example"]?["payload"]
        raise(
            Sighting(
                rule: rule, severity: severity, title: title, eventType: finding["eventType"]?.stringValue,
                principal: finding["principal"]?.stringValue, declaredSource: finding["declaredSource"]?.stringValue,
                topic: finding["topic"]?.stringValue, detailKey: path, count: max(1, new), example: example,
                detail: finding["detail"]?.stringValue ?? "", jsonPath: path, examplePayload: payload == .null ? nil : payload),
            nowMs: nowMs)
        return true
    }

    private static func example(_ value: JSONValue?) -> FindingExample? {
        if let event = value?["event"], case .string(let topic)? = event["topic"], case .integer(let partition)? = event["partition"],
            case .integer(let offset)? = event["offset"], let partitionNumber = Int32(exactly: partition)
        {
            return .event(EventPosition(topic: topic, partition: partitionNumber, offset: offset, eventId: event["id"]?.stringValue))
        }
        if let decision = value?["decision"], case .string(let principal)? = decision["principal"],
            case .string(let operation)? = decision["operation"], case .bool(let granted)? = decision["granted"],
            case .string(let formatName)? = decision["format"], let format = AuditFormat(rawValue: formatName)
        {
            var timeMs: Int64?
            if case .integer(let time)? = decision["timeMs"] { timeMs = time }
            return .decision(
                Decision(
                    timeMs: timeMs, principal: principal, operation: operation, resourceType: decision["resourceType"]?.stringValue,
                    resourceName: decision["resourceName"]?.stringValue, granted: granted, host: decision["host"]?.stringValue, format: format))
        }
        if case .string(let name)? = value?["source"] { return .source(name) }
        return nil
    }
}
