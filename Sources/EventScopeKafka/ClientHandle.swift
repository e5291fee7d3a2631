import CRdKafka

/// Owns one librdkafka client handle together with the callback context it points into.
///
/// librdkafka may call back until `rd_kafka_destroy` returns, so the context is released
/// only after the handle is destroyed.
final class ClientHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: ClientContext

    /// Creates a producer or consumer handle with quiet callbacks and the given properties.
    ///
    /// - Parameters:
    ///   - defaults: properties set before the user's, so `-X` can override them.
    ///   - overrides: properties set after the user's, because the monitor depends on them.
    init(
        consumer: Bool, config: KafkaConfig, defaults: [(String, String)] = [],
        overrides: [(String, String)] = [], context: ClientContext,
        statistics: Bool = false, deliveryReports: Bool = false
    ) throws {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError.clientCreationFailed("cannot allocate a configuration")
        }
        do {
            for (key, value) in defaults { try KafkaConfig.set(key, value, on: conf) }
            try config.apply(to: conf)
            for (key, value) in overrides { try KafkaConfig.set(key, value, on: conf) }
        } catch {
            rd_kafka_conf_destroy(conf)
            throw error
        }
        context.install(on: conf, statistics: statistics, deliveryReports: deliveryReports)
        var errorBuffer = [CChar](repeating: 0, count: 512)
        // rd_kafka_new takes ownership of conf only on success.
        guard
            let handle = rd_kafka_new(
                consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf,
                &errorBuffer, errorBuffer.count)
        else {
            rd_kafka_conf_destroy(conf)
            let message = String(
                decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                as: UTF8.self)
            throw KafkaError.clientCreationFailed(message)
        }
        pointer = handle
        self.context = context
    }

    /// Set for a group consumer that has not left its group: destroying it then skips leaving,
    /// which with the coordinator unreachable would wait without end. The monitor's own
    /// consumers join no group, so for them the flag changes nothing.
    var skipsGroupLeave = false

    deinit {
        rd_kafka_destroy_flags(pointer, skipsGroupLeave ? RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE : 0)
    }

    /// The effective value of a configuration property (defaults, the user's and ours merged).
    func configValue(_ name: String) -> String? {
        guard let conf = rd_kafka_conf(pointer) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(conf, name, nil, &size) == RD_KAFKA_CONF_OK, size > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(conf, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Fetches cluster metadata, retrying in short slices so authentication failures end the
    /// wait early instead of running out the whole timeout.
    ///
    /// - Throws: `KafkaError.authenticationFailed` or `.cannotConnect` naming the brokers.
    func fetchMetadata(timeoutMs: Int, bootstrap: String) throws -> ClusterMetadata {
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(timeoutMs)
        var lastCode = RD_KAFKA_RESP_ERR__TIMED_OUT
        while true {
            let remainingMs = Int((deadline - ContinuousClock.now) / .milliseconds(1))
            let sliceMs = max(1, min(500, remainingMs))
            var metadata: UnsafePointer<rd_kafka_metadata_t>?
            let code = rd_kafka_metadata(pointer, 1, nil, &metadata, Int32(sliceMs))
            // Serve queued error callbacks so authentication failures are seen.
            rd_kafka_poll(pointer, 0)
            if code == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata {
                defer { rd_kafka_metadata_destroy(metadata) }
                let result = ClusterMetadata(metadata.pointee)
                if !result.brokers.isEmpty { return result }
            }
            lastCode = code
            if let reason = context.authenticationError {
                throw KafkaError.authenticationFailed("authentication to \(bootstrap) failed: \(reason)")
            }
            if ContinuousClock.now >= deadline { break }
        }
        let reason = context.lastError ?? errorText(lastCode)
        let seconds = Double(timeoutMs) / 1000
        let timeoutText = seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
        throw KafkaError.cannotConnect("cannot reach brokers \(bootstrap): \(reason) (timeout \(timeoutText))")
    }
}

/// The brokers and topic partitions of a cluster, copied out of librdkafka's metadata.
struct ClusterMetadata {
    var brokers: [String]
    /// Partition ids per topic (with each partition's leader broker id), and the per-topic
    /// error when the broker refused it.
    var topics: [(name: String, partitions: [Int32], leaders: [Int32: Int32], error: rd_kafka_resp_err_t)]

    init(_ metadata: rd_kafka_metadata_t) {
        brokers = (0..<Int(metadata.broker_cnt)).compactMap { index in
            guard let broker = metadata.brokers?[index], let host = broker.host else { return nil }
            return "\(String(cString: host)):\(broker.port)"
        }
        topics = (0..<Int(metadata.topic_cnt)).compactMap { index in
            guard let topic = metadata.topics?[index], let name = topic.topic else { return nil }
            var leaders: [Int32: Int32] = [:]
            for partition in 0..<Int(topic.partition_cnt) {
                guard let entry = topic.partitions?[partition] else { continue }
                leaders[entry.id] = entry.leader
            }
            return (String(cString: name), leaders.keys.sorted(), leaders, topic.err)
        }
    }
}
