import EventScopeCore
import Synchronization
import Testing

/// Records through a `SchemaResolver` and the event decoder, with schemas and bytes written by
/// Confluent's own serializers.
@Suite("Schema resolver")
struct SchemaResolverTests {
    /// Fetches the test runs itself, when it chooses, and what the resolver released.
    final class Locked<Value: Sendable>: Sendable {
        let mutex: Mutex<Value>
        init(_ value: Value) { mutex = Mutex(value) }
        func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    }

    final class Harness: Sendable {
        let pendingFetches = Locked<[@Sendable () -> Void]>([])
        let released = Locked<[(records: [Record], tag: Int)]>([])
        let clock = Locked<Int64>(1_000)
        let source: FixtureSchemaSource
        let resolver: SchemaResolver

        init(source: FixtureSchemaSource = FixtureSchemaSource(), holdCapacity: Int = 100, fetchAtOnce: Bool = true) {
            self.source = source
            let pendingFetches = self.pendingFetches
            let released = self.released
            let clock = self.clock
            resolver = SchemaResolver(
                source: source, holdCapacity: holdCapacity, nowMs: { clock.withLock { $0 } },
                startFetch: { fetch in
                    if fetchAtOnce { fetch() } else { pendingFetches.withLock { $0.append(fetch) } }
                },
                release: { records, tag in released.withLock { $0.append((records, tag)) } })
        }

        func runFetches() {
            let fetches = pendingFetches.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
            for fetch in fetches { fetch() }
        }

        /// Prepares a batch and returns it with whatever was released meanwhile, in that order.
        func prepareAll(_ records: [Record], transcoder: inout SchemaTranscoder) -> [Record] {
            let ready = resolver.prepare(records, tag: 7, transcoder: &transcoder)
            return ready + takeReleased()
        }

        func takeReleased() -> [Record] {
            released.withLock { released in
                defer { released.removeAll() }
                return released.flatMap(\.records)
            }
        }
    }

    static func record(_ bytes: [UInt8], offset: Int64 = 0) -> Record {
        Record(topic: "orders", offset: offset, value: bytes)
    }

    @Test func everyFixtureDecodesWithItsTypeFormatAndSubject() throws {
        let harness = Harness()
        var transcoder = SchemaTranscoder()
        #expect(harness.source.cases.count >= 14)
        for fixture in harness.source.cases {
            let records = harness.prepareAll([Self.record(fixture.bytes)], transcoder: &transcoder)
            try #require(records.count == 1, "\(fixture.name)")
            let event = EventDecoder().decode(records[0])
            let expectedFormat: EventFormat =
                switch fixture.format {
                case "AVRO": .avro
                case "PROTOBUF": .protobuf
                default: .jsonSchema
                }
            #expect(event.format == expectedFormat, "\(fixture.name)")
            #expect(event.schemaId == fixture.schemaId, "\(fixture.name)")
            #expect(event.schema?.problem == nil, "\(fixture.name): \(event.schema?.problem ?? "")")
            #expect(event.bytes == fixture.bytes.count, "\(fixture.name)")
            if let fullName = fixture.fullName, fixture.format != "JSON" {
                #expect(event.type == fullName || fixture.format == "AVRO" && event.type != nil, "\(fixture.name): \(event.type ?? "nil")")
                #expect(event.schema?.typeName == fullName, "\(fixture.name)")
            }
            // The value now holds the decoded JSON, which every later stage reads.
            let json = try JSONParser().parse(records[0].value ?? [])
            guard case .object = json else {
                Issue.record("\(fixture.name): not a JSON object")
                continue
            }
        }
        #expect(harness.source.requestCount("subject com.shop.common.Money") == 1)
        #expect(harness.source.requestCount("subject shop/common.proto") == 1)
    }

    @Test func jsonSchemaTitleIsTheTypeOfLastResort() throws {
        let harness = Harness()
        var transcoder = SchemaTranscoder()
        let fixture = try #require(harness.source.cases.first { $0.name == "json-cart-updated-no-envelope-type" })
        let event = EventDecoder().decode(harness.prepareAll([Self.record(fixture.bytes)], transcoder: &transcoder)[0])
        #expect(event.format == .jsonSchema)
        #expect(event.type != nil)
        #expect(event.type == event.schema?.typeName)
    }

    @Test func eachIdIsFetchedOnceWhileItsRecordsWaitAndThenFromTheWarmCache() throws {
        let harness = Harness(fetchAtOnce: false)
        var transcoder = SchemaTranscoder()
        let fixture = try #require(harness.source.cases.first { $0.name == "avro-order-placed" })
        let plain = Record(topic: "orders", value: Array(#"{"eventType":"Plain"}"#.utf8))
        let first = harness.resolver.prepare(
            [Self.record(fixture.bytes, offset: 1), plain, Self.record(fixture.bytes, offset: 2)], tag: 3, transcoder: &transcoder)
        // The wire-format records wait; the plain one goes on.
        #expect(first.map(\.offset) == [0])
        #expect(harness.resolver.status.held == 2)
        _ = harness.resolver.prepare([Self.record(fixture.bytes, offset: 3)], tag: 3, transcoder: &transcoder)
        harness.runFetches()
        let released = harness.released.withLock { $0 }
        #expect(released.map(\.tag) == [3])
        #expect(released.flatMap(\.records).map(\.offset) == [1, 2, 3])
        #expect(released.flatMap(\.records).allSatisfy { $0.schema?.description.isDecoded == true })
        let warm = harness.resolver.prepare((4..<104).map { Self.record(fixture.bytes, offset: $0) }, tag: 3, transcoder: &transcoder)
        #expect(warm.count == 100)
        #expect(warm.allSatisfy { EventDecoder().decode($0).format == .avro })
        #expect(harness.source.requestCount("id 2") == 1)
        #expect(harness.resolver.status.fetches == 1)
        #expect(harness.resolver.status.schemasCached == 1)
        #expect(harness.resolver.status.held == 0)
    }

    @Test func unknownIdIsShownUnavailableAndRetriedAfterABackoff() throws {
        let harness = Harness()
        var transcoder = SchemaTranscoder()
        let unknown: [UInt8] = [0, 0, 0, 0, 99, 2, 0x41]
        let known = try #require(harness.source.cases.first { $0.name == "avro-primitives" })
        let records = harness.prepareAll([Self.record(unknown), Self.record(known.bytes)], transcoder: &transcoder)
        #expect(records.count == 2)
        let events = records.map { EventDecoder().decode($0) }
        let undecoded = try #require(events.first { $0.schemaId == 99 })
        #expect(undecoded.format == .opaque)
        #expect(undecoded.schema?.problem == "schema unavailable (id 99: schema 99 not found (40403))")
        #expect(EventJSONLine.line(undecoded).contains(#""schemaId":99,"schemaError":"schema unavailable (id 99: schema 99 not found (40403))""#))
        #expect(events.contains { $0.format == .avro })
        // Within the backoff the registry is not asked again; after it, it is.
        _ = harness.prepareAll([Self.record(unknown)], transcoder: &transcoder)
        #expect(harness.source.requestCount("id 99") == 1)
        harness.clock.withLock { $0 += 1_500 }
        _ = harness.prepareAll([Self.record(unknown)], transcoder: &transcoder)
        #expect(harness.source.requestCount("id 99") == 2)
        #expect(harness.resolver.status.fetchErrors == 2)
        #expect(harness.resolver.status.reachable == true)
    }

    @Test func registryDownLeavesEventsFlowingAndSaysSo() throws {
        let source = FixtureSchemaSource()
        source.down.withLock { $0 = true }
        let harness = Harness(source: source)
        var transcoder = SchemaTranscoder()
        let known = try #require(source.cases.first { $0.name == "proto-order-placed" })
        let records = harness.prepareAll(
            [Self.record(known.bytes), Record(topic: "orders", value: Array(#"{"eventType":"A"}"#.utf8))], transcoder: &transcoder)
        #expect(records.count == 2)
        #expect(records.contains { $0.schema?.description.problem == "schema unavailable (id 8: connection refused)" })
        #expect(harness.resolver.status.reachable == false)
        #expect(harness.resolver.status.lastError == "id 8: connection refused")
        source.down.withLock { $0 = false }
        harness.clock.withLock { $0 += 1_001 }
        let retried = harness.prepareAll([Self.record(known.bytes)], transcoder: &transcoder)
        #expect(EventDecoder().decode(retried[0]).type == "com.shop.events.OrderPlaced")
        #expect(harness.resolver.status.reachable == true)
    }

    @Test func aFullHoldingAreaLetsRecordsGoOnUndecodedAndCountsThem() throws {
        let harness = Harness(holdCapacity: 2, fetchAtOnce: false)
        var transcoder = SchemaTranscoder()
        let known = try #require(harness.source.cases.first { $0.name == "avro-linked-list" })
        let ready = harness.resolver.prepare((0..<3).map { Self.record(known.bytes, offset: $0) }, tag: 0, transcoder: &transcoder)
        #expect(ready.map(\.offset) == [2])
        #expect(ready[0].schema?.description.problem?.hasPrefix("schema unavailable (id 4: still being fetched") == true)
        #expect(harness.resolver.status.overflowed == 1)
        let idle = Locked(false)
        harness.resolver.whenIdle { idle.withLock { $0 = true } }
        #expect(idle.withLock { $0 } == false)
        harness.runFetches()
        #expect(idle.withLock { $0 } == true)
        #expect(harness.takeReleased().map(\.offset) == [0, 1])
    }

    @Test func bytesThatDoNotFitTheSchemaBecomeUndecodableWithTheReason() throws {
        let harness = Harness()
        var transcoder = SchemaTranscoder()
        let known = try #require(harness.source.cases.first { $0.name == "avro-order-placed" })
        let truncated = Array(known.bytes.prefix(12))
        let event = EventDecoder().decode(harness.prepareAll([Self.record(truncated)], transcoder: &transcoder)[0])
        #expect(event.format == .opaque)
        #expect(event.schemaId == 2)
        #expect(event.schema?.problem?.hasPrefix("undecodable (id 2: ") == true)
    }

    @Test func decodedPlaintextPIIRaisesAFindingAndTheLineCarriesTheSchema() throws {
        // An Avro record {email: string, card: string} registered in memory.
        struct OneSchema: SchemaSource {
            func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema {
                RegisteredSchema(
                    id: id, format: .avro,
                    text:
                        #"{"type":"record","name":"CustomerCreated","namespace":"com.shop.events","fields":[{"name":"email","type":"string"},{"name":"card","type":"string"}]}"#,
                    subject: "customers-value", version: 3)
            }
            func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema {
                throw SchemaFetchError(.notFound, "no references here")
            }
        }
        func avroString(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            return [UInt8(bytes.count * 2)] + bytes
        }
        let value: [UInt8] = [0, 0, 0, 0, 21] + avroString("jane.doe@example.com") + avroString("4111 1111 1111 1111")
        let resolver = SchemaResolver(source: OneSchema(), nowMs: { 0 }, startFetch: { $0() }, release: { _, _ in })
        var transcoder = SchemaTranscoder()
        _ = resolver.prepare([Record(topic: "customers", value: value)], tag: 0, transcoder: &transcoder)
        let ready = resolver.prepare([Record(topic: "customers", value: value)], tag: 0, transcoder: &transcoder)
        let pipeline = IngestPipeline()
        var lines: [String] = []
        pipeline.onEvent = { event, _, _ in lines.append(EventJSONLine.line(event)) }
        pipeline.ingest(.records([ready[0]]), nowMs: 0)
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""type":"com.shop.events.CustomerCreated""#))
        #expect(lines[0].contains(#""format":"avro","schemaId":21,"#))
        #expect(lines[0].contains(#""encryption":"plaintext""#))
        let findings = pipeline.findings.drainRaised()
        #expect(findings.contains { $0.title.lowercased().contains("email") })
    }
}
