import EventScopeCore

/// Turning decisions into audit outputs.
///
/// Every decision is audited by exactly one stream, as in a real cluster: counting decisions
/// across the three formats must not count one attempt three times.
extension DemoWorld {
    /// Audits a routine granted decision in one format, chosen at random: Confluent (a fifth of
    /// them in the older CloudEvents 0.3 form) or Redpanda (sometimes merging repeats). The
    /// authorizer log stays silent, as at its stock INFO level it records denials only.
    mutating func auditRoutine(_ decision: DemoDecision) {
        let producedMs = decision.timeMs + random.int(5...60)
        if random.chance(0.5) {
            let record = DemoAuditWriter.confluentAuthorization(
                decision, legacy: random.chance(0.2), producedMs: producedMs, random: &random)
            schedule.add(.record(record))
        } else {
            var merged = decision
            if random.chance(0.3) {
                merged.count = random.int(2...6)
                merged.endMs = decision.timeMs + random.int(50...800)
            }
            let record = DemoAuditWriter.redpandaAuthorization(
                merged, producedMs: max(producedMs, merged.endMs ?? producedMs), random: &random)
            schedule.add(.record(record))
        }
    }

    /// Audits a decision on the authorizer log: a line in the file the dashboard follows, and
    /// the same line as a record on `kafka-authorizer-log` for other watchers (the demo's own
    /// dashboard reads only the file, so the decision counts once).
    mutating func logAuthorizerLine(_ decision: DemoDecision) {
        let line = DemoAuditWriter.authorizerLine(decision)
        schedule.add(.authorizerLogLine(line, timeMs: decision.timeMs))
        schedule.add(
            .record(
                DemoRecord(
                    topic: DemoAuditWriter.authorizerTopic, key: nil, headers: [], value: Array(line.utf8),
                    timestampMs: decision.timeMs + random.int(1...20))))
    }

    /// Every service (re)authenticates, each login audited once: services alternate between a
    /// Redpanda 3002 record and a Confluent authentication record (shipping's by client
    /// certificate), so both formats get logins and none is counted twice.
    mutating func auditLogins(atMs timeMs: Int64) {
        for (index, actor) in DemoActor.allCases.enumerated() where actor != .legacyReporting {
            let loginMs = timeMs + Int64(index) * 30
            if index % 2 == 0 {
                schedule.add(
                    .record(
                        DemoAuditWriter.redpandaAuthentication(
                            actor, success: true, timeMs: loginMs, producedMs: loginMs + random.int(5...40),
                            brokerId: Int32(random.int(1...3)), random: &random)))
            } else {
                schedule.add(
                    .record(
                        DemoAuditWriter.confluentAuthentication(
                            actor, success: true, timeMs: loginMs, producedMs: loginMs + random.int(5...40),
                            random: &random)))
            }
        }
    }
}
