/// Decision rules: denied publishes, denial bursts, failed logins, unauthorised consumers and producers.
extension FindingEngine {
    /// Checks one audit decision.
    public func observe(decision: Decision, nowMs: Int64) {
        countObservedDecision()
        let count = UInt64(max(1, decision.count))
        let principal = decision.principal
        let topic = decision.resourceType == "TOPIC" ? decision.resourceName : nil
        if !decision.granted {
            trackDenials(decision, count: count, nowMs: nowMs)
            if decision.isDeniedPublish { raiseDeniedPublish(decision, topic: topic, count: count, nowMs: nowMs) }
            if decision.operation == "AUTHENTICATE" {
                raise(
                    Sighting(
                        rule: .authenticationFailed, severity: .medium,
                        title: "Failed login by \(principal)" + (decision.host.map { " from \($0)" } ?? ""), principal: principal,
                        detailKey: decision.host, count: count, example: .decision(decision),
                        detail: "authentication failed" + (decision.rule.map { ": \($0)" } ?? "")),
                    nowMs: nowMs)
            }
            return
        }
        guard let policy, let topic else { return }
        if AuthenticatedWrites.isAllowedTopicWrite(decision) {
            checkAuthenticatedWrite(decision, topic: topic, policy: policy, count: count, nowMs: nowMs)
            return
        }
        guard decision.operation == "READ" else { return }
        let forbidden = (policy.typesByTopic[topic] ?? []).filter { policy.rule(for: $0)?.allowsConsumer(principal) == false }
        guard let first = forbidden.first else { return }
        raise(
            Sighting(
                rule: .unauthorizedConsumer, severity: .high,
                title: "\(principal) reads \(topic), which carries \(forbidden.joined(separator: ", ")) it may not consume",
                eventType: first, principal: principal, topic: topic, count: count, example: .decision(decision),
                detail: "granted READ on \(topic)" + (decision.method.map { " (\($0))" } ?? "")
                    + "; the policy does not list \(principal) as a consumer of \(forbidden.joined(separator: ", "))"),
            nowMs: nowMs)
    }

    /// An allowed write by a principal the policy lets produce none of the topic's types: unlike
    /// an event's declared source, this identity is the broker's own.
    private func checkAuthenticatedWrite(_ decision: Decision, topic: String, policy: Policy, count: UInt64, nowMs: Int64) {
        let principal = decision.principal
        guard let types = policy.typesByTopic[topic], !types.isEmpty,
            !types.contains(where: { policy.rule(for: $0)?.allowsProducer(principal) == true })
        else { return }
        raise(
            Sighting(
                rule: .unauthorizedProducer, severity: .high,
                title: "\(principal) allowed to write \(topic), where it may produce none of the types",
                principal: principal, topic: topic, count: count, example: .decision(decision),
                detail: "rests on the authenticated principal \(principal) per audit decision (allowed WRITE"
                    + (decision.method.map { ", \($0)" } ?? "") + "); the policy allows it to produce none of "
                    + types.joined(separator: ", ") + " on \(topic), so the broker's ACLs are wider than the policy"),
            nowMs: nowMs)
    }

    private func raiseDeniedPublish(_ decision: Decision, topic: String?, count: UInt64, nowMs: Int64) {
        let principal = decision.principal
        var severity = FindingSeverity.medium
        var detail = "the broker denied \(decision.operation) on \(topic ?? decision.resourceName ?? "?")"
        if let policy, let topic, let types = policy.typesByTopic[topic], !types.isEmpty {
            let allowed = types.filter { policy.rule(for: $0)?.allowsProducer(principal) == true }
            if allowed.isEmpty {
                severity = .high
                detail += "; the policy allows \(principal) to produce none of the types on \(topic) (\(types.joined(separator: ", ")))"
            } else {
                detail += "; the policy allows \(principal) to produce \(allowed.joined(separator: ", ")) there, so the broker's ACLs disagree with the policy"
            }
        }
        raise(
            Sighting(
                rule: .deniedPublish, severity: severity, title: "\(principal) denied publishing to \(topic ?? "?")",
                eventType: nil, principal: principal, topic: topic, count: count, example: .decision(decision), detail: detail),
            nowMs: nowMs)
    }

    private func trackDenials(_ decision: Decision, count: UInt64, nowMs: Int64) {
        let principal = decision.principal
        if denialWindows[principal] == nil, denialWindows.count >= configuration.maxTrackedPrincipals {
            // Forget the tenth whose newest denial is oldest: they are the least likely to be mid-burst.
            let victims = denialWindows.sorted { $0.value.newestBucket < $1.value.newestBucket }.prefix(max(1, denialWindows.count / 10))
            for victim in victims { denialWindows.removeValue(forKey: victim.key) }
        }
        var window = denialWindows[principal] ?? DenialWindow()
        let total = window.add(count, timeMs: decision.timeMs ?? nowMs, windowMs: configuration.denialBurstWindowMs)
        let threshold = UInt64(max(1, configuration.denialBurstThreshold))
        if total >= threshold {
            raise(
                Sighting(
                    rule: .denialBurst, severity: .medium, title: "Burst of denials for \(principal)", principal: principal,
                    count: window.inBurst ? count : total, example: .decision(decision),
                    detail: "\(total) denials within \(configuration.denialBurstWindowMs / 1000) s (threshold \(threshold)); latest: "
                        + "\(decision.operation) on \(decision.resourceType ?? "?"):\(decision.resourceName ?? "-")"),
                nowMs: nowMs)
            window.inBurst = true
        } else {
            window.inBurst = false
        }
        denialWindows[principal] = window
    }
}
