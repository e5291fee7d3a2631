import CRdKafka

/// An in-process Kafka cluster speaking the real protocol on loopback, for the demo and tests.
///
/// Backed by librdkafka's mock cluster. It keeps only the newest ~5 MiB or 100k batches per
/// partition and silently drops older data, so large volumes need many partitions.
public final class MockCluster: @unchecked Sendable {
    /// The `host:port,...` list clients (ours, kcat) connect to.
    public let bootstrapServers: String
    public let brokerCount: Int
    private let host: ClientHandle
    private let cluster: OpaquePointer

    /// Starts a cluster with `brokers` brokers (ids 1...brokers).
    ///
    /// - Parameter status: receives the host handle's log lines, which would otherwise go to stderr.
    /// - Throws: `KafkaError.clientCreationFailed` when librdkafka cannot start it.
    public init(brokers: Int = 3, status: @escaping @Sendable (KafkaSourceStatus) -> Void = { _ in }) throws {
        host = try ClientHandle(consumer: false, config: KafkaConfig(), context: ClientContext(report: status))
        guard let cluster = rd_kafka_mock_cluster_new(host.pointer, Int32(max(1, brokers))) else {
            throw KafkaError.clientCreationFailed("cannot start the mock cluster")
        }
        self.cluster = cluster
        brokerCount = max(1, brokers)
        bootstrapServers = rd_kafka_mock_cluster_bootstraps(cluster).map { String(cString: $0) } ?? ""
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }

    /// Creates a topic; topics first used without this get the mock's default partition count.
    ///
    /// - Throws: `KafkaError.clientCreationFailed` with librdkafka's reason.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws {
        let code = rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(replicationFactor))
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.clientCreationFailed("cannot create topic \(name): \(errorText(code))")
        }
    }

    /// Takes a broker down (its partitions pause, clients see transport errors) or brings it back.
    public func setBroker(_ id: Int32, up: Bool) {
        if up {
            _ = rd_kafka_mock_broker_set_up(cluster, id)
        } else {
            _ = rd_kafka_mock_broker_set_down(cluster, id)
        }
    }

    /// Makes the next requests of one API (Produce = 0, Fetch = 1) fail with these Kafka error
    /// codes, one per request, in order (e.g. 29 = topic authorization failed).
    public func pushRequestErrors(apiKey: Int16, errors: [Int32]) {
        let codes = errors.map { rd_kafka_resp_err_t($0) }
        codes.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, apiKey, buffer.count, buffer.baseAddress)
        }
    }
}
