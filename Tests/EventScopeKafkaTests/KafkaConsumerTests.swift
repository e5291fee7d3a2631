import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConsumer against a mock cluster")
struct KafkaConsumerTests {
    @Test("records produced by kcat arrive exactly: keys, values, headers in order, offsets")
    func kcatRecordsArriveExactly() throws {
        let cluster = try MockCluster(brokers: 3)
        try cluster.createTopic("orders", partitions: 1)
        let produced = try runKcat(
            [
                "-P", "-b", cluster.bootstrapServers, "-t", "orders", "-K", ":",
                "-H", "traceparent=00-aa-bb-01", "-H", "causation=first", "-H", "causation=second", "-H", "flag",
            ],
            input: "k1:{\"n\":1}\nk2:{\"n\":2}\n:{\"n\":3}\n")
        #expect(produced.status == 0)

        let records = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["orders"]).records

        #expect(records.map(\.offset) == [0, 1, 2])
        #expect(records.map(\.topic) == ["orders", "orders", "orders"])
        #expect(records.map { $0.key?.text } == ["k1", "k2", ""])
        #expect(records.map { $0.value?.text } == ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"])
        let expectedHeaders = [
            RecordHeader("traceparent", "00-aa-bb-01"), RecordHeader("causation", "first"),
            RecordHeader("causation", "second"), RecordHeader(name: "flag", value: nil),
        ]
        for record in records {
            #expect(record.headers == expectedHeaders)
            #expect(record.timestampMs != nil)
        }
    }

    @Test("a ^regex selects matching topics only; a bad pattern is a clear error")
    func regexSelection() throws {
        let cluster = try MockCluster(brokers: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for topic in ["orders.eu", "orders.us", "customers"] {
            try cluster.createTopic(topic, partitions: 2)
            producer.produce(topic: topic, partition: 0, key: nil, value: Array(topic.utf8))
        }
        #expect(producer.flush())

        let collector = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["^orders\\."])

        #expect(Set(collector.records.map(\.topic)) == ["orders.eu", "orders.us"])
        #expect(collector.records.count == 2)
        #expect(
            collector.statuses.contains(
                .assigned(partitions: [
                    TopicPartition(topic: "orders.eu", partition: 0), TopicPartition(topic: "orders.eu", partition: 1),
                    TopicPartition(topic: "orders.us", partition: 0), TopicPartition(topic: "orders.us", partition: 1),
                ])))
        #expect(throws: KafkaError.invalidTopicPattern("\"^(orders\" is not a valid regular expression")) {
            _ = try KafkaConsumer(
                bootstrapServers: cluster.bootstrapServers, topics: ["^(orders"],
                status: { _ in }, sink: { _ in })
        }
    }

    @Test("start at end skips existing records and delivers only new ones")
    func startAtEnd() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("events", partitions: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        for index in 0..<3 { producer.produce(topic: "events", key: nil, value: Array("old \(index)".utf8)) }
        #expect(producer.flush())

        let fromBeginning = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["events"], start: .beginning)
        #expect(fromBeginning.records.map(\.offset) == [0, 1, 2])
        let fromEndAtEnd = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["events"], start: .end)
        #expect(fromEndAtEnd.records.isEmpty)

        let live = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["events"], start: .end,
            status: { live.add($0) }, sink: { live.add($0) })
        try consumer.start()
        #expect(live.waitUntil { $0.statuses.contains(.reachedEnd) })
        for index in 0..<2 { producer.produce(topic: "events", key: nil, value: Array("new \(index)".utf8)) }
        #expect(producer.flush())
        #expect(live.waitUntil { $0.records.count >= 2 })
        consumer.stop()
        #expect(live.records.map { $0.value?.text } == ["new 0", "new 1"])
        #expect(live.records.map(\.offset) == [3, 4])
    }

    /// librdkafka 2.0.2's mock cluster answers every time lookup with "no such offset", so this
    /// checks that we agree with an independent client (kcat `-o s@`) on the same cluster.
    @Test("a start timestamp positions like kcat -o s@ does")
    func startAtTimestampAgreesWithKcat() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("timed", partitions: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        let baseMs: Int64 = 1_767_225_600_000
        for index in 0..<4 {
            producer.produce(
                topic: "timed", key: nil, value: Array("t\(index)".utf8),
                timestampMs: baseMs + Int64(index) * 60_000)
        }
        #expect(producer.flush())
        let startMs = baseMs + 90_000

        let kcat = try runKcat([
            "-C", "-b", cluster.bootstrapServers, "-t", "timed", "-o", "s@\(startMs)",
            "-e", "-f", "%T %s\n",
        ])
        let ours = try consumeToEnd(
            bootstrap: cluster.bootstrapServers, topics: ["timed"],
            start: .time(epochMs: startMs))
        let relative = try consumeToEnd(
            bootstrap: cluster.bootstrapServers, topics: ["timed"],
            start: .ago(ms: 15 * 60_000))

        #expect(kcat.status == 0)
        let oursText = ours.records.map { "\($0.timestampMs ?? -1) \($0.value?.text ?? "")\n" }.joined()
        #expect(oursText == kcat.output)
        #expect(ours.statuses.contains(.reachedEnd))
        #expect(relative.statuses.contains(.reachedEnd))
        let all = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["timed"])
        #expect(all.records.map(\.timestampMs) == (0..<4).map { baseMs + Int64($0) * 60_000 })
    }

    @Test("an unreachable bootstrap makes connect throw a one-line error naming it, in time")
    func unreachableBootstrap() throws {
        let consumer = try KafkaConsumer(
            bootstrapServers: "127.0.0.1:1", topics: ["orders"],
            status: { _ in }, sink: { _ in })
        let started = Date()
        do {
            try consumer.connect(timeoutMs: 2_000)
            Issue.record("connect to 127.0.0.1:1 succeeded")
        } catch let error as KafkaError {
            guard case .cannotConnect(let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.hasPrefix("cannot reach brokers 127.0.0.1:1: "))
            #expect(message.hasSuffix("(timeout 2s)"))
            #expect(!message.contains("\n"))
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a broker going down and up during consumption loses and duplicates nothing")
    func brokerOutageLosesNothing() throws {
        let cluster = try MockCluster(brokers: 3)
        try cluster.createTopic("payments", partitions: 6)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        let collector = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["payments"], start: .beginning,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.start()
        for index in 0..<300 { producer.produce(topic: "payments", key: Array("k\(index)".utf8), value: Array("a\(index)".utf8)) }
        #expect(producer.flush())

        cluster.setBroker(2, up: false)
        for index in 0..<300 { producer.produce(topic: "payments", key: Array("k\(index)".utf8), value: Array("b\(index)".utf8)) }
        let outageShown = collector.waitUntil(timeoutSeconds: 5) { $0.statuses.contains(where: Self.showsOutage) }
        cluster.setBroker(2, up: true)
        #expect(outageShown)
        #expect(producer.flush(timeoutMs: 20_000))
        #expect(producer.deliveredCount == 600)

        #expect(collector.waitUntil(timeoutSeconds: 20) { $0.records.count >= 600 })
        Thread.sleep(forTimeInterval: 0.3)  // Anything duplicated would arrive now.
        consumer.stop()
        let records = collector.records
        #expect(records.count == 600)
        #expect(Set(records.map { "\($0.partition)/\($0.offset)" }).count == 600)
        #expect(Set(records.compactMap { $0.value?.text }).count == 600)
    }

    private static func showsOutage(_ status: KafkaSourceStatus) -> Bool {
        switch status {
        case .transportError, .allBrokersDown: return true
        case .brokers(let states): return states.contains { !$0.isUp }
        default: return false
        }
    }

    @Test("a Fetch refused with error 29 is reported as an authorization denial")
    func fetchAuthorizationDenied() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("secrets", partitions: 1)
        let collector = Collector()
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, topics: ["secrets"], start: .beginning,
            status: { collector.add($0) }, sink: { collector.add($0) })
        try consumer.connect()
        cluster.pushRequestErrors(apiKey: 1, errors: [29, 29, 29])
        try consumer.start()
        let denied = collector.waitUntil { collector in
            collector.statuses.contains {
                if case .authorizationDenied(topic: "secrets", partition: 0, message: _) = $0 { return true }
                return false
            }
        }
        consumer.stop()
        #expect(denied)
    }
}
