import EventScopeCore

/// The normal traffic: cascades that start with `ItemAddedToCart`, and customer events.
extension DemoWorld {
    /// What is special about one cascade.
    struct CascadeOptions {
        var style: DemoTraceStyle
        var checkout: Bool
        /// Deliver `CartUpdated` after its own child `PriceCalculated` (a lagging producer).
        var childFirst = false
        /// recommendation-service tries to publish `OrderItemShipped` instead of its own event.
        var compromisedRecommendation = false
        /// shipping-service's publish of `OrderItemShipped` is denied.
        var shippingDenied = false
        /// `PaymentAuthorized` carries the card number and e-mail in clear text.
        var paymentLeak = false
    }

    /// When an event was created and when it was produced.
    struct Hop {
        var identity: DemoEventWriter.Identity
        var createdMs: Int64
        var deliveredMs: Int64
    }

    mutating func startCascade(atMs startMs: Int64) {
        let index = cascadeCount
        let options = CascadeOptions(
            style: DemoTraceStyle(rawValue: Int(index % 3)) ?? .causation, checkout: random.chance(0.3),
            childFirst: index % 7 == 3)
        runCascade(atMs: startMs, options: options)
    }

    /// Publishes one cascade: ItemAddedToCart → CartUpdated → PriceCalculated → StockReserved
    /// (and on checkout PaymentAuthorized → OrderItemShipped), plus ItemAddedToCart →
    /// RecommendationsGenerated → NotificationQueued.
    mutating func runCascade(atMs startMs: Int64, options: CascadeOptions) {
        cascadeCount += 1
        let payload = DemoPayload(random: &random)
        let rootIdentity = newIdentity()
        let trace = DemoEventWriter.Trace(
            style: options.style, traceHigh: random.nonZero(), traceLow: random.next(), root: rootIdentity)
        let root = Hop(identity: rootIdentity, createdMs: startMs, deliveredMs: startMs)
        publish(.itemAddedToCart, hop: root, parent: nil, trace: trace, payload: payload)

        var cart = reaction(of: .cart, to: root)
        let price = reaction(of: .pricing, to: cart)
        if options.childFirst { cart.deliveredMs = price.deliveredMs + random.int(20...150) }
        publish(.cartUpdated, hop: cart, parent: root, trace: trace, payload: payload)
        publish(.priceCalculated, hop: price, parent: cart, trace: trace, payload: payload)
        publish(.stockReserved, hop: reaction(of: .inventory, to: price), parent: price, trace: trace, payload: payload)
        if options.checkout {
            let payment = reaction(of: .payment, to: price)
            publish(
                .paymentAuthorized, hop: payment, parent: price, trace: trace, payload: payload,
                plaintextLeak: options.paymentLeak)
            let shipping = reaction(of: .shipping, to: payment)
            if options.shippingDenied {
                // Audited on the authorizer log only, which names the certificate principal.
                logAuthorizerLine(
                    DemoDecision(
                        actor: .shipping, request: .produce, topic: "shipping", granted: false,
                        timeMs: shipping.deliveredMs, brokerId: 1))
            } else {
                publish(.orderItemShipped, hop: shipping, parent: payment, trace: trace, payload: payload)
            }
        }

        let recommendation = reaction(of: .recommendation, to: root)
        if options.compromisedRecommendation {
            // The producer retries a denied send twice before giving up; each attempt is one
            // Redpanda record.
            for attempt in Int64(0)..<3 {
                let decision = DemoDecision(
                    actor: .recommendation, request: .produce, topic: "shipping", granted: false,
                    timeMs: recommendation.deliveredMs + attempt * 250, brokerId: 3)
                schedule.add(
                    .record(
                        DemoAuditWriter.redpandaAuthorization(
                            decision, producedMs: decision.timeMs + random.int(5...60), random: &random)))
            }
        } else {
            publish(.recommendationsGenerated, hop: recommendation, parent: root, trace: trace, payload: payload)
            publish(
                .notificationQueued, hop: reaction(of: .notification, to: recommendation), parent: recommendation,
                trace: trace, payload: payload)
        }
    }

    /// Publishes one customer-topic event: a chain of its own.
    mutating func publishCustomerEvent(atMs timeMs: Int64, kind requested: DemoEventKind? = nil, plaintextLeak: Bool = false) {
        let roll = random.unit()
        let kind = requested ?? (roll < 0.5 ? .customerCreated : roll < 0.85 ? .customerAddressUpdated : .customerDeactivated)
        let identity = newIdentity()
        let trace = DemoEventWriter.Trace(
            style: DemoTraceStyle(rawValue: Int(random.int(0...2))) ?? .causation, traceHigh: random.nonZero(),
            traceLow: random.next(), root: identity)
        publish(
            kind, hop: Hop(identity: identity, createdMs: timeMs, deliveredMs: timeMs), parent: nil, trace: trace,
            payload: DemoPayload(random: &random), plaintextLeak: plaintextLeak)
    }

    mutating func newIdentity() -> DemoEventWriter.Identity {
        DemoEventWriter.Identity(idHigh: random.next(), idLow: random.next(), spanId: random.nonZero())
    }

    /// The hop of `actor` reacting to `parent` after its processing latency.
    mutating func reaction(of actor: DemoActor, to parent: Hop) -> Hop {
        let created = parent.createdMs + random.int(actor.latencyRangeMs)
        return Hop(identity: newIdentity(), createdMs: created, deliveredMs: created)
    }

    /// Schedules the event's record and samples the audit trail of producing and consuming it.
    mutating func publish(
        _ kind: DemoEventKind, hop: Hop, parent: Hop?, trace: DemoEventWriter.Trace, payload: DemoPayload,
        plaintextLeak: Bool = false
    ) {
        let writer = DemoEventWriter(
            eventType: kind.eventType, topic: kind.topic, producer: kind.producer, identity: hop.identity,
            parent: parent?.identity, trace: trace, createdMs: hop.createdMs, deliveredMs: hop.deliveredMs,
            key: payload.key(for: kind), encrypted: kind.encryptionRequired && !plaintextLeak,
            payload: payload.payload(for: kind, random: &random, plaintextLeak: plaintextLeak))
        schedule.add(.record(writer.record()))
        if random.chance(Self.auditedProduceShare) {
            auditRoutine(
                DemoDecision(
                    actor: kind.producer, request: .produce, topic: kind.topic, granted: true,
                    timeMs: hop.deliveredMs, brokerId: Int32(random.int(1...3))))
        }
        for consumer in kind.consumers where random.chance(Self.auditedFetchShare) {
            auditRoutine(
                DemoDecision(
                    actor: consumer, request: .fetch, topic: kind.topic, granted: true,
                    timeMs: hop.deliveredMs + random.int(1...30), brokerId: Int32(random.int(1...3))))
        }
    }

    /// Share of produces that reach the audit trail (brokers audit produce/fetch sparingly).
    static var auditedProduceShare: Double { 0.2 }
    static var auditedFetchShare: Double { 0.06 }
}
