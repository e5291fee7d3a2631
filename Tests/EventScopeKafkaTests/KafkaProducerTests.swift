import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaProducer and MockCluster")
struct KafkaProducerTests {
    @Test("records produced by us are read back by kcat with keys, values and headers")
    func kcatReadsWhatWeProduce() throws {
        let cluster = try MockCluster(brokers: 2)
        try cluster.createTopic("audit", partitions: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        #expect(
            producer.produce(
                topic: "audit", key: Array("k".utf8), value: Array("v1".utf8),
                headers: [RecordHeader("h", "1"), RecordHeader("h", "2")]))
        #expect(producer.produce(topic: "audit", key: nil, value: Array("v2".utf8)))
        #expect(producer.flush())
        #expect(producer.deliveredCount == 2)
        #expect(producer.failedCount == 0)

        let read = try runKcat([
            "-C", "-b", cluster.bootstrapServers, "-t", "audit", "-e", "-q",
            "-f", "%o|%k|%s|%h\n",
        ])

        #expect(read.output == "0|k|v1|h=1,h=2\n1||v2|\n")
    }

    @Test("a Produce refused with error 29 is counted as failed, not delivered")
    func produceAuthorizationFailure() throws {
        let cluster = try MockCluster(brokers: 1)
        try cluster.createTopic("shipping", partitions: 1)
        let producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        // Warm up the connection so the injected errors hit our produce requests.
        producer.produce(topic: "shipping", key: nil, value: Array("ok".utf8))
        #expect(producer.flush())
        cluster.pushRequestErrors(apiKey: 0, errors: [29, 29, 29, 29, 29])

        producer.produce(topic: "shipping", key: nil, value: Array("denied".utf8))
        producer.flush()

        #expect(producer.deliveredCount == 1)
        #expect(producer.failedCount == 1)
        #expect(producer.lastFailure?.lowercased().contains("authoriz") == true)
    }

    @Test("the mock cluster advertises one loopback address per broker")
    func bootstrapList() throws {
        let cluster = try MockCluster(brokers: 3)
        let addresses = cluster.bootstrapServers.split(separator: ",")
        #expect(addresses.count == 3)
        #expect(addresses.allSatisfy { $0.hasPrefix("127.0.0.1:") })
    }
}
