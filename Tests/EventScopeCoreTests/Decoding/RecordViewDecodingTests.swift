import Foundation
import Testing

@testable import EventScopeCore

/// A view lent from librdkafka's buffers must decode exactly like the same record copied.
@Suite struct RecordViewDecodingTests {
    /// Calls `body` with a view of `record` whose bytes live in separately allocated memory,
    /// as they would in the client library's buffers.
    private func withView<T>(of record: Record, _ body: (RecordView) -> T) -> T {
        var allocations: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { for allocation in allocations { allocation.deallocate() } }
        func lend(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
            _ = copy.initialize(from: bytes)
            allocations.append(copy)
            return UnsafeBufferPointer(start: copy.baseAddress, count: bytes.count)
        }
        let headers = record.headers.map { HeaderView(name: lend(Array($0.name.utf8)), value: $0.value.map(lend)) }
        return headers.withUnsafeBufferPointer { headerViews in
            body(
                RecordView(
                    topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: record.timestampMs,
                    value: record.value.map(lend), headers: headerViews))
        }
    }

    private static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    static let records: [Record] = [
        Record(
            topic: "orders", partition: 3, offset: 42, timestampMs: 1_700_000_000_000,
            headers: [RecordHeader("traceparent", traceparent), RecordHeader("content-type", "application/json")],
            value: Array(
                #"{"eventType":"OrderPlaced","eventId":"e-1","source":"checkout","timestamp":"2026-01-01T00:00:00Z","causationId":"e-0","payload":{"a":1}}"#
                    .utf8)),
        Record(
            topic: "ce", headers: [RecordHeader("Content-Type", "application/cloudevents+json; charset=utf-8")],
            value: Array(
                #"{"specversion":"1.0","type":"com.shop.Paid","source":"/billing","id":"ce-9","time":"2026-02-03T04:05:06.789Z","data":{"x":[1,2]}}"#.utf8)),
        Record(
            topic: "ce-bin",
            headers: [
                RecordHeader("ce_type", "\"com.shop.Shipped\""), RecordHeader("ce_source", "/ship"), RecordHeader("ce_id", "b-1"),
                RecordHeader("ce_time", "2026-02-03T04:05:06Z"), RecordHeader("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"),
            ], value: Array("not json".utf8)),
        Record(
            topic: "hdr", headers: [RecordHeader("EVENT-TYPE", "FromHeader"), RecordHeader("uber-trace-id", "5af7183fb1d4cf5f:6e0c63257de34c92:0:1")],
            value: [0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x41]),
        Record(topic: "dup", headers: [RecordHeader("type", "First"), RecordHeader("type", "Last")], value: []),
        Record(topic: "tomb", headers: [RecordHeader("x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"), RecordHeader("x-b3-spanid", "a2fb4a1d1a96d312")]),
        Record(topic: "enc", headers: [RecordHeader("encryption", "aes-256-gcm")], value: Array((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })),
        Record(
            topic: "hostile\u{1b}]0;x\u{07}", headers: [RecordHeader(name: "ce_type", value: [0xff, 0xfe, 0x1b, 0x5b])],
            value: [0x7b, 0x22, 0x65, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
        Record(
            topic: "empty-header", headers: [RecordHeader(name: "traceparent", value: nil), RecordHeader(name: "", value: [1])],
            value: Array(#"{"type":"T","id":17,"data":"s"}"#.utf8)),
        // A `ce_type` header without a value still declares binary mode: the body's `type` is data.
        Record(
            topic: "ce-null-type", headers: [RecordHeader(name: "ce_type", value: nil)],
            value: Array(#"{"type":"NotTheEventType","id":"d-1"}"#.utf8)),
    ]

    @Test func aValuelessCloudEventsTypeHeaderStillMeansBinaryMode() {
        let event = EventDecoder().decode(Self.records[Self.records.count - 1])
        #expect(event.format == .cloudEventsBinary)
        #expect(event.type == nil)
    }

    @Test(arguments: Self.records.indices)
    func viewDecodesLikeTheCopy(index: Int) {
        let record = Self.records[index]
        let decoder = EventDecoder()
        let copied = decoder.decode(record)
        var names = NameInterner()
        let lent = withView(of: record) { decoder.decode($0, names: &names) }
        #expect(EventJSONLine.line(lent) == EventJSONLine.line(copied))
        #expect(lent.trace == copied.trace)
        #expect(lent.payloadRange == copied.payloadRange)
        #expect(lent.schemaId == copied.schemaId)
    }

    @Test func theCorpusCoversEveryFormAndHeaderConvention() {
        let decoder = EventDecoder()
        let events = Self.records.map { decoder.decode($0) }
        #expect(Set(events.map(\.format)) == [.envelope, .cloudEventsStructured, .cloudEventsBinary, .header, .opaque])
        #expect(Set(events.compactMap(\.trace.style)).count >= 3)
    }

    @Test func mutatedRecordsDecodeAlikeEitherWay() {
        var random = SplitMix64(seed: 0x5eed_1e4d)
        let decoder = EventDecoder()
        for _ in 0..<2_000 {
            var record = Self.records[Int(random.next() % UInt64(Self.records.count))]
            if var value = record.value, !value.isEmpty {
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    value[Int(random.next() % UInt64(value.count))] = UInt8(truncatingIfNeeded: random.next())
                }
                record.value = value
            }
            let copied = decoder.decode(record)
            var names = NameInterner()
            let lent = withView(of: record) { decoder.decode($0, names: &names) }
            #expect(EventJSONLine.line(lent) == EventJSONLine.line(copied))
            #expect(lent.payloadRange == copied.payloadRange)
        }
    }
}
