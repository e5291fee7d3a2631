import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("Broker health")
struct BrokerHealthTests {
    private static func latestBrokers(_ collector: Collector) -> [BrokerState]? {
        for status in collector.statuses.reversed() {
            if case .brokers(let states) = status { return states }
        }
        return nil
    }

    @Test("every broker is reported up, one going down is reported down, and up again after")
    func brokerStatesFollowTheCluster() throws {
        let cluster = try MockCluster(brokers: 3)
        try cluster.createTopic("orders", partitions: 3)
        let collector = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["orders"], start: .beginning,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        defer { consumer.stop() }

        #expect(collector.waitUntil(timeoutSeconds: 10) { Self.latestBrokers($0).map { $0.count == 3 && $0.allSatisfy(\.isUp) } ?? false })
        cluster.setBroker(2, up: false)
        #expect(collector.waitUntil(timeoutSeconds: 10) { Self.latestBrokers($0).map { $0.filter { !$0.isUp }.count == 1 } ?? false })
        cluster.setBroker(2, up: true)
        #expect(collector.waitUntil(timeoutSeconds: 15) { Self.latestBrokers($0).map { $0.count == 3 && $0.allSatisfy(\.isUp) } ?? false })
    }
}
