/// Encodes an event as one headless output line (`--headless`), appended to a reusable buffer.
///
/// The line is `{"kind":"event","topic":...,"partition":...,"offset":...,"time":...,"type":...,"id":...,
/// "declaredSource":...,"format":...,"schemaId":...,"traceId":...,"spanId":...,"parentSpanId":...,"encryption":...,"bytes":...}`
/// followed by `\n`, with `null` for anything unknown and `time` as an RFC 3339 UTC string. A
/// Confluent wire-format value that could not be decoded adds `"schemaError"` with the reason.
///
/// `declaredSource` is what the event says produced it, which nothing authenticates. When the
/// run reads an audit stream, the line adds `"authenticatedProducers"` (the principals allowed
/// to write the topic around the record's time, `[]` when none was seen) and `"producerCheck"`:
/// `matches`, `disagrees` (principals wrote the topic, none of them the declared source's) or
/// `unknown` (no write seen to compare with).
public enum EventJSONLine {
    /// Appends the event's line (ending in a newline) to `buffer`; callers reuse the buffer between
    /// writes so steady-state encoding allocates nothing. `identity` is given when an audit
    /// stream can say who was allowed to write.
    public static func append(_ event: Event, identity: ProducerIdentity? = nil, to buffer: inout [UInt8]) {
        // Fixed parts go through a stack scratch, flushed only before a string that may need escaping.
        JSONScratch.with { out in
            out.literal("{\"kind\":\"event\",\"topic\":")
            out.flush(to: &buffer)
            JSONLineWriter.appendString(event.topic, to: &buffer)
            out.literal(",\"partition\":")
            out.int(Int64(event.partition))
            out.literal(",\"offset\":")
            out.int(event.offset)
            out.literal(",\"time\":")
            if let time = event.timeMs { out.timestamp(ms: time) } else { out.null() }
            out.literal(",\"type\":")
            appendString(event.type, via: &out, to: &buffer)
            out.literal(",\"id\":")
            appendIdentifier(event.packedId, via: &out, to: &buffer)
            out.literal(",\"declaredSource\":")
            appendString(event.source, via: &out, to: &buffer)
            if let identity {
                out.literal(",\"authenticatedProducers\":[")
                for (index, principal) in identity.authenticatedProducers.enumerated() {
                    if index > 0 { out.literal(",") }
                    appendString(principal, via: &out, to: &buffer)
                }
                out.literal("],\"producerCheck\":\"")
                out.literal(identity.agreement.name)
                out.literal("\"")
            }
            out.literal(",\"format\":\"")
            out.ascii(event.format.rawValue)
            out.literal("\",\"schemaId\":")
            if let schemaId = event.schemaId { out.int(Int64(schemaId)) } else { out.null() }
            if let problem = event.schema?.problem {
                out.literal(",\"schemaError\":")
                appendString(problem, via: &out, to: &buffer)
            }
            out.literal(",\"traceId\":")
            appendIdentifier(event.trace.packedTraceId, via: &out, to: &buffer)
            out.literal(",\"spanId\":")
            appendIdentifier(event.trace.packedSpanId, via: &out, to: &buffer)
            out.literal(",\"parentSpanId\":")
            appendIdentifier(event.trace.packedParentSpanId, via: &out, to: &buffer)
            out.literal(",\"encryption\":\"")
            out.ascii(event.encryption.rawValue)
            out.literal("\",\"bytes\":")
            out.int(Int64(event.bytes))
            out.literal("}\n")
            out.flush(to: &buffer)
        }
    }

    /// The line as a string, for tests and one-off use.
    public static func line(_ event: Event, identity: ProducerIdentity? = nil) -> String {
        var buffer: [UInt8] = []
        append(event, identity: identity, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A string through the escaper (after what the scratch holds), or `null` into the scratch.
    private static func appendString(_ text: String?, via out: inout JSONScratch, to buffer: inout [UInt8]) {
        guard let text else { return out.null() }
        out.flush(to: &buffer)
        JSONLineWriter.appendString(text, to: &buffer)
    }

    /// A packed id is written from its words into the scratch; only a text id needs the escaper.
    private static func appendIdentifier(_ id: TraceIdentifier?, via out: inout JSONScratch, to buffer: inout [UInt8]) {
        switch id {
        case .hex(let high, let low, let shape)?:
            out.packedId(high: high, low: low, shape: shape)
        case .text(let text)?:
            appendString(text, via: &out, to: &buffer)
        case nil:
            out.null()
        }
    }
}
