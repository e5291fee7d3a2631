import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConsumer requests on the wire")
struct KafkaConsumerRequestTests {
    /// Requests of consumer group membership and offset storage (Kafka API keys 10, 9, 11, 14,
    /// 12, 13 and 8). On a cluster with ACLs each one can be denied and audited, so a read-only
    /// monitor must send none of them.
    private static let groupRequests = [
        "FindCoordinator", "OffsetFetch", "JoinGroup", "SyncGroup", "Heartbeat", "LeaveGroup", "OffsetCommit",
    ]

    /// Counts the requests the consumer sent, by name, from librdkafka's protocol debug lines
    /// ("Sent FetchRequest (v11, ...)").
    private static func requestCounts(in statuses: [KafkaSourceStatus]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for case .log(_, let message) in statuses {
            guard let sent = message.range(of: "Sent "),
                let name = message[sent.upperBound...].split(separator: " ").first,
                name.hasSuffix("Request")
            else { continue }
            counts[String(name.dropLast("Request".count)), default: 0] += 1
        }
        return counts
    }

    @Test(
        "consuming sends metadata, list-offsets and fetch requests but no group request, even with a group.id given",
        arguments: [(StartPosition.beginning, nil), (.end, nil), (.beginning, "someone-elses-group")])
    func noGroupRequests(start: StartPosition, userGroup: String?) throws {
        let cluster = try MockCluster(brokers: 2)
        try cluster.createTopic("audit", partitions: 3)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<30 { producer.produce(topic: "audit", key: nil, value: Array("record \(index)".utf8)) }
        #expect(producer.flush())

        var config = KafkaConfig()
        config.set("debug", "protocol")
        if let userGroup { config.set("group.id", userGroup) }
        let collector = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["audit"], config: config, start: start,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        #expect(collector.waitUntil { $0.statuses.contains(.reachedEnd) })
        // A group member would look up its coordinator, heartbeat or commit within this second.
        Thread.sleep(forTimeInterval: 1)
        consumer.stop()

        #expect(collector.records.count == (start == .beginning ? 30 : 0))
        let counts = Self.requestCounts(in: collector.statuses)
        #expect(counts["Metadata", default: 0] > 0, "no protocol debug lines captured: \(counts)")
        #expect(counts["ListOffsets", default: 0] > 0, "\(counts)")
        #expect(counts["Fetch", default: 0] > 0, "\(counts)")
        for name in Self.groupRequests {
            #expect(counts[name] == nil, "\(name) requests sent: \(counts)")
        }
    }

    @Test("lag is reported from the consumer's own position against the high watermark")
    func lagFromPosition() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("lagging", partitions: 2)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<40 {
            producer.produce(topic: "lagging", partition: Int32(index % 2), key: nil, value: Array("r\(index)".utf8))
        }
        #expect(producer.flush())

        let collector = Collector()
        var options = KafkaConsumer.Options()
        options.lagIntervalMs = 50
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["lagging"], start: .beginning, options: options,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        let caughtUp = collector.waitUntil { collector in
            collector.statuses.contains { status in
                guard case .lag(let lags) = status else { return false }
                return lags.count == 2 && lags.allSatisfy { $0.highWatermark == 20 && $0.lag == 0 }
            }
        }
        consumer.stop()

        #expect(collector.records.count == 40)
        let lags = collector.statuses.compactMap { status -> [PartitionLag]? in
            if case .lag(let lags) = status { return lags }
            return nil
        }
        #expect(caughtUp, "last lag reports: \(lags.suffix(2))")
    }
}
