import EventScopeCore
import EventScopeTestSupport
import Testing

/// Hostile records through the event decoder: keys, header names and values, and bodies derived
/// from every supported form (envelope, CloudEvents structured and binary, header-typed, opaque).
@Suite struct FuzzEventDecoderTests {
    static let bodies = FuzzMutator(textSeeds: [
        #"{"eventType":"OrderPlaced","eventId":"e-1","source":"order-service","timestamp":"2024-05-01T12:00:00Z","correlationId":"c-1","payload":{"orderId":7,"total":12.5}}"#,
        #"{"type":"Paid","id":1042,"source":"pay","time":1714564800000,"causationId":"e-1","data":{"card":"enc:AAAAAAAAAAAAAAAAAAAAAAAA"}}"#,
        #"{"specversion":"1.0","type":"com.shop.cart","source":"/carts","id":"x","time":"2024-05-01T12:00:00.5+02:00","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","data_base64":"AAEC"}"#,
        #"{"encrypted":true,"payload":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}"#,
        #"{"meta":{"kind":"Nested"},"a":[1,2,{"b":null}],"s":"\u001b]0;x\u0007"}"#,
        "plain text body", "\u{0}\u{0}\u{0}\u{0}\u{7}binary",
    ])
    static let headerNames = [
        "traceparent", "tracestate", "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "uber-trace-id", "ce_type", "ce_id",
        "ce_source", "ce_time", "ce_traceparent", "content-type", "eventType", "event-type", "encryption", "x-\u{1B}]0;PWNED\u{07}",
        "\u{202E}evil", "",
    ]
    static let headerValues = FuzzMutator(textSeeds: [
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
        "463ac35c9f6413ad48485a3953bb6124", "a2fb4a1d1a96d312", "4bf92f3577b34da6:00f067aa0ba902b7:0:1", "application/cloudevents+json",
        "OrderPlaced", "aes-gcm", "1",
    ])

    static func record(_ random: inout FuzzRandom) -> Record {
        var headers: [RecordHeader] = []
        for _ in 0..<random.below(6) {
            let name = random.oneIn(8) ? headerValues.text(&random) : headerNames[random.below(headerNames.count)]
            headers.append(RecordHeader(name: name, value: random.oneIn(10) ? nil : headerValues.input(&random)))
        }
        return Record(
            topic: random.oneIn(4) ? headerValues.text(&random) : "orders", partition: Int32(truncatingIfNeeded: random.next()),
            offset: Int64(truncatingIfNeeded: random.next()), timestampMs: random.oneIn(3) ? nil : Int64(truncatingIfNeeded: random.next()),
            key: random.oneIn(3) ? nil : headerValues.input(&random), headers: headers, value: random.oneIn(20) ? nil : bodies.input(&random))
    }

    @Test func decodesEveryRecordAndWritesParseableLines() {
        let decoder = EventDecoder()
        let parser = JSONParser()
        FuzzSupport.run("EventDecoder") { random in
            let record = Self.record(&random)
            let event = decoder.decode(record)
            let size = record.value?.count ?? 0
            #expect(event.bytes == size)
            if let range = event.payloadRange { #expect(range.lowerBound >= 0 && range.upperBound <= size) }
            #expect(FuzzSupport.isNormalisedHex(event.trace.traceId, length: 32))
            #expect(FuzzSupport.isNormalisedHex(event.trace.spanId, length: 16))
            #expect(FuzzSupport.isNormalisedHex(event.trace.parentSpanId, length: 16))
            for text in [event.type, event.id, event.source, event.trace.correlationId].compactMap({ $0 }) {
                #expect(FuzzSupport.isTerminalSafe(TerminalText.escape(text)))
            }
            let line = EventJSONLine.line(event)
            #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
            guard case .object(let members)? = try? parser.parse(line) else {
                Issue.record("headless line does not parse: \(TerminalText.escape(line))")
                return
            }
            #expect(members.first?.value == .string("event"))
            #expect(members.first { $0.key == "type" }?.value == event.type.map(JSONValue.string) ?? .null)
        }
    }
}
