import Testing

@testable import EventScopeCore

/// A record on topic `t` with a JSON (or any text) value and string headers.
func decodingRecord(_ value: String?, headers: [(String, String)] = [], timestampMs: Int64? = 1_000) -> Record {
    Record(
        topic: "t", partition: 3, offset: 42, timestampMs: timestampMs,
        headers: headers.map { RecordHeader($0.0, $0.1) }, value: value.map { Array($0.utf8) })
}

@Suite struct EventDecoderTests {
    let decoder = EventDecoder()

    struct EnvelopeCase: Sendable, CustomTestStringConvertible {
        let json: String
        let type: String?
        let id: String?
        let source: String?
        let timeMs: Int64?
        var testDescription: String { json }
    }

    @Test(arguments: [
        EnvelopeCase(
            json: #"{"eventType":"ItemAddedToCart","timestamp":"2023-10-27T10:00:00Z","payload":{"cartId":"cart-xyz"}}"#,
            type: "ItemAddedToCart", id: nil, source: nil, timeMs: 1_698_400_800_000),
        EnvelopeCase(
            json: #"{"type":"CartUpdated","id":"e-1","source":"cart-service","time":"2023-10-27T10:00:00.5Z"}"#,
            type: "CartUpdated", id: "e-1", source: "cart-service", timeMs: 1_698_400_800_500),
        EnvelopeCase(
            json: #"{"event_type":"OrderItemShipped","eventId":"e-2","producer":"shipping","timestamp":1698400800000}"#,
            type: "OrderItemShipped", id: "e-2", source: "shipping", timeMs: 1_698_400_800_000),
        EnvelopeCase(
            json: #"{"eventType":"A","eventId":7,"timestamp":1698400800.25}"#,
            type: "A", id: "7", source: nil, timeMs: 1_698_400_800_250),
        EnvelopeCase(
            json: #"{"eventType":"A","timestamp":"not a time"}"#, type: "A", id: nil, source: nil, timeMs: 1_000),
        EnvelopeCase(
            json: #"  {"id":"only-id","timestamp":"1698400800000"}  "#, type: nil, id: "only-id", source: nil,
            timeMs: 1_698_400_800_000),
    ])
    func decodesEnvelopeVariants(example: EnvelopeCase) {
        let event = decoder.decode(decodingRecord(example.json))
        #expect(event.format == .envelope)
        #expect(event.type == example.type)
        #expect(event.id == example.id)
        #expect(event.source == example.source)
        #expect(event.timeMs == example.timeMs)
        #expect(event.topic == "t" && event.partition == 3 && event.offset == 42)
        #expect(event.bytes == example.json.utf8.count)
    }

    @Test func candidateOrderDecidesWhenSeveralSpellingsArePresent() {
        let event = decoder.decode(decodingRecord(#"{"type":"second","eventType":"first","producer":"p","source":"s"}"#))
        #expect(event.type == "first")
        #expect(event.source == "s")
    }

    @Test func duplicateKeysTakeTheLastValueLikeMostConsumers() {
        let event = decoder.decode(decodingRecord(#"{"eventType":"Harmless","eventType":"Sneaky"}"#))
        #expect(event.type == "Sneaky")
    }

    @Test func locatesThePayloadRange() {
        let json = #"{"eventType":"A","payload": {"x":[1,2,{"y":"}"}]} ,"z":1}"#
        let event = decoder.decode(decodingRecord(json))
        let range = try! #require(event.payloadRange)
        #expect(String(decoding: Array(json.utf8)[range], as: UTF8.self) == #"{"x":[1,2,{"y":"}"}]}"#)
    }

    @Test func stringPayloadRangeIncludesItsQuotes() {
        let json = #"{"eventType":"A","payload":"abc"}"#
        let range = try! #require(decoder.decode(decodingRecord(json)).payloadRange)
        #expect(String(decoding: Array(json.utf8)[range], as: UTF8.self) == #""abc""#)
    }

    @Test func correlationAndCausationComeFromTheEnvelope() {
        let event = decoder.decode(decodingRecord(#"{"eventType":"A","correlationId":"root-1","causationId":"evt-9"}"#))
        #expect(event.trace.correlationId == "root-1")
        #expect(event.trace.causationId == "evt-9")
        #expect(event.trace.chainKey == "root-1")
    }

    @Test func configurableDottedPaths() throws {
        var fields = EnvelopeFields.default
        #expect(try fields.apply(option: "--type-field", value: "payload.kind"))
        #expect(try fields.apply(option: "--id-field", value: "meta.ids.uuid"))
        #expect(try fields.apply(option: "--source-field", value: "meta.origin"))
        #expect(try fields.apply(option: "--time-field", value: "meta.at"))
        let decoder = EventDecoder(fields: fields)
        let json = #"{"type":"ignored","meta":{"origin":"svc","ids":{"uuid":"u-1"},"at":"2024-05-01T12:00:00Z"},"payload":{"kind":"Shipped","n":1}}"#
        let event = decoder.decode(decodingRecord(json))
        #expect(event.format == .envelope)
        #expect(event.type == "Shipped")
        #expect(event.id == "u-1")
        #expect(event.source == "svc")
        #expect(event.timeMs == 1_714_564_800_000)
        let range = try #require(event.payloadRange)
        #expect(String(decoding: Array(json.utf8)[range], as: UTF8.self) == #"{"kind":"Shipped","n":1}"#)
    }

    @Test func dottedPathIntoANonObjectIsAbsent() {
        var fields = EnvelopeFields.default
        fields.type = [FieldPath("payload.kind")!]
        let event = EventDecoder(fields: fields).decode(decodingRecord(#"{"id":"x","payload":"kind"}"#))
        #expect(event.type == nil)
        #expect(event.id == "x")
    }

    @Test func cloudEventsStructuredByContentType() {
        let json =
            #"{"specversion":"1.0","type":"com.example.created","source":"/orders","id":"c-1","time":"2018-04-05T03:56:24Z","datacontenttype":"application/json","data":{"a":1}}"#
        let event = decoder.decode(decodingRecord(json, headers: [("content-type", "application/cloudevents+json; charset=UTF-8")]))
        #expect(event.format == .cloudEventsStructured)
        #expect(event.type == "com.example.created")
        #expect(event.source == "/orders")
        #expect(event.id == "c-1")
        #expect(event.timeMs == 1_522_900_584_000)
        let range = try! #require(event.payloadRange)
        #expect(String(decoding: Array(json.utf8)[range], as: UTF8.self) == #"{"a":1}"#)
    }

    @Test func cloudEventsStructuredBySpecversionWithoutHeader() {
        let json = #"{"specversion":"1.0","type":"t1","source":"s","id":"1","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}"#
        let event = decoder.decode(decodingRecord(json))
        #expect(event.format == .cloudEventsStructured)
        #expect(event.trace.traceId == "0af7651916cd43dd8448eb211c80319c")
        #expect(event.trace.spanId == "b7ad6b7169203331")
        #expect(event.trace.style == .cloudEvents)
    }

    @Test func perHopHeaderBeatsTheStructuredExtension() {
        let json = #"{"specversion":"1.0","type":"t1","source":"s","id":"1","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}"#
        let event = decoder.decode(
            decodingRecord(json, headers: [("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]))
        #expect(event.trace.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(event.trace.style == .w3c)
    }

    @Test func cloudEventsBinaryTakesAttributesFromHeaders() {
        let headers = [
            ("ce_specversion", "1.0"), ("ce_type", "com.example.someevent"), ("ce_source", "/mycontext"),
            ("ce_id", "1234-1234"), ("ce_time", "2018-04-05T03:56:24Z"), ("content-type", "application/json"),
            ("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01"),
        ]
        // The data's own `type` field must not be taken for the event type.
        let event = decoder.decode(decodingRecord(#"{"type":"inner","v":1}"#, headers: headers))
        #expect(event.format == .cloudEventsBinary)
        #expect(event.type == "com.example.someevent")
        #expect(event.source == "/mycontext")
        #expect(event.id == "1234-1234")
        #expect(event.timeMs == 1_522_900_584_000)
        #expect(event.payloadRange == 0..<22)
        #expect(event.trace.style == .cloudEvents)
        #expect(event.trace.spanId == "b9c7c989f97918e1")
    }

    @Test func cloudEventsBinaryWithNonJSONBodyAndQuotedOrDashedHeaders() {
        let headers = [("CE-Type", "\"com.example.quoted\""), ("ce-id", " 9 ")]
        let event = decoder.decode(Record(topic: "t", headers: headers.map { RecordHeader($0.0, $0.1) }, value: [0x4F, 0x62, 0x6A, 0x01]))
        #expect(event.format == .cloudEventsBinary)
        #expect(event.type == "com.example.quoted")
        #expect(event.id == "9")
        #expect(event.payloadRange == 0..<4)
    }

    @Test(arguments: ["eventType", "event-type", "EVENT-TYPE", "type"])
    func eventTypeFromHeaderWhenBodyIsNotJSON(header: String) {
        let event = decoder.decode(decodingRecord("plain text body", headers: [(header, "Pinged")]))
        #expect(event.format == .header)
        #expect(event.type == "Pinged")
        #expect(event.timeMs == 1_000)
    }

    @Test func jsonWithoutAnEnvelopeFieldUsesTheHeaderType() {
        let event = decoder.decode(decodingRecord(#"{"amount":3}"#, headers: [("eventType", "Paid")]))
        #expect(event.format == .header)
        #expect(event.type == "Paid")
    }

    @Test func confluentWireFormatCarriesTheSchemaId() {
        let value: [UInt8] = [0, 0, 0, 0x01, 0x2C, 0x02, 0x06, 0x66, 0x6F, 0x6F]
        let event = decoder.decode(Record(topic: "t", value: value))
        #expect(event.format == .opaque)
        #expect(event.schemaId == 300)
        #expect(event.bytes == 10)
        #expect(event.encryption == .unknown)
    }

    @Test(arguments: [
        ([UInt8](), Int32?.none), ([0, 0, 0, 1], nil), ([1, 0, 0, 0, 5], nil), ([0, 0x7F, 0xFF, 0xFF, 0xFF], Int32.max),
    ])
    func wireFormatNeedsMagicZeroAndFourBytes(value: [UInt8], expected: Int32?) {
        #expect(decoder.decode(Record(topic: "t", value: value)).schemaId == expected)
    }

    @Test func nullValueIsAnOpaqueEventOfZeroBytes() {
        let event = decoder.decode(decodingRecord(nil))
        #expect(event.format == .opaque)
        #expect(event.bytes == 0)
        #expect(event.timeMs == 1_000)
        #expect(event.type == nil)
    }

    @Test(arguments: ["[1,2,3]", "\"just a string\"", "42", "null", "{}", #"{"unrelated":true}"#])
    func nonEnvelopeJSONIsOpaque(json: String) {
        #expect(decoder.decode(decodingRecord(json)).format == .opaque)
    }

    @Test func escapedFieldsAreDecoded() {
        let json = #"{"eventType":"Caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \t","source":"\u001b[31mred"}"#
        let event = decoder.decode(decodingRecord(json))
        #expect(event.type == "Café 😀 \"q\" \\ / \t")
        // Control characters are kept; escaping for display is TerminalText's job.
        #expect(event.source == "\u{1B}[31mred")
    }

    @Test func loneSurrogateEscapeBecomesReplacementCharacter() {
        let event = decoder.decode(decodingRecord(#"{"eventType":"a\ud800b\udc00c"}"#))
        #expect(event.type == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test func escapedKeysStillMatch() {
        let event = decoder.decode(decodingRecord(#"{"event\u0054ype":"A"}"#))
        #expect(event.type == "A")
    }
}
