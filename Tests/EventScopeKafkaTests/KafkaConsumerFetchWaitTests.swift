import EventScopeCore
import Testing

@testable import EventScopeKafka

@Suite("KafkaConsumer fetch wait")
struct KafkaConsumerFetchWaitTests {
    private func fetchWait(exitAtEnd: Bool, config: KafkaConfig = KafkaConfig()) throws -> String? {
        let consumer = try KafkaConsumer(
            bootstrapServers: "127.0.0.1:1", topics: ["t"], config: config, options: KafkaConsumer.Options(exitAtEnd: exitAtEnd),
            status: { _ in }, sink: { _ in })
        return consumer.configValue("fetch.wait.max.ms")
    }

    @Test("a run that exits at the end has brokers answer empty fetches within 10 ms; a live one within 100 ms")
    func endRunsWaitLess() throws {
        #expect(try fetchWait(exitAtEnd: true) == "10")
        #expect(try fetchWait(exitAtEnd: false) == "100")
    }

    @Test("a fetch wait the user sets wins over both")
    func userSettingWins() throws {
        var config = KafkaConfig()
        config.set("fetch.wait.max.ms", "250")
        #expect(try fetchWait(exitAtEnd: true, config: config) == "250")
        #expect(try fetchWait(exitAtEnd: false, config: config) == "250")
    }
}
