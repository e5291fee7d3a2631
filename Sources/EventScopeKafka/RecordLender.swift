import CRdKafka
import EventScopeCore
import Foundation

/// Lends librdkafka messages as `RecordView`s pointing into librdkafka's own buffers (values)
/// and into the lender's copies of the headers.
///
/// librdkafka parses a message's headers into four or more blocks of its own when asked for
/// them. Headers are copied out and librdkafka's blocks freed at once, one message at a time,
/// so glibc hands the same blocks back for the next message from the thread's cache instead
/// of sending tens of thousands per batch through the arena's bins and their consolidation.
/// The view, header and byte storage is kept and reused from batch to batch, so lending a batch allocates nothing once the largest batch has been seen
/// (unless it carries a header over `ByteArena.blockSize`, or after a smaller batch let
/// `ByteArena` free blocks).
///
/// Between a `fill` and the next `release`, any number of threads may read the lent views;
/// `fill` and `release` are never called at the same time.
final class RecordLender: @unchecked Sendable {
    private var views: UnsafeMutablePointer<RecordView>
    private var viewCapacity: Int
    private var headers: UnsafeMutablePointer<HeaderView>
    private var headerCapacity: Int
    /// Views built by the last `fill`, not yet released.
    private var lent = 0
    /// The header names and values the views point to.
    private let headerBytes = ByteArena()

    init(capacity: Int) {
        viewCapacity = max(1, capacity)
        views = .allocate(capacity: viewCapacity)
        headerCapacity = viewCapacity * 4
        headers = .allocate(capacity: headerCapacity)
    }

    deinit {
        views.deallocate()
        headers.deallocate()
    }

    /// Builds views of the first `count` messages (all without error); they stay valid while
    /// the messages live, until `release`.
    func fill(
        _ messages: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>, count: Int,
        copier: inout RecordCopier
    ) {
        reserve(views: count)
        headerBytes.reset()
        var usedHeaders = 0
        lent = 0
        for index in 0..<count {
            guard let message = messages[index] else { continue }
            let fields = message.pointee
            let firstHeader = usedHeaders
            usedHeaders += fillHeaders(of: message, used: usedHeaders)
            var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
            let timestamp = rd_kafka_message_timestamp(message, &timestampType)
            let value = fields.payload.map {
                UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: fields.len)
            }
            (views + lent).initialize(
                to: RecordView(
                    topic: copier.topicName(fields.rkt), partition: fields.partition, offset: fields.offset,
                    timestampMs: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp,
                    value: value,
                    headers: UnsafeBufferPointer(start: headers + firstHeader, count: usedHeaders - firstHeader)))
            lent += 1
        }
    }

    /// The views the last `fill` built; valid until `release`.
    var lentViews: UnsafeBufferPointer<RecordView> { UnsafeBufferPointer(start: views, count: lent) }

    /// Drops the views the last `fill` built.
    func release() {
        views.deinitialize(count: lent)
        lent = 0
    }

    /// Copies the message's headers after the first `used` header slots, growing the storage
    /// when they do not fit, and frees librdkafka's parsed copy; returns how many. Headers are
    /// counted as each message is filled rather than in a pass of their own over the batch,
    /// which read every message twice.
    private func fillHeaders(of message: UnsafeMutablePointer<rd_kafka_message_t>, used: Int) -> Int {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return 0 }
        let count = rd_kafka_header_cnt(list)
        if used + count > headerCapacity { growHeaders(holding: used, toFit: used + count) }
        let slot = headers + used
        var filled = 0
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR,
                let name
            else { continue }
            let nameBytes = headerBytes.copy(UnsafeRawBufferPointer(start: name, count: strlen(name)))
            let valueBytes = value.map { headerBytes.copy(UnsafeRawBufferPointer(start: $0, count: size)) }
            (slot + filled).initialize(to: HeaderView(name: nameBytes, value: valueBytes))
            filled += 1
        }
        var detached: OpaquePointer?
        if rd_kafka_message_detach_headers(message, &detached) == RD_KAFKA_RESP_ERR_NO_ERROR, let detached {
            rd_kafka_headers_destroy(detached)
        }
        return filled
    }

    /// Moves the first `used` headers to storage that fits `needed`, and points the views built
    /// so far at their headers' new places.
    private func growHeaders(holding used: Int, toFit needed: Int) {
        let capacity = max(needed, headerCapacity * 2)
        let grown = UnsafeMutablePointer<HeaderView>.allocate(capacity: capacity)
        grown.moveInitialize(from: headers, count: used)
        for index in 0..<lent {
            let old = views[index].headers
            let offset = old.baseAddress.map { $0 - UnsafePointer(headers) } ?? 0
            views[index].headers = UnsafeBufferPointer(start: grown + offset, count: old.count)
        }
        headers.deallocate()
        headers = grown
        headerCapacity = capacity
    }

    private func reserve(views needed: Int) {
        if needed > viewCapacity {
            views.deallocate()
            viewCapacity = needed
            views = .allocate(capacity: viewCapacity)
        }
    }
}
