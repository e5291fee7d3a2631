import EventScopeCore

/// Staging the scheduled trouble (see `DemoTrouble.Kind` for what each one is).
extension DemoWorld {
    mutating func stageTrouble(occurrence: Int64) {
        let count = Int64(Self.troubleSchedule.count)
        let trouble = Self.troubleSchedule[Int(occurrence % count)]
        let atMs = startMs + occurrence / count * Self.troublePeriodMs + trouble.offsetMs
        switch trouble.kind {
        case .unknownEventType:
            publishOrderEvent(eventType: "LoyaltyPointsAwarded", atMs: atMs) { w, payload in
                w.raw("{\"userId\":\"user-")
                w.int(payload.userNo)
                w.raw("\",\"points\":120,\"reason\":\"first-order\"}")
            }
        case .malformedEvent:
            // `quantity` has the wrong type and the required `cartId` is missing.
            publishOrderEvent(eventType: "ItemAddedToCart", atMs: atMs) { w, payload in
                w.raw("{\"userId\":\"user-")
                w.int(payload.userNo)
                w.raw("\",\"itemId\":\"item-")
                w.hex(UInt64(payload.itemNo), digits: 4)
                w.raw("\",\"quantity\":\"two\"}")
            }
        case .undecodableEvent:
            stageUndecodableRecords(atMs: atMs)
        case .compromisedPublish:
            runCascade(atMs: atMs, options: CascadeOptions(style: .causation, checkout: false, compromisedRecommendation: true))
        case .deniedHop:
            runCascade(atMs: atMs, options: CascadeOptions(style: .causation, checkout: true, shippingDenied: true))
        case .forbiddenRead:
            stageForbiddenReads(atMs: atMs)
        case .plaintextPII:
            publishCustomerEvent(atMs: atMs, kind: .customerAddressUpdated, plaintextLeak: true)
            runCascade(atMs: atMs + 500, options: CascadeOptions(style: .causation, checkout: true, paymentLeak: true))
        case .denialBurst:
            stageDenialBurst(atMs: atMs)
        case .failedLogin:
            schedule.add(
                .record(
                    DemoAuditWriter.confluentAuthentication(
                        .legacyReporting, success: false, timeMs: atMs, producedMs: atMs + 20, random: &random)))
            for attempt in Int64(0)..<2 {
                schedule.add(
                    .record(
                        DemoAuditWriter.redpandaAuthentication(
                            .legacyReporting, success: false, timeMs: atMs + attempt * 800,
                            producedMs: atMs + attempt * 800 + 15, brokerId: 1, random: &random)))
            }
        case .brokerOutage:
            schedule.add(.brokerDown(Self.outageBrokerId, timeMs: atMs))
            schedule.add(.brokerUp(Self.outageBrokerId, timeMs: atMs + Self.brokerOutageMs))
        }
    }

    /// Publishes a one-event chain from order-service on `orders` with a hand-written payload.
    private mutating func publishOrderEvent(
        eventType: String, atMs: Int64, payloadWriter: (inout DemoBytes, DemoPayload) -> Void
    ) {
        let payload = DemoPayload(random: &random)
        var body = DemoBytes(capacity: 120)
        payloadWriter(&body, payload)
        let identity = newIdentity()
        let writer = DemoEventWriter(
            eventType: eventType, topic: "orders", producer: .order, identity: identity, parent: nil,
            trace: DemoEventWriter.Trace(style: .causation, traceHigh: random.nonZero(), traceLow: random.next(), root: identity),
            createdMs: atMs, deliveredMs: atMs, key: payload.key(for: .itemAddedToCart), encrypted: false,
            payload: body.bytes)
        schedule.add(.record(writer.record()))
    }

    /// A Confluent wire-format record (magic 0, schema id 42, Avro bytes) and a truncated JSON
    /// record carrying a terminal escape sequence, a bell and invalid UTF-8.
    private mutating func stageUndecodableRecords(atMs: Int64) {
        var avro: [UInt8] = [0, 0, 0, 0, 42]
        for _ in 0..<8 { withUnsafeBytes(of: random.next()) { avro.append(contentsOf: $0) } }
        schedule.add(
            .record(DemoRecord(topic: "orders", key: Array("cart-000042".utf8), headers: [], value: avro, timestampMs: atMs)))
        var garbage = Array("{\"eventType\":\"ItemAdd".utf8)
        garbage += [0x1B, 0x5B, 0x32, 0x4A, 0x07, 0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x9B]
        schedule.add(
            .record(DemoRecord(topic: "orders", key: nil, headers: [], value: garbage, timestampMs: atMs + 200)))
    }

    /// analytics-service polls `customer` for 10 s. Each poll is audited once: the first 4 s by
    /// a Confluent record a second, the last 6 s by Redpanda records that each merge 2 s of
    /// polls (every 200 ms) with `count`.
    private mutating func stageForbiddenReads(atMs: Int64) {
        for second in Int64(0)..<4 {
            let pollMs = atMs + second * 1000 + random.int(0...50)
            let decision = DemoDecision(
                actor: .analytics, request: .fetch, topic: "customer", granted: true, timeMs: pollMs, brokerId: 1)
            schedule.add(
                .record(
                    DemoAuditWriter.confluentAuthorization(
                        decision, legacy: second % 3 == 2, producedMs: pollMs + random.int(5...40), random: &random)))
        }
        for window in Int64(0)..<3 {
            let pollMs = atMs + 4_000 + window * 2_000 + random.int(0...50)
            let merged = DemoDecision(
                actor: .analytics, request: .fetch, topic: "customer", granted: true, timeMs: pollMs, count: 10,
                endMs: pollMs + 1_800, brokerId: 1)
            schedule.add(
                .record(DemoAuditWriter.redpandaAuthorization(merged, producedMs: pollMs + 1_850, random: &random)))
        }
    }

    /// legacy-reporting is denied READ on `payments` 20 times in 1.5 s, one Confluent record
    /// per attempt.
    private mutating func stageDenialBurst(atMs: Int64) {
        for attempt in Int64(0)..<20 {
            let decision = DemoDecision(
                actor: .legacyReporting, request: .fetch, topic: "payments", granted: false,
                timeMs: atMs + attempt * 75, brokerId: 2)
            schedule.add(
                .record(
                    DemoAuditWriter.confluentAuthorization(
                        decision, legacy: false, producedMs: decision.timeMs + random.int(5...40), random: &random)))
        }
    }
}
