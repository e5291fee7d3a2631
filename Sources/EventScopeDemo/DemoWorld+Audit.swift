import EventScopeCore
/// Turning decisions into audit outputs.
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

    /// Audits a decision in every format: a Confluent record, a Redpanda record, and an
    /// authorizer log line both as a record on `kafka-authorizer-log` and as a file line.
    mutating func auditInAllFormats(_ decision: DemoDecision, zookeeperStyle: Bool = false, redpanda: Bool = true) {
        schedule.add(
            .record(
                DemoAuditWriter.confluentAuthorization(
                    decision, legacy: false, producedMs: decision.timeMs + random.int(5...60), random: &random)))
        if redpanda {
            schedule.add(
                .record(
                    DemoAuditWriter.redpandaAuthorization(
                        decision, producedMs: decision.timeMs + random.int(5...60), random: &random)))
        }
        logAuthorizerLine(decision, zookeeperStyle: zookeeperStyle)
    }

    /// Writes the authorizer line at the decision's time, to the file and to its topic.
    mutating func logAuthorizerLine(_ decision: DemoDecision, zookeeperStyle: Bool) {
        let line = DemoAuditWriter.authorizerLine(decision, zookeeperStyle: zookeeperStyle)
        schedule.add(.authorizerLogLine(line, timeMs: decision.timeMs))
        schedule.add(
            .record(
                DemoRecord(
                    topic: DemoAuditWriter.authorizerTopic, key: nil, headers: [], value: Array(line.utf8),
                    timestampMs: decision.timeMs + random.int(1...20))))
    }

    /// Every service (re)authenticates: Redpanda 3002 records, and Confluent authentication
    /// records (shipping's by client certificate).
    mutating func auditLogins(atMs timeMs: Int64) {
        for (index, actor) in DemoActor.allCases.enumerated() where actor != .legacyReporting {
            let loginMs = timeMs + Int64(index) * 30
            let brokerId = Int32(random.int(1...3))
            schedule.add(
                .record(
                    DemoAuditWriter.redpandaAuthentication(
                        actor, success: true, timeMs: loginMs, producedMs: loginMs + random.int(5...40),
                        brokerId: brokerId, random: &random)))
            schedule.add(
                .record(
                    DemoAuditWriter.confluentAuthentication(
                        actor, success: true, timeMs: loginMs, producedMs: loginMs + random.int(5...40),
                        random: &random)))
        }
    }
}
