import CRdKafka

/// Reports which brokers are up, from a second, idle librdkafka handle's statistics.
///
/// librdkafka's statistics are the only public source of per-broker connection states, but a
/// consumer's statistics also carry ~750 bytes for every assigned partition, rebuilt every
/// second: with 8,000 partitions the dashboard peaked at 193 MB with statistics on its consumer
/// and 137 MB without (Tests/e2e/flood.sh, 2,000 topics). This handle has no partitions, so its
/// statistics stay small, and it keeps a connection to every broker
/// (`enable.sparse.connections=false`), so each broker's state is known without waiting for
/// the consumer to need it. It uses the same security settings as the consumer, sends no
/// requests of its own beyond metadata, and reports only broker states (its own errors and
/// logs would repeat the consumer's).
final class BrokerHealthProbe: @unchecked Sendable {
    private let handle: ClientHandle

    init(bootstrapServers: String, config: KafkaConfig, report: @escaping @Sendable (KafkaSourceStatus) -> Void) throws {
        handle = try ClientHandle(
            consumer: false, config: config,
            defaults: [("bootstrap.servers", bootstrapServers), ("client.id", "evscope-health")],
            overrides: [("statistics.interval.ms", "1000"), ("enable.sparse.connections", "false")],
            context: ClientContext(report: { status in
                if case .brokers = status { report(status) }
            }),
            statistics: true)
    }

    /// Serves the statistics callback; call it regularly from one thread.
    func poll() {
        rd_kafka_poll(handle.pointer, 0)
    }
}
