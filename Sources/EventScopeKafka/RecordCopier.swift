import CRdKafka
import EventScopeCore
import Foundation

/// Copies librdkafka messages into `Record`s, caching topic names per topic handle.
///
/// Everything is copied out at this boundary so no C pointer outlives the message.
struct RecordCopier {
    private var topicNames: [OpaquePointer: String] = [:]
    /// The last topic looked up: a batch holds runs of records of one topic, and hashing the
    /// handle for every record showed in the headless profile.
    private var lastTopic: (handle: OpaquePointer, name: String)?

    mutating func topicName(_ topicHandle: OpaquePointer?) -> String {
        guard let topicHandle else { return "" }
        if let lastTopic, lastTopic.handle == topicHandle { return lastTopic.name }
        let name: String
        if let cached = topicNames[topicHandle] {
            name = cached
        } else {
            name = rd_kafka_topic_name(topicHandle).map { String(cString: $0) } ?? ""
            topicNames[topicHandle] = name
        }
        lastTopic = (topicHandle, name)
        return name
    }

    mutating func copy(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> Record {
        let fields = message.pointee
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return Record(
            topic: topicName(fields.rkt),
            partition: fields.partition,
            offset: fields.offset,
            timestampMs: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp,
            key: bytes(UnsafeRawPointer(fields.key), fields.key_len),
            headers: headers(message),
            value: bytes(UnsafeRawPointer(fields.payload), fields.len))
    }

    private func bytes(_ pointer: UnsafeRawPointer?, _ count: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func headers(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> [RecordHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            return []
        }
        let count = rd_kafka_header_cnt(list)
        var result: [RecordHeader] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR,
                let name
            else { continue }
            // Header names are arbitrary bytes on the wire: decode leniently, never trap.
            let nameText = String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self)
            result.append(RecordHeader(name: nameText, value: bytes(value, size)))
        }
        return result
    }
}
