import Testing

@testable import EventScopeKafka

@Suite("BrokerStatistics")
struct BrokerStatisticsTests {
    /// Statistics shaped like librdkafka 2.0.2's: top-level counters, `brokers` (with a bootstrap
    /// placeholder, the group coordinator and nested `req`/`toppars`), then a large `topics`.
    static func statistics(partitions: Int = 3) -> String {
        let toppars = (0..<partitions).map { #""t-\#($0)":{"topic":"t","partition":\#($0)}"# }.joined(separator: ",")
        let topics = (0..<partitions).map { #""\#($0)":{"partition":\#($0),"broker":1,"fetch_state":"active","msgs":0,"state":"DOWN","nodeid":7}"# }
            .joined(separator: ",")
        return """
            { "name": "rdkafka#consumer-1", "client_id": "ev\\"scope {\\"brokers\\":{", "type": "consumer", "ts":1, "msg_cnt":0,
              "brokers":{ "127.0.0.1:9092/bootstrap": { "name":"x", "nodeid":-1, "state":"UP", "req": {"Fetch":0} },
                "127.0.0.1:9093/2": { "name":"127.0.0.1:9093/2", "nodeid":2, "nodename":"127.0.0.1:9093", "state":"DOWN",
                  "int_latency": {"min":0,"p99":[1,2]}, "toppars":{} },
                "127.0.0.1:9092/1": { "nodeid":1, "state":"UP", "toppars":{\(toppars)}, "note":"a } ] \\" brace" },
                "GroupCoordinator": { "nodeid":1, "state":"UP" } },
              "topics":{ "t": { "topic":"t", "partitions":{\(topics)} } }, "cgrp": { "state":"up" } }
            """
    }

    private func states(_ text: String) -> [BrokerState]? {
        var text = text
        return text.withUTF8 { BrokerStatistics.states(in: UnsafeRawBufferPointer($0)) }
    }

    @Test("reads each cluster broker's state and nothing from the partitions after it")
    func readsBrokers() {
        #expect(
            states(Self.statistics()) == [
                BrokerState(name: "127.0.0.1:9092/1", isUp: true),
                BrokerState(name: "127.0.0.1:9093/2", isUp: false),
            ])
    }

    @Test("thousands of partitions are skipped, not parsed")
    func manyPartitions() {
        #expect(states(Self.statistics(partitions: 20_000))?.count == 2)
    }

    @Test("an empty brokers object is no brokers; JSON without one is nil")
    func emptyAndMissing() {
        #expect(states(#"{"name":"x","brokers":{},"topics":{}}"#) == [])
        #expect(states(#"{"name":"x","topics":{"brokers":{"a/1":{"nodeid":1,"state":"UP"}}}}"#) == nil)
        #expect(states("") == nil)
        #expect(states("[]") == nil)
    }

    @Test("every truncation and corruption of the statistics is read without trapping")
    func truncatedAndCorrupted() {
        let full = Array(Self.statistics().utf8)
        for cut in 0..<full.count {
            let result = full[0..<cut].withUnsafeBytes { BrokerStatistics.states(in: $0) }
            if let result { #expect(result.count <= 2, "cut at \(cut)") }
        }
        var corrupted = full
        for index in stride(from: 0, to: corrupted.count, by: 3) {
            let saved = corrupted[index]
            corrupted[index] = UInt8(ascii: "\"")
            _ = corrupted.withUnsafeBytes { BrokerStatistics.states(in: $0) }
            corrupted[index] = saved
        }
    }
}
