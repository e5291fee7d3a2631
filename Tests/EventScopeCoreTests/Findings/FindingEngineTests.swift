import EventScopeTestSupport
import Testing

@testable import EventScopeCore

@Suite struct FindingEngineTests {
    static let policy: Policy = {
        let text = #"""
            {"services":{"orders":"User:order-service","ship":["User:CN=ship","User:ship"]},
             "eventTypes":{
              "ItemAdded":{"topics":["orders"],"producers":["orders"],"consumers":["User:cart"],
                "schema":{"type":"object","properties":{"qty":{"type":"integer"}},"required":["qty"]}},
              "Shipped":{"topics":["shipping"],"producers":["ship"],"consumers":["User:cart"],
                "schema":{"type":"object","properties":{"address":{"type":"string"}}},
                "sensitiveFields":["address","contact.email"],"encryptionRequired":true},
              "Paid":{"topics":["payments"],"producers":["orders"],"schema":{"type":"object"},"encryptionRequired":true}}}
            """#
        switch PolicyParser().parse(text) {
        case .success(let policy): return policy
        case .failure(let failure): fatalError("\(failure.errors)")
        }
    }()

    func observe(_ engine: FindingEngine, _ record: Record, principal: String?) {
        engine.observe(event: EventDecoder().decode(record), record: record, claimedPrincipal: principal, nowMs: record.timestampMs ?? 0)
    }

    func rules(_ engine: FindingEngine) -> [FindingRule] { engine.findings.map(\.rule).sorted { $0.rawValue < $1.rawValue } }

    @Test func conformingEventRaisesNothing() {
        let engine = FindingEngine(policy: Self.policy)
        observe(engine, envelopeRecord(type: "ItemAdded", source: "orders", topic: "orders", payload: #"{"qty":2}"#), principal: "User:order-service")
        #expect(engine.count == 0)
    }

    @Test func unauthorizedProducerAndWrongTopicMarkTheEventInvalid() {
        let engine = FindingEngine(policy: Self.policy)
        var invalid: [EventPosition] = []
        engine.onInvalidEvent = { invalid.append($0) }
        observe(engine, envelopeRecord(type: "ItemAdded", source: "rogue", topic: "carts", payload: #"{"qty":2}"#, offset: 7), principal: "User:rogue")
        #expect(rules(engine) == [.typeOnWrongTopic, .unauthorizedProducer])
        let producer = engine.findings.first { $0.rule == .unauthorizedProducer }
        #expect(producer?.severity == .high)
        // The event's own claim is all there is: the finding names the declared source, never
        // a principal, and says it is not authenticated.
        #expect(producer?.principal == nil)
        #expect(producer?.declaredSource == "rogue")
        #expect(producer?.title.contains("declared source rogue") == true)
        #expect(producer?.title.contains("User:rogue") == false)
        #expect(producer?.identityText == "declared source rogue (not authenticated)")
        #expect(producer?.detail.hasPrefix("rests on the declared source rogue (not authenticated)") == true)
        #expect(invalid == [EventPosition(topic: "carts", partition: 0, offset: 7, eventId: "e-7", timeMs: 1_000)])
    }

    @Test func schemaInvalidCarriesPathAndCountsRepeats() throws {
        let engine = FindingEngine(policy: Self.policy)
        for offset in Int64(0)..<3 {
            observe(
                engine, envelopeRecord(type: "ItemAdded", source: "orders", topic: "orders", payload: #"{"qty":"2"}"#, offset: offset),
                principal: "User:order-service")
        }
        let finding = try #require(engine.findings.first)
        #expect(engine.count == 1)
        #expect(finding.rule == .schemaInvalid)
        #expect(finding.jsonPath == "$.payload.qty")
        #expect(finding.count == 3)
        #expect(engine.recentInvalidEvents.count == 3)
    }

    @Test func sensitiveFieldInPlaintextIsMaskedUnlessRevealed() throws {
        let engine = FindingEngine(policy: Self.policy)
        let payload = #"{"address":"1 Main St","contact":{"email":"a@b.example"},"note":"call +14155550134"}"#
        observe(engine, envelopeRecord(type: "Shipped", source: "ship", topic: "shipping", payload: payload), principal: "User:ship")
        let sensitive = engine.findings.filter { $0.rule == .plaintextSensitiveField }.sorted { ($0.jsonPath ?? "") < ($1.jsonPath ?? "") }
        #expect(sensitive.map(\.jsonPath) == ["$.payload.address", "$.payload.contact.email"])
        let pii = try #require(engine.findings.first { $0.rule == .piiPlaintext })
        #expect(pii.jsonPath == "$.payload.note")
        let address = try #require(sensitive.first)
        #expect(!address.detailText().contains("1 Main St"))
        #expect(address.detailText().hasSuffix(": ••••"))
        #expect(address.detailText(reveal: true).hasSuffix(": 1 Main St"))
        let example = try #require(address.exampleText())
        #expect(!example.contains("Main") && !example.contains("a@b.example") && !example.contains("4155550134"))
        #expect(address.exampleText(reveal: true)?.contains("1 Main St") == true)
    }

    @Test func encryptedSensitiveFieldsAndDeclaredEncryptionRaiseNothing() {
        let engine = FindingEngine(policy: Self.policy)
        let ciphertext = "PE0auGV6JxcRBWaM6krM/cMPOIWJXEbHLNMbQzbx7QbUpM5CzEUxKk9KoN67"
        observe(engine, envelopeRecord(type: "Shipped", source: "ship", topic: "shipping", payload: "{\"address\":\"\(ciphertext)\"}"), principal: "User:ship")
        observe(
            engine,
            envelopeRecord(
                type: "Shipped", source: "ship", topic: "shipping", payload: #"{"address":"1 Main St"}"#,
                extra: #","encryption":"aes256-gcm""#), principal: "User:CN=ship")
        #expect(engine.count == 0)
    }

    @Test func wholePayloadEncryptionRequirementAndUnvalidatableCiphertext() {
        let engine = FindingEngine(policy: Self.policy)
        observe(engine, envelopeRecord(type: "Paid", source: "orders", topic: "payments", payload: #"{"amount":5}"#), principal: "User:order-service")
        #expect(rules(engine) == [.plaintextSensitiveField])
        let encrypted = FindingEngine(policy: Self.policy)
        observe(
            encrypted,
            envelopeRecord(
                type: "Paid", source: "orders", topic: "payments",
                payload: #""QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=""#,
                extra: #","encryption":"aes256-gcm""#), principal: "User:order-service")
        #expect(rules(encrypted) == [.encryptedNotValidatable])
        #expect(encrypted.findings.first?.severity == .low)
    }

    @Test func unknownTypeOnlyWithAPolicy() {
        let withPolicy = FindingEngine(policy: Self.policy)
        let without = FindingEngine()
        let record = envelopeRecord(type: "Mystery", source: "orders", topic: "orders", payload: "{}")
        observe(withPolicy, record, principal: "User:order-service")
        observe(without, record, principal: "User:order-service")
        #expect(rules(withPolicy) == [.unknownEventType])
        #expect(without.count == 0)
    }

    @Test func undecodableRecordsAreLowFindings() {
        let engine = FindingEngine()
        observe(engine, Record(topic: "orders", value: [0, 0, 0, 0, 42, 1, 2, 3]), principal: nil)
        #expect(rules(engine) == [.undecodableEvent])
        #expect(engine.findings.first?.detail.contains("schema id 42") == true)
    }

    static func decision(_ principal: String, _ operation: String, topic: String, granted: Bool, timeMs: Int64 = 1_000, count: Int = 1) -> Decision {
        Decision(
            timeMs: timeMs, principal: principal, operation: operation, resourceType: "TOPIC", resourceName: topic, granted: granted, count: count,
            format: .kafkaAuthorizer)
    }

    @Test func unauthorizedConsumerFromGrantedReads() {
        let engine = FindingEngine(policy: Self.policy)
        engine.observe(decision: Self.decision("User:cart", "READ", topic: "orders", granted: true), nowMs: 1)
        engine.observe(decision: Self.decision("User:order-service", "WRITE", topic: "orders", granted: true), nowMs: 1)
        engine.observe(decision: Self.decision("User:spy", "READ", topic: "unlisted", granted: true), nowMs: 1)
        #expect(engine.count == 0)
        engine.observe(decision: Self.decision("User:spy", "READ", topic: "orders", granted: true, count: 5), nowMs: 2)
        #expect(rules(engine) == [.unauthorizedConsumer])
        #expect(engine.findings.first?.count == 5)
        #expect(engine.findings.first?.eventType == "ItemAdded")
    }

    /// An allowed write by a principal that may produce none of the topic's types rests on the
    /// broker's authentication, and says so; an allowed producer's write raises nothing.
    @Test func allowedWriteByAPrincipalOutsideThePolicyIsAnAuthenticatedUnauthorizedProducer() throws {
        let engine = FindingEngine(policy: Self.policy)
        engine.observe(decision: Self.decision("User:CN=ship", "WRITE", topic: "shipping", granted: true), nowMs: 1)
        engine.observe(decision: Self.decision("User:cart", "WRITE", topic: "unlisted", granted: true), nowMs: 1)
        #expect(engine.count == 0)
        engine.observe(decision: Self.decision("User:cart", "WRITE", topic: "shipping", granted: true, count: 3), nowMs: 2)
        #expect(rules(engine) == [.unauthorizedProducer])
        let finding = try #require(engine.findings.first)
        #expect(finding.principal == "User:cart")
        #expect(finding.declaredSource == nil)
        #expect(finding.count == 3)
        #expect(finding.identityText == "authenticated principal User:cart per audit decision")
        #expect(finding.detail.contains("rests on the authenticated principal User:cart"))
    }

    @Test func deniedPublishSeverityFollowsThePolicy() {
        let engine = FindingEngine(policy: Self.policy)
        engine.observe(decision: Self.decision("User:rogue", "WRITE", topic: "shipping", granted: false), nowMs: 1)
        engine.observe(decision: Self.decision("User:ship", "WRITE", topic: "shipping", granted: false), nowMs: 1)
        engine.observe(decision: Self.decision("User:ship", "READ", topic: "shipping", granted: false), nowMs: 1)
        let denied = engine.findings.filter { $0.rule == .deniedPublish }
        #expect(denied.first { $0.principal == "User:rogue" }?.severity == .high)
        #expect(denied.first { $0.principal == "User:ship" }?.severity == .medium)
        #expect(denied.count == 2)
    }

    @Test func denialBurstNeedsThresholdWithinWindow() {
        let engine = FindingEngine()
        for second in Int64(0)..<9 {
            engine.observe(decision: Self.decision("User:slow", "READ", topic: "t", granted: false, timeMs: second * 2_000), nowMs: 0)
        }
        for attempt in Int64(0)..<9 {
            engine.observe(decision: Self.decision("User:fast", "READ", topic: "t", granted: false, timeMs: 50_000 + attempt * 100), nowMs: 0)
        }
        #expect(engine.count == 0)
        engine.observe(decision: Self.decision("User:fast", "READ", topic: "t", granted: false, timeMs: 51_000), nowMs: 0)
        #expect(rules(engine) == [.denialBurst])
        #expect(engine.findings.first?.count == 10)
        // A merged record counts for all it stands for.
        engine.observe(decision: Self.decision("User:merged", "READ", topic: "t", granted: false, timeMs: 60_000, count: 20), nowMs: 0)
        #expect(engine.findings.filter { $0.rule == .denialBurst }.count == 2)
    }

    @Test func auditOffsetGapAndSilenceNeedACause() {
        let engine = FindingEngine()
        var audit = SourceHealth(id: 1, name: "audit", kind: .auditTopic)
        audit.records = 10
        audit.lastRecordMs = 1_000
        engine.tick(nowMs: 60_000, sources: [audit])
        #expect(engine.count == 0)
        audit.offsetGaps = 2
        engine.tick(nowMs: 61_000, sources: [audit])
        #expect(rules(engine) == [.auditOffsetGap])
        #expect(engine.findings.first?.count == 2)
        engine.tick(nowMs: 121_000, sources: [audit])
        engine.tick(nowMs: 122_000, sources: [audit])
        #expect(engine.findings.filter { $0.rule == .auditSilent }.count == 1)
        // A data source going quiet is not an audit gap.
        let data = FindingEngine()
        var kafka = SourceHealth(id: 2, name: "kafka", kind: .kafka)
        kafka.lastRecordMs = 0
        data.tick(nowMs: 10_000_000, sources: [kafka])
        #expect(data.count == 0)
    }

    @Test func burstyAuditSourcesLearnTheirRhythm() {
        let engine = FindingEngine()
        var audit = SourceHealth(id: 1, name: "authorizer", kind: .auditFile)
        audit.lastRecordMs = 0
        engine.tick(nowMs: 1, sources: [audit])
        audit.lastRecordMs = 100_000
        engine.tick(nowMs: 100_001, sources: [audit])
        // Longest gap 100 s: silent only after 300 s.
        engine.tick(nowMs: 100_000 + 250_000, sources: [audit])
        #expect(engine.count == 0)
        engine.tick(nowMs: 100_000 + 300_000, sources: [audit])
        #expect(rules(engine) == [.auditSilent])
    }

    @Test func distinctFindingsAreCappedAndEvictionsCounted() {
        var configuration = FindingConfiguration()
        configuration.maxFindings = 50
        let engine = FindingEngine(configuration: configuration)
        for index in 0..<500 {
            engine.observe(decision: Self.decision("User:p\(index)", "WRITE", topic: "t", granted: false, timeMs: Int64(index)), nowMs: Int64(index))
        }
        #expect(engine.count <= 50)
        #expect(engine.evicted == UInt64(500 - engine.count))
        #expect(engine.finding(id: 500) != nil)
        #expect(engine.drainRaised().count == engine.count)
        #expect(engine.drainRaised().isEmpty)
    }

    @Test func newestAndSortedOrders() {
        let engine = FindingEngine()
        engine.observe(decision: Self.decision("User:a", "WRITE", topic: "t", granted: false), nowMs: 10)
        engine.observe(event: EventDecoder().decode(Record(topic: "x", value: [0, 0, 0, 0, 1])), record: Record(topic: "x"), claimedPrincipal: nil, nowMs: 20)
        engine.observe(decision: Decision(timeMs: 30, principal: "None:UNKNOWN_USER", operation: "AUTHENTICATE", granted: false, format: .confluent), nowMs: 30)
        #expect(engine.newest(2).map(\.rule) == [.authenticationFailed, .undecodableEvent])
        #expect(engine.sorted().map(\.rule) == [.authenticationFailed, .deniedPublish, .undecodableEvent])
    }
}
