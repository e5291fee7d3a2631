import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

@Suite struct DemoWorldTests {
    static let twentySeconds = DemoRun(seconds: 20)
    var run: DemoRun { Self.twentySeconds }

    @Test func sameSeedGivesSameOutputsAndOtherSeedsDiffer() {
        let first = DemoRun(seed: 7, seconds: 8)
        let second = DemoRun(seed: 7, seconds: 8)
        let other = DemoRun(seed: 8, seconds: 8)
        #expect(first.outputs.count > 50)
        #expect(first.outputs == second.outputs)
        #expect(first.outputs != other.outputs)
    }

    @Test func stepSizeDoesNotChangeTheWorld() {
        let fine = DemoRun(seed: 3, seconds: 6, stepMs: 10)
        let coarse = DemoRun(seed: 3, seconds: 6, stepMs: 1000)
        #expect(fine.outputs == coarse.outputs)
    }

    @Test func outputsAreInTimeOrderAndDueWhenReturned() {
        var previous = Int64.min
        for (output, returnedAt) in zip(run.outputs, run.returnedAt) {
            #expect(output.timeMs >= previous)
            #expect(output.timeMs <= returnedAt)
            #expect(output.timeMs > returnedAt - 100)
            previous = output.timeMs
        }
    }

    @Test func everyRecordGoesToADeclaredTopic() {
        let topics = Set(DemoWorld.topics.map(\.name))
        let unknown = run.records.filter { !topics.contains($0.topic) }
        #expect(unknown.isEmpty)
    }

    @Test func everyJSONRecordParsesExceptTheTwoUndecodableOnes() {
        let unparseable = run.records.filter { $0.topic != "kafka-authorizer-log" && DemoRun.json($0.value) == nil }
        #expect(unparseable.count == 2)
        #expect(unparseable.allSatisfy { $0.topic == "orders" })
        #expect(unparseable.contains { $0.value.starts(with: [0, 0, 0, 0, 42]) })
        #expect(unparseable.contains { $0.value.contains(0x1B) && $0.value.contains(0xFF) })
    }

    @Test func eventSizesAreRealistic() {
        let sizes = run.events.map(\.record.value.count)
        #expect(sizes.count > 100)
        // Binary CloudEvents carry only the data in the value, their envelope is in headers.
        let outliers = sizes.filter { !(60...450).contains($0) }
        #expect(outliers.isEmpty, "sizes out of range: \(outliers)")
        let mean = sizes.reduce(0, +) / sizes.count
        #expect((200...320).contains(mean), "mean size \(mean)")
    }

    @Test func allThreeEventFormatsAppear() {
        let formats = run.events.map(\.format)
        #expect(formats.contains(.envelope))
        #expect(formats.contains(.structured))
        #expect(formats.contains(.binary))
        let structured = run.eventRecords.filter { DemoDecodedEvent($0)?.format == .structured }
        #expect(structured.allSatisfy { $0.asRecord().headerText("content-type")?.hasPrefix("application/cloudevents+json") == true })
    }

    // MARK: Trace context

    @Test func causationIdsPointAtEarlierParentsInTheSameCorrelation() throws {
        let causal = run.events.filter { $0.format == .envelope && $0.correlationId != nil }
        let byId = Dictionary(causal.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let children = causal.filter { $0.causationId != nil }
        #expect(children.count > 20)
        for child in children {
            let parent = try #require(byId[child.causationId ?? ""])
            #expect(parent.correlationId == child.correlationId)
        }
        let roots = causal.filter { $0.causationId == nil && $0.type == "ItemAddedToCart" }
        #expect(roots.allSatisfy { $0.correlationId == $0.id })
    }

    @Test func b3ChildrenNameTheirParentSpanAndSingleHeadersAppear() {
        let headers = run.eventRecords.map { $0.asRecord() }
        var spans = Set<String>()
        var parents: [String] = []
        var singles = 0
        for record in headers {
            if let span = record.headerText("X-B3-SpanId") {
                #expect(record.headerText("X-B3-TraceId")?.count == 32)
                #expect(span.count == 16)
                spans.insert(span)
                if let parent = record.headerText("X-B3-ParentSpanId") { parents.append(parent) }
            }
            if let single = record.headerText("b3") {
                let parts = single.split(separator: "-")
                #expect(parts.count == 3 || parts.count == 4)
                spans.insert(String(parts[1]))
                if parts.count == 4 { parents.append(String(parts[3])) }
                singles += 1
            }
        }
        #expect(singles > 0)
        #expect(parents.count > 10)
        // A parent may still be in flight when the run ends, and a few are on single-header records.
        let resolved = parents.filter(spans.contains).count
        #expect(resolved * 10 >= parents.count * 9)
    }

    @Test func w3cEventsCarryTraceparentOnlyWithoutAnyParent() {
        let w3c = run.events.filter { $0.traceparent != nil }
        #expect(w3c.contains { $0.format == .envelope })
        #expect(w3c.contains { $0.format == .structured })
        #expect(w3c.contains { $0.format == .binary })
        for event in w3c {
            let parts = event.traceparent?.split(separator: "-") ?? []
            #expect(parts.count == 4 && parts[0] == "00" && parts[1].count == 32 && parts[2].count == 16)
            #expect(event.causationId == nil)
            #expect(event.record.asRecord().header("X-B3-ParentSpanId") == nil)
            #expect(event.record.asRecord().header("b3") == nil)
        }
    }

    @Test func aChildArrivesBeforeItsParent() {
        let events = run.events
        var position: [String: Int] = [:]
        for (index, event) in events.enumerated() { position[event.id] = index }
        let early = events.enumerated().filter { index, event in
            guard let parent = event.causationId, let parentIndex = position[parent] else { return false }
            return parentIndex > index
        }
        #expect(!early.isEmpty)
        #expect(early.allSatisfy { $0.element.type == "PriceCalculated" })
    }

    // MARK: Trouble

    @Test func compromisedServiceIsDeniedOnceAnAttemptByRedpandaOnly() {
        let redpanda = run.audit("_redpanda.audit_log").filter { record in
            let actor = record["actor"] as? [String: Any]
            let decision = (actor?["authorizations"] as? [[String: Any]])?.first?["decision"] as? String
            let user = (actor?["user"] as? [String: Any])?["name"] as? String
            let api = (record["api"] as? [String: Any])?["operation"] as? String
            let resource = (record["resources"] as? [[String: Any]])?.first?["name"] as? String
            return decision == "denied" && user == "recommendation-service" && api == "produce" && resource == "shipping"
        }
        #expect(redpanda.count == 3)
        let confluent = run.audit("confluent-audit-log-events").filter { record in
            let data = record["data"] as? [String: Any]
            return (data?["authenticationInfo"] as? [String: Any])?["principal"] as? String == "User:recommendation-service"
                && (data?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == false
        }
        #expect(confluent.isEmpty)
        #expect(!run.authorizerLines.contains { $0.contains("User:recommendation-service is Denied") })
    }

    /// A real cluster audits each decision in one stream; the demo's three formats carry
    /// different denials, so no attempt is counted twice.
    @Test func everyDenialIsAuditedByExactlyOneStream() {
        let pipeline = IngestPipeline(auditTopics: Set(DemoWorld.auditTopics))
        var denied: [Decision] = []
        pipeline.onDecision = { if !$0.granted { denied.append($0) } }
        var offsets: [String: Int64] = [:]
        for record in run.records {
            let offset = offsets[record.topic, default: 0]
            offsets[record.topic] = offset + 1
            pipeline.ingest(.records([record.asRecord(offset: offset)]), nowMs: record.timestampMs)
        }
        #expect(Set(denied.map(\.format)).count == 3)
        let byAttempt = Dictionary(grouping: denied) { "\($0.operation) \($0.resourceName ?? "-") \($0.timeMs ?? 0)" }
        let repeated = byAttempt.filter { $0.value.count > 1 }
        #expect(repeated.isEmpty, "audited more than once: \(repeated.keys.sorted())")
        // 3 compromised attempts + 1 denied shipping hop + 20 burst denials + 3 failed logins.
        #expect(denied.reduce(0) { $0 + $1.count } == 27)
    }

    /// The demo's two denied publishes deny only the chains whose continuation they are: the
    /// busy recommendation and shipping services worked on many other cascades meanwhile, and
    /// shipping reads every customer event without continuing any.
    @Test func onlyTheChainsADeniedPublishLeftUncontinuedAreDenied() throws {
        let seconds: Int64 = 20
        let run = DemoRun(rate: 4, seconds: seconds)
        let pipeline = IngestPipeline(auditTopics: DemoRun.auditTopics, policy: .demo)
        // A consumer reads partitions in turns, so children often arrive before their parents:
        // each second's records topic by topic, later topics of a cascade first (each topic's
        // own order kept).
        let consumed = run.records.enumerated().sorted { a, b in
            let (sa, sb) = (a.element.timestampMs / 1000, b.element.timestampMs / 1000)
            if sa != sb { return sa < sb }
            return a.element.topic != b.element.topic ? a.element.topic > b.element.topic : a.offset < b.offset
        }.map(\.element)
        var offsets: [String: Int64] = [:]
        for record in consumed {
            let offset = offsets[record.topic, default: 0]
            offsets[record.topic] = offset + 1
            pipeline.ingest(.records([record.asRecord(offset: offset)]), nowMs: record.timestampMs)
        }
        let nowMs = DemoRun.startMs + seconds * 1000
        let chains = pipeline.traceIndex.recentChains(limit: Int.max, nowMs: nowMs)
        let denied = try chains.filter { $0.status == .denied }.map { try #require(pipeline.traceIndex.chain(key: $0.key, nowMs: nowMs)) }
        let recommendation = "User:recommendation-service"
        let shipping = "User:CN=shipping-service,OU=logistics,O=Shop,C=US"
        let missing = [recommendation: ("ItemAddedToCart", "RecommendationsGenerated"), shipping: ("PaymentAuthorized", "OrderItemShipped")]
        for chain in denied {
            #expect(!chain.denials.isEmpty)
            for denial in chain.denials {
                let expected = try #require(missing[denial.principal], "\(denial.explanation)")
                #expect(denial.hopType == expected.0)
                #expect(!chain.rows.contains { $0.type == expected.1 }, "\(chain.summary.key) has \(expected.1)")
            }
        }
        // The compromised cascade and the checkout whose shipping was refused, each once.
        #expect(denied.filter { $0.summary.hops == 4 && $0.denials.contains { $0.principal == recommendation } }.count == 1)
        #expect(denied.filter { $0.rows.contains { $0.type == "PaymentAuthorized" } && $0.denials.contains { $0.principal == shipping } }.count == 1)
        #expect(denied.count < chains.count / 20)
    }

    @Test func compromisedCascadeLacksItsRecommendationBranch() {
        let events = run.events
        let causes = Set(events.compactMap(\.causationId))
        let recommendationParents = Set(events.filter { $0.type == "RecommendationsGenerated" }.compactMap(\.causationId))
        let broken = events.filter {
            $0.type == "ItemAddedToCart" && $0.correlationId != nil && causes.contains($0.id)
                && !recommendationParents.contains($0.id)
        }
        #expect(broken.count == 1)
    }

    @Test func deniedShippingHopBreaksItsChain() {
        let events = run.events
        let shippedParents = Set(events.filter { $0.type == "OrderItemShipped" }.compactMap(\.causationId))
        // Payments of cascades still in flight at the end of the run have no child yet either.
        let endMs = DemoRun.startMs + 18_000
        let orphans = events.filter {
            $0.type == "PaymentAuthorized" && $0.correlationId != nil && !shippedParents.contains($0.id)
                && $0.record.timestampMs < endMs
        }
        #expect(orphans.count == 1)
        let dnLines = run.authorizerLines.filter {
            $0.contains("Principal = User:CN=shipping-service,OU=logistics,O=Shop,C=US is Denied operation = WRITE")
        }
        #expect(dnLines.count == 1)
        #expect(dnLines.first?.contains("Topic:LITERAL:shipping for request = Produce") == true)
        let topicLines = run.records.filter { $0.topic == "kafka-authorizer-log" }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(topicLines == run.authorizerLines)
        let confluentDN = run.audit("confluent-audit-log-events").contains { record in
            let data = record["data"] as? [String: Any]
            return (data?["authenticationInfo"] as? [String: Any])?["principal"] as? String
                == "User:CN=shipping-service,OU=logistics,O=Shop,C=US"
                && (data?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == false
        }
        #expect(!confluentDN)
    }

    @Test func analyticsReadsTheCustomerTopicWithGrantedFetches() {
        let confluent = run.audit("confluent-audit-log-events").filter { record in
            let data = record["data"] as? [String: Any]
            return data?["methodName"] as? String == "kafka.FetchConsumer"
                && (data?["authorizationInfo"] as? [String: Any])?["resourceName"] as? String == "customer"
                && (data?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == true
                && (data?["authenticationInfo"] as? [String: Any])?["principal"] as? String == "User:analytics-service"
        }
        #expect(confluent.count == 4)
        let redpanda = run.audit("_redpanda.audit_log").filter { record in
            (record["resources"] as? [[String: Any]])?.first?["name"] as? String == "customer"
                && record["count"] as? Int == 10
        }
        #expect(redpanda.count == 3)
    }

    @Test func malformedAndUnknownEventsAppear() throws {
        let malformed = run.events.filter { event in
            event.type == "ItemAddedToCart" && (event.payload as? [String: Any])?["quantity"] is String
        }
        #expect(malformed.count == 1)
        let payload = try #require(malformed.first?.payload as? [String: Any])
        #expect(payload["cartId"] == nil)
        let known = Set(DemoWorld.topology.events.map(\.eventType))
        let unknown = run.events.filter { !known.contains($0.type) }
        #expect(unknown.map(\.type) == ["LoyaltyPointsAwarded"])
    }

    @Test func exactlyTheMalformedEventBreaksTheTopologySchema() {
        let topology = DemoWorld.topology
        var violations: [String] = []
        for event in run.events {
            guard let rule = topology.rule(for: event.type) else { continue }
            #expect(rule.topics.contains(event.record.topic))
            #expect(rule.producers == [topology.principal(ofService: event.source) ?? "?"])
            guard let payload = event.payload as? [String: Any] else {
                #expect(event.encrypted && rule.encryptionRequired)
                continue
            }
            for field in rule.requiredFields where !Self.matches(payload[field.path], field.type) {
                violations.append("\(event.type).\(field.path)")
            }
        }
        #expect(violations == ["ItemAddedToCart.quantity", "ItemAddedToCart.cartId"])
    }

    static func matches(_ value: Any?, _ type: DemoTopology.JSONType) -> Bool {
        switch type {
        case .string: value is String
        case .integer:
            (value as? NSNumber).map { String(cString: $0.objCType) != "c" && $0.doubleValue == $0.doubleValue.rounded() }
                ?? false
        case .number: value is NSNumber
        case .boolean: value is Bool
        case .object: value is [String: Any]
        case .array: value is [Any]
        }
    }

    @Test func plaintextPIILeaksWhileTheRestIsEncrypted() throws {
        let customer = run.events.filter { $0.record.topic == "customer" && !$0.encrypted && $0.type != "CustomerDeactivated" }
        #expect(customer.count == 1)
        let leaked = try #require(customer.first?.payload as? [String: Any])
        #expect((leaked["email"] as? String)?.hasSuffix("@example.com") == true)
        #expect((leaked["phone"] as? String)?.hasPrefix("+1415555") == true)

        let payments = run.events.filter { $0.type == "PaymentAuthorized" }
        let clear = payments.filter { $0.payload is [String: Any] }
        #expect(clear.count == 1)
        let card = try #require((clear.first?.payload as? [String: Any])?["cardNumber"] as? String)
        #expect(card.count == 16 && Self.passesLuhn(card))
        #expect(clear.allSatisfy { !$0.encrypted })
        for payment in payments where payment.encrypted {
            let cipher = try #require(payment.payload as? String)
            #expect(Data(base64Encoded: cipher)?.count == 72)
        }
    }

    @Test func shippingAndCustomerSensitiveFieldsAreBase64Ciphertext() throws {
        let shipped = run.events.filter { $0.type == "OrderItemShipped" }
        #expect(!shipped.isEmpty)
        for event in shipped {
            #expect(event.encrypted)
            let payload = try #require(event.payload as? [String: Any])
            #expect(Data(base64Encoded: payload["shippingAddress"] as? String ?? "") != nil)
            #expect(Data(base64Encoded: payload["trackingNumber"] as? String ?? "") != nil)
            let envelope = DemoRun.json(event.record.value) as? [String: Any]
            #expect(envelope?["encryption"] as? String == "aes256-gcm")
        }
        let created = run.events.filter { $0.type == "CustomerCreated" }
        for event in created {
            let payload = try #require(event.payload as? [String: Any])
            #expect(Data(base64Encoded: payload["email"] as? String ?? "") != nil)
        }
    }

    static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            let value = offset % 2 == 1 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return sum % 10 == 0
    }

    @Test func denialBurstAndFailedLoginsAppear() {
        let burst = run.audit("confluent-audit-log-events").filter { record in
            let data = record["data"] as? [String: Any]
            return (data?["authenticationInfo"] as? [String: Any])?["principal"] as? String == "User:legacy-reporting"
                && (data?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == false
        }
        #expect(burst.count == 20)
        #expect(!run.authorizerLines.contains { $0.contains("User:legacy-reporting is Denied") })
        let redpanda = run.audit("_redpanda.audit_log").filter { record in
            ((record["actor"] as? [String: Any])?["user"] as? [String: Any])?["name"] as? String == "legacy-reporting"
                && record["class_uid"] as? Int == 6003
        }
        #expect(redpanda.isEmpty)

        let failedLogin = run.audit("confluent-audit-log-events").filter { record in
            let data = record["data"] as? [String: Any]
            return (data?["authenticationInfo"] as? [String: Any])?["principal"] as? String == "None:UNKNOWN_USER"
                && (data?["result"] as? [String: Any])?["status"] as? String == "UNAUTHENTICATED"
        }
        #expect(failedLogin.count == 1)
        let redpandaFailures = run.audit("_redpanda.audit_log").filter {
            $0["class_uid"] as? Int == 3002 && $0["status_id"] as? Int == 2
        }
        #expect(redpandaFailures.count == 2)
        let redpandaLogins = run.audit("_redpanda.audit_log").filter {
            $0["class_uid"] as? Int == 3002 && $0["status_id"] as? Int == 1
        }
        let confluentLogins = run.audit("confluent-audit-log-events").filter { record in
            let data = record["data"] as? [String: Any]
            return data?["methodName"] as? String == "kafka.Authentication"
                && (data?["result"] as? [String: Any])?["status"] as? String == "SUCCESS"
        }
        // Ten services log in once each, on one stream or the other.
        #expect(redpandaLogins.count == 5)
        #expect(confluentLogins.count == 5)
    }

    @Test func confluentRecordsUseBothSpecVersions() {
        let confluent = run.audit("confluent-audit-log-events")
        let modern = confluent.filter { $0["specversion"] as? String == "1.0" }
        let legacy = confluent.filter { $0["specversion"] as? String == "0.3" }
        #expect(!modern.isEmpty && !legacy.isEmpty)
        #expect(modern.allSatisfy { $0["route"] as? String == "confluent-audit-log-events" })
        #expect(legacy.allSatisfy { ($0["confluentRouting"] as? [String: Any])?["route"] as? String == "confluent-audit-log-events" })
        let granted = confluent.filter { (($0["data"] as? [String: Any])?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == true }
        let denied = confluent.filter { (($0["data"] as? [String: Any])?["authorizationInfo"] as? [String: Any])?["granted"] as? Bool == false }
        #expect(granted.count > denied.count)
        // Confluent escapes `=` inside `data`; the raw bytes must say so.
        let raw = run.records.filter { $0.topic == "confluent-audit-log-events" }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(raw.contains { $0.contains("crn:///kafka\\u003devscope-demo-cluster") })
    }

    @Test func redpandaMergesRoutineRepeatsWithCount() {
        let merged = run.audit("_redpanda.audit_log").filter { ($0["count"] as? Int ?? 1) > 1 }
        #expect(merged.contains { ($0["count"] as? Int ?? 0) < 10 })
        for record in merged {
            let start = record["start_time"] as? Int64 ?? 0
            let end = record["end_time"] as? Int64 ?? 0
            #expect(start > 0 && end >= start)
        }
    }

    @Test func brokerTwoGoesDownAndComesBackTenSecondsLater() {
        let run = DemoRun(seconds: 30, stepMs: 500)
        let outages = run.outputs.compactMap { output -> (Bool, Int32, Int64)? in
            switch output {
            case .brokerDown(let id, let time): (true, id, time)
            case .brokerUp(let id, let time): (false, id, time)
            default: nil
            }
        }
        #expect(outages.count == 2)
        #expect(outages.first.map { $0 == (true, 2, DemoRun.startMs + 16_000) } == true)
        #expect(outages.last.map { $0 == (false, 2, DemoRun.startMs + 26_000) } == true)
    }

    @Test func troubleRepeatsEveryPeriod() {
        var world = DemoWorld(seed: 1, startMs: DemoRun.startMs, rate: 0)
        var downs: [Int64] = []
        var now = DemoRun.startMs
        while now < DemoRun.startMs + 2 * DemoWorld.troublePeriodMs + 20_000 {
            now += 1_000
            for case .brokerDown(_, let time) in world.advance(toMs: now) { downs.append(time) }
        }
        #expect(downs == [0, 1, 2].map { DemoRun.startMs + 16_000 + $0 * DemoWorld.troublePeriodMs })
    }

    // MARK: Bounds and rate

    @Test func aJumpOfHoursIsCappedAndCounted() {
        var world = DemoWorld(seed: 1, startMs: DemoRun.startMs, rate: 100)
        _ = world.advance(toMs: DemoRun.startMs + 1_000)
        let threeHours: Int64 = 3 * 3_600_000
        let jumped = world.advance(toMs: DemoRun.startMs + 1_000 + threeHours)
        #expect(world.skippedMs == threeHours - DemoWorld.maxCatchUpMs)
        #expect(world.skippedCascades > 1_000_000)
        #expect(world.skippedTroubles > 1_000)
        // About 5 s of traffic at 100 cascades/s, not 3 hours of it.
        #expect(jumped.count < 20_000)
        #expect(jumped.first.map { $0.timeMs >= DemoRun.startMs + 1_000 } == true)
        let next = world.advance(toMs: DemoRun.startMs + 2_000 + threeHours)
        #expect(!next.isEmpty)
        #expect(next.first.map { $0.timeMs > DemoRun.startMs + 1_000 + threeHours } == true)
    }

    @Test func rateScalesTheTraffic() {
        let slow = DemoRun(rate: 3, seconds: 2).eventRecords.count
        let fast = DemoRun(rate: 5_000, seconds: 2, stepMs: 50).eventRecords.count
        #expect(slow < 60)
        #expect(fast > 40_000)
    }

    @Test func advancingToThePastReturnsNothing() {
        var world = DemoWorld(seed: 1, startMs: DemoRun.startMs, rate: 3)
        #expect(!world.advance(toMs: DemoRun.startMs + 5_000).isEmpty)
        #expect(world.advance(toMs: DemoRun.startMs + 1_000).isEmpty)
        #expect(world.advance(toMs: DemoRun.startMs + 5_000).isEmpty)
    }
}
