import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Generates many-entity envelope records cheaply (bytes written directly, no string
/// formatting), for the memory and render benchmarks.
///
/// Record `n` is on topic `n % topics`, of type `n % types`, from service `svc-(n % services)`
/// (principal `User:svc-…`), in trace `n / hopsPerTrace` with its own span: consecutive hops
/// of a trace arrive together, as a cascade does. About 250 bytes of value per record.
/// Principals come from audit decisions only, so `writeDecision(_:)` gives the allowed write
/// that authenticates each service.
public struct BenchSyntheticRecords {
    public let topics: Int
    public let types: Int
    public let services: Int
    public let hopsPerTrace: Int
    private let topicNames: [String]
    private static let baseMs: Int64 = 1_714_564_800_000

    public init(topics: Int, types: Int, services: Int, hopsPerTrace: Int) {
        self.topics = max(1, topics)
        self.types = max(1, types)
        self.services = max(1, services)
        self.hopsPerTrace = max(1, hopsPerTrace)
        topicNames = (0..<self.topics).map { "bench.topic-\($0)" }
    }

    /// The `n`th allowed write: principal `User:svc-(n % services)` on topic `n % topics`.
    public func writeDecision(_ n: Int) -> Decision {
        Decision(
            timeMs: Self.baseMs + Int64(n / 100), principal: "User:svc-\(n % services)", operation: "WRITE", resourceType: "TOPIC",
            resourceName: topicNames[n % topics], granted: true, method: "kafka.Produce", format: .confluent)
    }

    /// The `n`th record.
    public func record(_ n: Int) -> Record {
        var value: [UInt8] = []
        value.reserveCapacity(288)
        Self.append("{\"eventType\":\"BenchEvent", to: &value)
        Self.appendDecimal(UInt64(n % types), to: &value)
        Self.append("\",\"id\":\"", to: &value)
        Self.appendHex(UInt64(n) &+ 1, digits: 32, to: &value)
        Self.append("\",\"source\":\"svc-", to: &value)
        Self.appendDecimal(UInt64(n % services), to: &value)
        Self.append("\",\"timestamp\":", to: &value)
        Self.appendDecimal(UInt64(Self.baseMs) &+ UInt64(n / 100), to: &value)
        Self.append(",\"payload\":{\"orderId\":\"ord-", to: &value)
        Self.appendHex(UInt64(n) &* 0x9E37_79B9, digits: 12, to: &value)
        Self.append("\",\"customerId\":\"cust-", to: &value)
        Self.appendDecimal(UInt64(n % 100_003), to: &value)
        Self.append("\",\"itemId\":\"sku-", to: &value)
        Self.appendDecimal(UInt64(n % 977), to: &value)
        Self.append("\",\"quantity\":", to: &value)
        Self.appendDecimal(UInt64(n % 5 + 1), to: &value)
        Self.append(",\"currency\":\"EUR\",\"channel\":\"web\",\"note\":\"synthetic benchmark event\"}}", to: &value)
        var traceparent: [UInt8] = []
        traceparent.reserveCapacity(55)
        Self.append("00-", to: &traceparent)
        Self.appendHex(0x4bf9_2f35_77b3_4da6, digits: 16, to: &traceparent)
        Self.appendHex(UInt64(n / hopsPerTrace) &+ 1, digits: 16, to: &traceparent)
        traceparent.append(UInt8(ascii: "-"))
        Self.appendHex(UInt64(n) &+ 1, digits: 16, to: &traceparent)
        Self.append("-01", to: &traceparent)
        return Record(
            topic: topicNames[n % topics], partition: Int32(n % 12), offset: Int64(n), timestampMs: Self.baseMs + Int64(n / 100),
            headers: [RecordHeader(name: "traceparent", value: traceparent)], value: value)
    }

    private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static func appendDecimal(_ number: UInt64, to bytes: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    private static func appendHex(_ number: UInt64, digits: Int, to bytes: inout [UInt8]) {
        for position in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = position < 16 ? UInt8((number >> UInt64(position * 4)) & 0xF) : 0
            bytes.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
    }
}
