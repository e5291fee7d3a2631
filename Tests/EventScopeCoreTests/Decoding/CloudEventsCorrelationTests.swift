import Testing

@testable import EventScopeCore

/// The CloudEvents correlation extension links hops exactly, in binary and structured mode.
@Suite struct CloudEventsCorrelationTests {
    @Test func binaryModeHeadersCarryCorrelationAndCausation() {
        let record = Record(
            topic: "t", partition: 0, offset: 1, timestampMs: 0, key: nil,
            headers: [
                RecordHeader(name: "ce_specversion", value: Array("1.0".utf8)), RecordHeader(name: "ce_type", value: Array("CartUpdated".utf8)),
                RecordHeader(name: "ce_id", value: Array("e2".utf8)), RecordHeader(name: "ce_source", value: Array("/cart".utf8)),
                RecordHeader(name: "ce_correlationid", value: Array("e1".utf8)), RecordHeader(name: "CE_CAUSATIONID", value: Array("e1".utf8)),
                RecordHeader(name: "content-type", value: Array("application/json".utf8)),
            ],
            value: Array(#"{"cartId":"c1","correlationId":"not-this"}"#.utf8))
        let event = EventDecoder().decode(record)
        #expect(event.format == .cloudEventsBinary)
        #expect(event.trace.correlationId == "e1")
        #expect(event.trace.causationId == "e1")
        let opaque = Record(topic: "t", partition: 0, offset: 2, timestampMs: 0, key: nil, headers: record.headers, value: [0xFF, 0x00])
        #expect(EventDecoder().decode(opaque).trace.causationId == "e1")
    }

    @Test func structuredModeAttributesCarryCorrelationAndCausation() {
        let body = #"{"specversion":"1.0","type":"CartUpdated","source":"/cart","id":"e2","correlationid":"e1","causationid":"e1","data":{}}"#
        let record = Record(
            topic: "t", partition: 0, offset: 1, timestampMs: 0, key: nil,
            headers: [RecordHeader(name: "content-type", value: Array("application/json".utf8))], value: Array(body.utf8))
        let event = EventDecoder().decode(record)
        #expect(event.format == .cloudEventsStructured)
        #expect(event.trace.correlationId == "e1")
        #expect(event.trace.causationId == "e1")
    }
}
