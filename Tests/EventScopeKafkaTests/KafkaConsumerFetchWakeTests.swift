import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConsumer fetch wake-ups")
struct KafkaConsumerFetchWakeTests {
    /// Produces `count` records of `size` bytes spread over the topic's partitions.
    private func fill(_ cluster: MockCluster, topic: String, count: Int, size: Int) throws {
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<count {
            var value = Array("record \(index) ".utf8)
            value += [UInt8](repeating: UInt8(ascii: "x"), count: max(0, size - value.count))
            producer.produce(topic: topic, key: Array("key-\(index)".utf8), value: value)
            if index % 1_000 == 0 { producer.poll() }
        }
        #expect(producer.flush(timeoutMs: 30_000))
    }

    private func consume(_ cluster: MockCluster, topic: String, config: KafkaConfig) throws -> (records: [Record], wakeups: Int) {
        let collector = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: [topic], config: config, start: .beginning,
            options: KafkaConsumer.Options(exitAtEnd: true), status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        consumer.waitUntilFinished()
        return (collector.records, consumer.fetchWakeups)
    }

    @Test("a backlog far over librdkafka's queue limit is read whole, once, with wake-ups sent")
    func backlogOverQueueLimit() throws {
        let cluster = try MockCluster(brokers: 2)
        try cluster.createTopic("backlog", partitions: 4)
        try fill(cluster, topic: "backlog", count: 8_000, size: 1_000)
        var config = KafkaConfig()
        config.set("queued.max.messages.kbytes", "256")
        let (records, wakeups) = try consume(cluster, topic: "backlog", config: config)

        #expect(records.count == 8_000)
        for partition in Set(records.map(\.partition)) {
            let offsets = records.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)), "partition \(partition) has gaps or repeats")
        }
        #expect(wakeups > 0)
    }

    @Test("a trickle well under the queue limit sends no wake-up requests")
    func trickleSendsNothing() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("trickle", partitions: 2)
        try fill(cluster, topic: "trickle", count: 20, size: 100)
        let (records, wakeups) = try consume(cluster, topic: "trickle", config: KafkaConfig())

        #expect(records.count == 20)
        #expect(wakeups == 0)
    }
}
