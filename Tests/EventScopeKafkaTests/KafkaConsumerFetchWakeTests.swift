import EventScopeCore
import EventScopeKafka
import Foundation
import Synchronization
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

@Suite("KafkaConsumer lending")
struct KafkaConsumerLendingTests {
    /// `extraHeaders` more headers on most records and batches of at most `maxBatch` records:
    /// with many headers per record the lender's header storage grows in the middle of a batch,
    /// and the views built before must follow their headers.
    @Test(
        "records lent as views carry what the copies carry: topic, partition, offset, time, value, headers",
        arguments: [(0, 10_000), (12, 50)])
    func viewsMatchCopies(extraHeaders: Int, maxBatch: Int) throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("lent", partitions: 3)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<300 {
            let extra = (0..<extraHeaders).map { RecordHeader("x-extra-\($0)", "value \(index) \($0)") }
            let headers =
                index % 3 == 0
                ? []
                : [
                    RecordHeader("traceparent", "00-\(String(repeating: "a", count: 31))\(index % 10)-00f067aa0ba902b7-01"),
                    RecordHeader(name: "empty", value: index % 2 == 0 ? nil : []),
                ] + extra
            producer.produce(topic: "lent", key: Array("k\(index)".utf8), value: index % 50 == 0 ? nil : Array("value \(index)".utf8), headers: headers)
        }
        #expect(producer.flush())

        let copies = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["lent"]).records
        let lent = Collector()
        var options = KafkaConsumer.Options(exitAtEnd: true)
        options.maxBatchSize = maxBatch
        // Small batches are split too, so the consumer thread's share is exercised.
        options.consumerShareMinimumBatch = 10
        let lanes = Mutex<Set<Int>>([])
        options.borrowingSink = { views, lane in
            lanes.withLock { _ = $0.insert(lane) }
            // Copy the views while they are valid, to compare after the consumer is done.
            let copies = views.map { view in
                Record(
                    topic: view.topic, partition: view.partition, offset: view.offset, timestampMs: view.timestampMs,
                    headers: view.headers.map { RecordHeader(name: String(decoding: $0.name, as: UTF8.self), value: $0.value.map(Array.init)) },
                    value: view.value.map(Array.init))
            }
            return { lent.add(copies) }
        }
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["lent"], start: .beginning, options: options,
            status: { _ in }, sink: { _ in Issue.record("the copying sink must not be called when lending") })
        try consumer.start()
        consumer.waitUntilFinished()

        func key(_ record: Record) -> String { "\(record.partition)/\(record.offset)" }
        let lentByKey = Dictionary(uniqueKeysWithValues: lent.records.map { (key($0), $0) })
        #expect(copies.count == 300)
        #expect(lentByKey.count == 300)
        for copy in copies {
            let view = lentByKey[key(copy)]
            #expect(view?.topic == copy.topic)
            #expect(view?.timestampMs == copy.timestampMs)
            #expect(view?.value == copy.value)
            #expect(view?.headers == copy.headers)
        }
        #expect(lanes.withLock { $0 } == [0, 1])
        // Parts processed on two threads at once are still published in the order taken.
        var lastOffset: [Int32: Int64] = [:]
        for record in lent.records {
            #expect(record.offset > lastOffset[record.partition, default: -1])
            lastOffset[record.partition] = record.offset
        }
    }
}
