import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// Measures decode throughput (≥ 300k, goal 1M events/s/core) on generated ~250-byte events.
///
/// The corpora are generated, not sampled from fixtures, so the benchmark runs anywhere; a
/// cycle of `distinctRecords` records is decoded repeatedly, which keeps memory small while
/// still exceeding the CPU caches. The lead passes the store's ingest as `aggregate` to measure
/// decode + aggregate together; `evscope bench ingest` exposes it.
public enum IngestBenchmark {
    /// Which event form a generated corpus uses.
    public enum Corpus: String, Sendable, CaseIterable {
        case envelope
        case cloudEventsStructured = "cloudevents-structured"
        case cloudEventsBinary = "cloudevents-binary"

        /// The format every record of this corpus must decode to.
        public var expectedFormat: EventFormat {
            switch self {
            case .envelope: return .envelope
            case .cloudEventsStructured: return .cloudEventsStructured
            case .cloudEventsBinary: return .cloudEventsBinary
            }
        }
    }

    /// The outcome of one run.
    public struct Measurement: Sendable, CustomStringConvertible {
        public let corpus: Corpus
        public let events: Int
        /// Wall-clock time of the timed loop.
        public let seconds: Double
        /// CPU time the calling thread spent in the timed loop: on a shared machine this is the
        /// fairer measure of per-core cost, as wall time also counts time the thread waited to run.
        public let cpuSeconds: Double
        /// Mean bytes per record (value plus header names and values), to check the ~250-byte target.
        public let averageRecordBytes: Int
        /// Events that decoded to the corpus's expected format with a type; equals `events` when decoding is right.
        public let correctlyDecoded: Int
        /// Whether each event was also encoded as a headless JSON line inside the timed loop.
        public let includesJSONLines: Bool

        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
        public var eventsPerCPUSecond: Double { cpuSeconds > 0 ? Double(events) / cpuSeconds : 0 }

        public var description: String {
            let rate = Int(eventsPerSecond.rounded())
            let cpuRate = Int(eventsPerCPUSecond.rounded())
            return "\(corpus.rawValue): \(rate) events/s wall, \(cpuRate) events/CPU-s (\(events) events, \(averageRecordBytes) B/record"
                + (includesJSONLines ? ", with JSON lines)" : ")")
        }
    }

    /// Decodes `events` records of a generated corpus on the calling thread and times it.
    ///
    /// - Parameters:
    ///   - distinctRecords: how many different records to generate and cycle through.
    ///   - encodeJSONLines: also encode each event with `EventJSONLine` (the headless path).
    ///   - aggregate: called with every decoded event inside the timed loop.
    public static func run(
        _ corpus: Corpus, events: Int = 1_000_000, distinctRecords: Int = 10_000, decoder: EventDecoder = EventDecoder(),
        encodeJSONLines: Bool = false, aggregate: (Event) -> Void = { _ in }
    ) -> Measurement {
        let records = self.records(corpus, count: max(1, distinctRecords))
        let totalBytes = records.reduce(0) { sum, record in
            sum + (record.value?.count ?? 0) + record.headers.reduce(0) { $0 + $1.name.utf8.count + ($1.value?.count ?? 0) }
        }
        let expected = corpus.expectedFormat
        var correct = 0
        var lines: [UInt8] = []
        lines.reserveCapacity(1 << 17)
        let cpuStart = BenchResources.threadCPUSeconds()
        let elapsed = ContinuousClock().measure {
            var index = 0
            for _ in 0..<events {
                let event = decoder.decode(records[index])
                if event.format == expected, event.type != nil { correct += 1 }
                if encodeJSONLines {
                    EventJSONLine.append(event, to: &lines)
                    if lines.count > 1 << 16 { lines.removeAll(keepingCapacity: true) }
                }
                aggregate(event)
                index += 1
                if index == records.count { index = 0 }
            }
        }
        let cpuSeconds = BenchResources.threadCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(
            corpus: corpus, events: events, seconds: seconds, cpuSeconds: cpuSeconds, averageRecordBytes: totalBytes / records.count,
            correctlyDecoded: correct, includesJSONLines: encodeJSONLines)
    }

    /// Generates `count` varied records of one form (types, ids, sources, times and trace headers vary).
    public static func records(_ corpus: Corpus, count: Int, seed: UInt64 = 0x5EED) -> [Record] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let kind = eventKinds[Int(random.next() % UInt64(eventKinds.count))]
            let time = Timestamp.format(ms: 1_714_564_800_000 + Int64(index) * 37)
            let id = uuid(&random)
            let user = "user-\(random.next() % 100_000)"
            let item = "item-\(random.next() % 10_000)"
            let quantity = random.next() % 5 + 1
            let data = "{\"userId\":\"\(user)\",\"itemId\":\"\(item)\",\"quantity\":\(quantity),\"cartId\":\"cart-\(random.next() % 50_000)\"}"
            let traceId = hex(&random, digits: 32)
            let spanId = hex(&random, digits: 16)
            let parentId = hex(&random, digits: 16)
            var headers: [RecordHeader] = []
            let value: String
            switch corpus {
            case .envelope:
                switch index % 4 {
                case 0, 1: headers.append(RecordHeader("traceparent", "00-\(traceId)-\(spanId)-01"))
                case 2: headers.append(RecordHeader("b3", "\(traceId)-\(spanId)-1-\(parentId)"))
                default: break
                }
                let correlation = index % 2 == 0 ? "\"correlationId\":\"\(uuid(&random))\"," : ""
                value =
                    "{\"eventType\":\"\(kind.type)\",\"id\":\"\(id)\",\"source\":\"\(kind.source)\",\"timestamp\":\"\(time)\","
                    + correlation + "\"payload\":\(data)}"
            case .cloudEventsStructured:
                headers.append(RecordHeader("content-type", "application/cloudevents+json; charset=UTF-8"))
                value =
                    "{\"specversion\":\"1.0\",\"type\":\"com.example.\(kind.type)\",\"source\":\"/\(kind.source)\",\"id\":\"\(id)\","
                    + "\"time\":\"\(time)\",\"traceparent\":\"00-\(traceId)-\(spanId)-01\",\"data\":\(data)}"
            case .cloudEventsBinary:
                headers = [
                    RecordHeader("ce_specversion", "1.0"), RecordHeader("ce_type", "com.example.\(kind.type)"),
                    RecordHeader("ce_source", "/\(kind.source)"), RecordHeader("ce_id", id), RecordHeader("ce_time", time),
                    RecordHeader("content-type", "application/json"),
                ]
                if index % 2 == 0 { headers.append(RecordHeader("ce_traceparent", "00-\(traceId)-\(spanId)-01")) }
                value = data
            }
            return Record(
                topic: kind.topic, partition: Int32(index % 12), offset: Int64(index), timestampMs: 1_714_564_800_000 + Int64(index),
                key: Array(user.utf8), headers: headers, value: Array(value.utf8))
        }
    }

    private static let eventKinds: [(type: String, source: String, topic: String)] = [
        ("ItemAddedToCart", "order-service", "orders"), ("CartUpdated", "cart-service", "carts"),
        ("RecommendationsGenerated", "recommendation-service", "recommendations"),
        ("OrderItemShipped", "shipping-service", "shipments"), ("CustomerCreated", "customer-service", "customer"),
        ("CustomerAddressUpdated", "customer-service", "customer"), ("CustomerDeactivated", "customer-service", "customer"),
        ("PaymentAuthorized", "payment-service", "payments"),
    ]

    private static func uuid(_ random: inout SplitMix64) -> String {
        let digits = Array(hex(&random, digits: 32))
        return String(digits[0..<8]) + "-" + String(digits[8..<12]) + "-" + String(digits[12..<16]) + "-"
            + String(digits[16..<20]) + "-" + String(digits[20..<32])
    }

    private static func hex(_ random: inout SplitMix64, digits: Int) -> String {
        var text = ""
        while text.count < digits {
            let chunk = String(random.next(), radix: 16)
            text += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return String(text.prefix(digits))
    }
}
