import EventScopeCore
import EventScopeSchema

/// The demo shop's schema-registry traffic: loyalty points as Avro and product reviews as
/// Protobuf, in the Confluent wire format with the ids `DemoSchemas` serves.
///
/// Kept apart from `DemoWorld`, with a random sequence of its own, so the world's other
/// traffic stays exactly what it was. Reviews carry the reviewer's e-mail in plaintext (PII
/// that only decoding the Protobuf reveals); one loyalty event in ten has a card number in
/// its free-text note.
public struct DemoSchemaTraffic: Sendable {
    public static let topics: [DemoTopic] = [
        DemoTopic(name: "loyalty", partitions: 3),
        DemoTopic(name: "reviews", partitions: 3),
    ]

    private var random: DemoRandom
    private var nextMs: Double
    private let meanGapMs: Double
    private var count: Int64 = 0

    /// - Parameter rate: the demo's cascade rate; schema events come at half of it.
    public init(seed: UInt64 = 1, startMs: Int64, rate: Double) {
        random = DemoRandom(seed: seed ^ 0x5C4E_3A00_D0C5_A11E)
        nextMs = Double(startMs) + 400
        meanGapMs = rate > 0 && rate.isFinite ? 2000 / min(rate, DemoWorld.maxRate) : .infinity
    }

    /// The records due up to `nowMs`, in time order.
    public mutating func advance(toMs nowMs: Int64) -> [DemoRecord] {
        var records: [DemoRecord] = []
        // Never more than the world's catch-up window at once.
        if Double(nowMs) - nextMs > Double(DemoWorld.maxCatchUpMs) { nextMs = Double(nowMs - DemoWorld.maxCatchUpMs) }
        while nextMs <= Double(nowMs) {
            let timeMs = Int64(nextMs.rounded(.up))
            records.append(count % 2 == 0 ? pointsEarned(atMs: timeMs) : reviewPosted(atMs: timeMs))
            count += 1
            nextMs += meanGapMs * (0.5 + random.unit())
        }
        return records
    }

    private mutating func traceHeaders() -> [RecordHeader] {
        var text = DemoBytes(capacity: 64)
        text.raw("00-")
        text.hex(random.nonZero())
        text.hex(random.nonZero())
        text.raw("-")
        text.hex(random.nonZero())
        text.raw("-01")
        return [RecordHeader(name: "traceparent", value: text.bytes)]
    }

    private mutating func eventId() -> String {
        var text = DemoBytes(capacity: 40)
        text.uuid(random.next(), random.next())
        return String(decoding: text.bytes, as: UTF8.self)
    }

    private mutating func pointsEarned(atMs timeMs: Int64) -> DemoRecord {
        var out = ConfluentWireWriter.prefix(schemaId: DemoSchemas.pointsEarnedId)
        let customer = random.int(1...400)
        ConfluentWireWriter.avroString(eventId(), into: &out)
        ConfluentWireWriter.avroString("loyalty-service", into: &out)
        ConfluentWireWriter.avroString("c-\(customer)", into: &out)
        ConfluentWireWriter.avroLong(random.int(5...500), into: &out)
        ConfluentWireWriter.avroLong(random.int(0...2), into: &out)
        ConfluentWireWriter.avroLong(timeMs, into: &out)
        if random.chance(0.1) {
            ConfluentWireWriter.avroLong(1, into: &out)
            ConfluentWireWriter.avroString("paid with card 4111 1111 1111 1111 at the till", into: &out)
        } else {
            ConfluentWireWriter.avroLong(0, into: &out)
        }
        return DemoRecord(topic: "loyalty", key: Array("c-\(customer)".utf8), headers: traceHeaders(), value: out, timestampMs: timeMs)
    }

    private mutating func reviewPosted(atMs timeMs: Int64) -> DemoRecord {
        var out = ConfluentWireWriter.prefix(schemaId: DemoSchemas.reviewPostedId)
        out.append(0)  // message index [0]: the first message
        let product = random.int(1...60)
        let reviewer = random.int(1...400)
        ConfluentWireWriter.protobufString(field: 1, eventId(), into: &out)
        ConfluentWireWriter.protobufString(field: 2, "review-service", into: &out)
        ConfluentWireWriter.protobufString(field: 3, "sku-\(product)", into: &out)
        ConfluentWireWriter.protobufVarint(field: 4, UInt64(random.int(1...5)), into: &out)
        ConfluentWireWriter.protobufString(
            field: 5, ["Great value", "Arrived late", "Works as described", "Would buy again"][Int(random.int(0...3))], into: &out)
        ConfluentWireWriter.protobufString(field: 6, "reviewer\(reviewer)@example.com", into: &out)
        return DemoRecord(topic: "reviews", key: Array("sku-\(product)".utf8), headers: traceHeaders(), value: out, timestampMs: timeMs)
    }
}
