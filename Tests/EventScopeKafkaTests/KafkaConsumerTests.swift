import EventScopeCore
@testable import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConsumer against a mock cluster")
struct KafkaConsumerTests {
    @Test("records produced by kcat arrive exactly: keys, values, headers, offsets")
    func kcatRecordsArriveExactly() throws {
        let cluster = try MockCluster(brokers: 3)
        try cluster.createTopic("orders", partitions: 1)
        let produced = try runKcat(
            ["-P", "-b", cluster.bootstrapServers, "-t", "orders", "-K", ":",
             "-H", "traceparent=00-aa-bb-01", "-H", "causation=first", "-H", "causation=second", "-H", "flag"],
            input: "k1:{\"n\":1}\nk2:{\"n\":2}\n:{\"n\":3}\n")
        #expect(produced.status == 0)
        let collector = try consumeToEnd(bootstrap: cluster.bootstrapServers, topics: ["orders"])
        let records = collector.records
        for r in records { print(r) }
        #expect(records.map(\.offset) == [0, 1, 2])
    }
}
