import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConsumer partition cap")
struct KafkaConsumerPartitionCapTests {
    @Test("whole topics are read in name order up to the cap; the rest are counted and reported")
    func capSkipsWholeTopicsAndSaysSo() throws {
        let cluster = try MockCluster(brokers: 1)
        for (topic, partitions) in [("cap-a", 3), ("cap-b", 3), ("cap-c", 2)] {
            try cluster.createTopic(topic, partitions: partitions)
        }
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for topic in ["cap-a", "cap-b", "cap-c"] {
            for index in 0..<30 { producer.produce(topic: topic, key: Array("k\(index)".utf8), value: Array("\(topic) \(index)".utf8)) }
        }
        #expect(producer.flush())

        let collector = Collector()
        var options = KafkaConsumer.Options(exitAtEnd: true)
        options.maxPartitions = 5
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["^cap-.*"], start: .beginning, options: options,
            status: { collector.add($0) }, sink: { collector.add($0) })
        let assigned = try consumer.connect()
        try consumer.start()
        consumer.waitUntilFinished()

        #expect(Set(assigned.map(\.topic)) == ["cap-a", "cap-c"])
        #expect(assigned.count == 5)
        #expect(collector.statuses.contains(.partitionsOverCap(unwatched: 3, cap: 5)))
        #expect(Set(collector.records.map(\.topic)) == ["cap-a", "cap-c"])
        #expect(collector.records.count == 60)
    }
}
