import CRdKafka
import EventScopeCore
import Foundation

/// Produces records for `evscope demo` and `simulate`, counting what the brokers accepted.
///
/// Never used against a monitored cluster's topics by the monitor itself (it is read-only).
/// Not thread-safe: produce from one thread.
public final class KafkaProducer: @unchecked Sendable {
    private let handle: ClientHandle
    private var topicHandles: [String: OpaquePointer] = [:]
    private let lock = NSLock()
    private var refusedImmediately = 0
    private var lastRefusal: String?

    /// Creates a producer for `bootstrapServers` with extra librdkafka properties.
    ///
    /// - Parameter status: receives log lines and errors (nothing goes to stderr).
    /// - Throws: `KafkaError.invalidConfiguration` or `.clientCreationFailed`.
    public init(
        bootstrapServers: String, config: KafkaConfig = KafkaConfig(),
        status: @escaping @Sendable (KafkaSourceStatus) -> Void = { _ in }
    ) throws {
        handle = try ClientHandle(
            consumer: false, config: config, defaults: [("bootstrap.servers", bootstrapServers)],
            context: ClientContext(report: status), deliveryReports: true)
    }

    deinit {
        for topic in topicHandles.values { rd_kafka_topic_destroy(topic) }
    }

    /// Messages the brokers acknowledged.
    public var deliveredCount: Int { handle.context.deliveryCounts.delivered }

    /// Messages refused, either by a delivery report or straight away by the produce call.
    public var failedCount: Int {
        handle.context.deliveryCounts.failed + lock.withLock { refusedImmediately }
    }

    /// The reason of the latest failure, if any.
    public var lastFailure: String? {
        handle.context.deliveryCounts.lastError ?? lock.withLock { lastRefusal }
    }

    /// Queues one record; returns false (and counts a failure) when librdkafka refuses it now.
    ///
    /// A full local queue is drained by polling and retried rather than reported. An
    /// authorization error (29) comes through the delivery report, and for about a second
    /// afterwards straight from this call: both are counted in `failedCount`.
    @discardableResult
    public func produce(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?,
        headers: [RecordHeader] = [], timestampMs: Int64? = nil
    ) -> Bool {
        let topicHandle = topicHandle(for: topic)
        var attempts = 0
        while true {
            let code = send(
                topicHandle, partition: partition, key: key, value: value,
                headers: headers, timestampMs: timestampMs)
            if code == RD_KAFKA_RESP_ERR_NO_ERROR { return true }
            if code == RD_KAFKA_RESP_ERR__QUEUE_FULL, attempts < 100 {
                attempts += 1
                rd_kafka_poll(handle.pointer, 100)
                continue
            }
            lock.withLock {
                refusedImmediately += 1
                lastRefusal = errorText(code)
            }
            return false
        }
    }

    /// Serves delivery reports and callbacks, waiting up to `timeoutMs`.
    public func poll(timeoutMs: Int = 0) {
        rd_kafka_poll(handle.pointer, Int32(timeoutMs))
    }

    /// Waits until every queued record is delivered or failed; returns false on timeout.
    @discardableResult
    public func flush(timeoutMs: Int = 10_000) -> Bool {
        rd_kafka_flush(handle.pointer, Int32(timeoutMs)) == RD_KAFKA_RESP_ERR_NO_ERROR
    }

    private func topicHandle(for topic: String) -> OpaquePointer? {
        if let existing = topicHandles[topic] { return existing }
        let created = rd_kafka_topic_new(handle.pointer, topic, nil)
        topicHandles[topic] = created
        return created
    }

    private func send(
        _ topicHandle: OpaquePointer?, partition: Int32?, key: [UInt8]?, value: [UInt8]?,
        headers: [RecordHeader], timestampMs: Int64?
    ) -> rd_kafka_resp_err_t {
        guard let topicHandle else { return RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC }
        // Headers are copied into a librdkafka list so no Swift pointer has to outlive the call.
        var headerList: OpaquePointer?
        if !headers.isEmpty {
            headerList = rd_kafka_headers_new(headers.count)
            for header in headers {
                if let bytes = header.value {
                    bytes.withUnsafeBytes { buffer in
                        _ = rd_kafka_header_add(headerList, header.name, -1, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), buffer.count)
                    }
                } else {
                    _ = rd_kafka_header_add(headerList, header.name, -1, nil, 0)
                }
            }
        }
        var fields: [rd_kafka_vu_t] = []
        fields.reserveCapacity(7)
        var field = rd_kafka_vu_t()
        field.vtype = RD_KAFKA_VTYPE_RKT
        field.u.rkt = topicHandle
        fields.append(field)
        field = rd_kafka_vu_t()
        field.vtype = RD_KAFKA_VTYPE_PARTITION
        field.u.i32 = partition ?? -1  // RD_KAFKA_PARTITION_UA: let the partitioner choose.
        fields.append(field)
        field = rd_kafka_vu_t()
        field.vtype = RD_KAFKA_VTYPE_MSGFLAGS
        field.u.i = 0x2  // RD_KAFKA_MSG_F_COPY: librdkafka copies key and value.
        fields.append(field)
        if let timestampMs {
            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_TIMESTAMP
            field.u.i64 = timestampMs
            fields.append(field)
        }
        if let headerList {
            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_HEADERS
            field.u.headers = headerList
            fields.append(field)
        }
        let code: rd_kafka_resp_err_t = withOptionalBytes(key) { keyPointer, keyCount in
            withOptionalBytes(value) { valuePointer, valueCount in
                var all = fields
                if let keyPointer {
                    var keyField = rd_kafka_vu_t()
                    keyField.vtype = RD_KAFKA_VTYPE_KEY
                    keyField.u.mem.ptr = UnsafeMutableRawPointer(mutating: keyPointer)
                    keyField.u.mem.size = keyCount
                    all.append(keyField)
                }
                if let valuePointer {
                    var valueField = rd_kafka_vu_t()
                    valueField.vtype = RD_KAFKA_VTYPE_VALUE
                    valueField.u.mem.ptr = UnsafeMutableRawPointer(mutating: valuePointer)
                    valueField.u.mem.size = valueCount
                    all.append(valueField)
                }
                guard let error = rd_kafka_produceva(handle.pointer, all, all.count) else {
                    return RD_KAFKA_RESP_ERR_NO_ERROR
                }
                defer { rd_kafka_error_destroy(error) }
                return rd_kafka_error_code(error)
            }
        }
        // On failure the header list was not handed over and is still ours to free.
        if code != RD_KAFKA_RESP_ERR_NO_ERROR, let headerList { rd_kafka_headers_destroy(headerList) }
        return code
    }
}

/// Calls `body` with a pointer to the bytes (a non-null pointer even when empty, so an empty
/// key stays distinct from a null key), or with nil for nil.
private func withOptionalBytes<Result>(
    _ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> Result
) -> Result {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBytes { buffer in
        body(buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), buffer.count)
    }
}
