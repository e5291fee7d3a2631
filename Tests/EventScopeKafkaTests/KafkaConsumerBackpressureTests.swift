import EventScopeCore
import EventScopeKafka
import Foundation
import Synchronization
import Testing

@Suite("KafkaConsumer backpressure")
struct KafkaConsumerBackpressureTests {
    @Test("while the application is backed up nothing is delivered; afterwards everything is")
    func backedUpConsumerHoldsRecordsUntilReleased() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("events", partitions: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<20 { producer.produce(topic: "events", key: nil, value: Array("event \(index)".utf8)) }
        #expect(producer.flush())

        let backedUp = Atomic<Bool>(true)
        let asked = Atomic<Int>(0)
        let collector = Collector()
        var options = KafkaConsumer.Options(exitAtEnd: true)
        options.isBackedUp = {
            asked.add(1, ordering: .relaxed)
            return backedUp.load(ordering: .relaxed)
        }
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["events"], start: .beginning, options: options,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        #expect(collector.waitUntil(timeoutSeconds: 5) { _ in asked.load(ordering: .relaxed) > 50 })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(collector.records.isEmpty)

        backedUp.store(false, ordering: .relaxed)
        consumer.waitUntilFinished()
        #expect(collector.records.map(\.offset) == Array(0..<20))
    }
}
