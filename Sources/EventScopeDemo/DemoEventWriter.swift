import EventScopeCore

/// Serialises one demo event into a record in its producer's format with the cascade's trace
/// context.
struct DemoEventWriter {
    /// Identity of one event inside its cascade, which its children refer to.
    struct Identity: Sendable {
        var idHigh: UInt64
        var idLow: UInt64
        var spanId: UInt64
    }

    /// The trace a cascade's events share.
    struct Trace: Sendable {
        var style: DemoTraceStyle
        var traceHigh: UInt64
        var traceLow: UInt64
        var root: Identity?
    }

    var eventType: String
    var topic: String
    var producer: DemoActor
    var identity: Identity
    var parent: Identity?
    var trace: Trace
    /// The time the event declares (when it was created).
    var createdMs: Int64
    /// The time it is produced; later than `createdMs` when delivery was delayed.
    var deliveredMs: Int64
    var key: [UInt8]
    var encrypted: Bool
    /// The payload as a JSON value (an object, or a quoted ciphertext string).
    var payload: [UInt8]

    private static let cipherName = "aes256-gcm"

    func record() -> DemoRecord {
        var headers: [RecordHeader] = []
        headers.reserveCapacity(8)
        let format: DemoActor.Format = trace.style == .causation ? .envelope : producer.format
        var body = DemoBytes(capacity: 200 + payload.count)
        switch format {
        case .envelope:
            body.raw("{\"eventType\":")
            body.string(eventType)
            body.raw(",\"eventId\":\"")
            body.uuid(identity.idHigh, identity.idLow)
            body.raw("\",\"timestamp\":\"")
            body.rfc3339(ms: createdMs)
            body.raw("\",\"source\":")
            body.string(producer.name)
            if trace.style == .causation {
                let root = trace.root ?? identity
                body.raw(",\"correlationId\":\"")
                body.uuid(root.idHigh, root.idLow)
                body.raw("\"")
                if let parent {
                    body.raw(",\"causationId\":\"")
                    body.uuid(parent.idHigh, parent.idLow)
                    body.raw("\"")
                }
            }
            if encrypted { body.raw(",\"encryption\":\"aes256-gcm\"") }
            body.raw(",\"payload\":")
            body.bytes.append(contentsOf: payload)
            body.raw("}")
            if trace.style == .w3c { headers.append(RecordHeader(name: "traceparent", value: traceparent())) }
        case .cloudEventsStructured:
            headers.append(RecordHeader("content-type", "application/cloudevents+json; charset=UTF-8"))
            body.raw("{\"specversion\":\"1.0\",\"type\":")
            body.string(eventType)
            body.raw(",\"source\":")
            body.string(producer.name)
            body.raw(",\"id\":\"")
            body.uuid(identity.idHigh, identity.idLow)
            body.raw("\",\"time\":\"")
            body.rfc3339(ms: createdMs)
            body.raw("\",\"datacontenttype\":\"application/json\"")
            if trace.style == .w3c {
                body.raw(",\"traceparent\":\"")
                body.bytes.append(contentsOf: traceparent())
                body.raw("\"")
            }
            body.raw(",\"data\":")
            body.bytes.append(contentsOf: payload)
            body.raw("}")
        case .cloudEventsBinary:
            var id = DemoBytes(capacity: 36)
            id.uuid(identity.idHigh, identity.idLow)
            var time = DemoBytes(capacity: 24)
            time.rfc3339(ms: createdMs)
            headers.append(RecordHeader("ce_specversion", "1.0"))
            headers.append(RecordHeader("ce_type", eventType))
            headers.append(RecordHeader("ce_source", producer.name))
            headers.append(RecordHeader(name: "ce_id", value: id.bytes))
            headers.append(RecordHeader(name: "ce_time", value: time.bytes))
            headers.append(RecordHeader("content-type", "application/json"))
            if trace.style == .w3c { headers.append(RecordHeader(name: "ce_traceparent", value: traceparent())) }
            body.bytes.append(contentsOf: payload)
        }
        if trace.style == .b3 { appendB3(to: &headers) }
        if encrypted { headers.append(RecordHeader("encryption", Self.cipherName)) }
        return DemoRecord(
            topic: topic, key: key, headers: headers, value: body.bytes, timestampMs: deliveredMs)
    }

    private func traceparent() -> [UInt8] {
        var text = DemoBytes(capacity: 55)
        text.raw("00-")
        text.hex(trace.traceHigh)
        text.hex(trace.traceLow)
        text.raw("-")
        text.hex(identity.spanId)
        text.raw("-01")
        return text.bytes
    }

    private func appendB3(to headers: inout [RecordHeader]) {
        var traceId = DemoBytes(capacity: 32)
        traceId.hex(trace.traceHigh)
        traceId.hex(trace.traceLow)
        var spanId = DemoBytes(capacity: 16)
        spanId.hex(identity.spanId)
        var parentId: DemoBytes?
        if let parent {
            var bytes = DemoBytes(capacity: 16)
            bytes.hex(parent.spanId)
            parentId = bytes
        }
        if producer.usesSingleB3 {
            var single = traceId
            single.raw("-")
            single.bytes.append(contentsOf: spanId.bytes)
            single.raw("-1")
            if let parentId {
                single.raw("-")
                single.bytes.append(contentsOf: parentId.bytes)
            }
            headers.append(RecordHeader(name: "b3", value: single.bytes))
        } else {
            headers.append(RecordHeader(name: "X-B3-TraceId", value: traceId.bytes))
            headers.append(RecordHeader(name: "X-B3-SpanId", value: spanId.bytes))
            if let parentId { headers.append(RecordHeader(name: "X-B3-ParentSpanId", value: parentId.bytes)) }
            headers.append(RecordHeader("X-B3-Sampled", "1"))
        }
    }
}
