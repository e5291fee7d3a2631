import CRdKafka
import Foundation

/// The Swift side of a librdkafka handle's callbacks: it routes logs, errors and statistics to
/// a status closure so librdkafka never writes to stderr (which would corrupt the screen).
///
/// Passed to C as the configuration opaque; the handle owner keeps it alive until after
/// `rd_kafka_destroy` returns, because librdkafka may call back until then.
final class ClientContext: @unchecked Sendable {
    private let report: @Sendable (KafkaSourceStatus) -> Void
    private let lock = NSLock()
    private var lastErrorText: String?
    private var authenticationErrorText: String?
    private var lastBrokerStates: [BrokerState] = []
    /// Delivery report counters, used by producers only.
    private var delivered = 0
    private var failed = 0
    private var lastDeliveryError: String?

    /// For a consumer in a group: called on the polling thread when the group assigns or
    /// revokes partitions; it must (incrementally) assign or unassign them before returning.
    /// Set before the handle is created.
    var onRebalance: ((OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)?

    init(report: @escaping @Sendable (KafkaSourceStatus) -> Void) {
        self.report = report
    }

    /// The most recent error librdkafka reported, for one-line connect failures.
    var lastError: String? { lock.withLock { lastErrorText } }
    var authenticationError: String? { lock.withLock { authenticationErrorText } }
    var deliveryCounts: (delivered: Int, failed: Int, lastError: String?) {
        lock.withLock { (delivered, failed, lastDeliveryError) }
    }

    func emit(_ status: KafkaSourceStatus) { report(status) }

    fileprivate func handleError(code: rd_kafka_resp_err_t, reason: String) {
        lock.withLock { lastErrorText = reason }
        switch code {
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__RESOLVE:
            report(.transportError(reason))
        case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
            report(.allBrokersDown(reason))
        case RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
            RD_KAFKA_RESP_ERR__SSL:
            lock.withLock { authenticationErrorText = reason }
            report(.authenticationFailed(reason))
        default:
            report(.error(reason))
        }
    }

    fileprivate func handleStatistics(_ json: UnsafeBufferPointer<CChar>) {
        guard let states = BrokerStatistics.states(in: UnsafeRawBufferPointer(json)) else { return }
        let changed = lock.withLock {
            defer { lastBrokerStates = states }
            return lastBrokerStates != states
        }
        if changed { report(.brokers(states)) }
    }

    fileprivate func handleDelivery(code: rd_kafka_resp_err_t) {
        lock.withLock {
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                delivered += 1
            } else {
                failed += 1
                lastDeliveryError = errorText(code)
            }
        }
    }

    /// Installs the quiet callbacks and this context as the opaque on `conf`.
    ///
    /// The caller must keep `self` alive (retained) as long as the handle exists.
    func install(on conf: OpaquePointer, statistics: Bool, deliveryReports: Bool) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, line in
            guard let handle, let context = ClientContext.from(rd_kafka_opaque(handle)) else { return }
            let facilityText = facility.map { String(cString: $0) } ?? ""
            let lineText = line.map { String(cString: $0) } ?? ""
            context.emit(.log(level: Int(level), message: "\(facilityText): \(lineText)"))
        }
        rd_kafka_conf_set_error_cb(conf) { _, code, reason, opaque in
            guard let context = ClientContext.from(opaque) else { return }
            let reasonText = reason.map { String(cString: $0) } ?? errorText(rd_kafka_resp_err_t(code))
            context.handleError(code: rd_kafka_resp_err_t(code), reason: reasonText)
        }
        if statistics {
            rd_kafka_conf_set_stats_cb(conf) { _, json, length, opaque in
                guard let json, let context = ClientContext.from(opaque) else { return 0 }
                context.handleStatistics(UnsafeBufferPointer(start: json, count: length))
                return 0  // librdkafka frees the JSON buffer.
            }
        }
        if onRebalance != nil {
            rd_kafka_conf_set_rebalance_cb(conf) { handle, code, partitions, opaque in
                guard let handle, let partitions, let context = ClientContext.from(opaque) else { return }
                context.onRebalance?(handle, code, partitions)
            }
        }
        if deliveryReports {
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let message, let context = ClientContext.from(opaque) else { return }
                context.handleDelivery(code: message.pointee.err)
            }
        }
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ClientContext? {
        guard let opaque else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}
