/// Encodes an event as one headless output line (PRODUCT 6 `--headless`), appended to a reusable buffer.
///
/// The line is `{"kind":"event","topic":...,"partition":...,"offset":...,"time":...,"type":...,"id":...,
/// "source":...,"format":...,"traceId":...,"spanId":...,"parentSpanId":...,"encryption":...,"bytes":...}`
/// followed by `\n`, with `null` for anything unknown and `time` as an RFC 3339 UTC string.
public enum EventJSONLine {
    /// Appends the event's line (ending in a newline) to `buffer`; callers reuse the buffer between
    /// writes so steady-state encoding allocates nothing.
    public static func append(_ event: Event, to buffer: inout [UInt8]) {
        append(literal: "{\"kind\":\"event\",\"topic\":", to: &buffer)
        JSONLineWriter.appendString(event.topic, to: &buffer)
        append(literal: ",\"partition\":", to: &buffer)
        JSONLineWriter.appendInt(Int64(event.partition), to: &buffer)
        append(literal: ",\"offset\":", to: &buffer)
        JSONLineWriter.appendInt(event.offset, to: &buffer)
        append(literal: ",\"time\":", to: &buffer)
        if let time = event.timeMs { JSONLineWriter.appendTimestamp(ms: time, to: &buffer) } else { JSONLineWriter.appendNull(to: &buffer) }
        append(literal: ",\"type\":", to: &buffer)
        JSONLineWriter.appendOptionalString(event.type, to: &buffer)
        append(literal: ",\"id\":", to: &buffer)
        JSONLineWriter.appendOptionalString(event.id, to: &buffer)
        append(literal: ",\"source\":", to: &buffer)
        JSONLineWriter.appendOptionalString(event.source, to: &buffer)
        append(literal: ",\"format\":", to: &buffer)
        JSONLineWriter.appendString(event.format.rawValue, to: &buffer)
        append(literal: ",\"traceId\":", to: &buffer)
        appendIdentifier(event.trace.packedTraceId, to: &buffer)
        append(literal: ",\"spanId\":", to: &buffer)
        appendIdentifier(event.trace.packedSpanId, to: &buffer)
        append(literal: ",\"parentSpanId\":", to: &buffer)
        appendIdentifier(event.trace.packedParentSpanId, to: &buffer)
        append(literal: ",\"encryption\":", to: &buffer)
        JSONLineWriter.appendString(event.encryption.rawValue, to: &buffer)
        append(literal: ",\"bytes\":", to: &buffer)
        JSONLineWriter.appendInt(Int64(event.bytes), to: &buffer)
        append(literal: "}\n", to: &buffer)
    }

    /// The line as a string, for tests and one-off use.
    public static func line(_ event: Event) -> String {
        var buffer: [UInt8] = []
        append(event, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A packed id is written from its words; only a text id needs the escaper.
    private static func appendIdentifier(_ id: TraceIdentifier?, to buffer: inout [UInt8]) {
        switch id {
        case .hex(let high, let low, let shape)?:
            buffer.append(UInt8(ascii: "\""))
            TraceIdentifier.appendPacked(high: high, low: low, shape: shape, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        case .text(let text)?:
            JSONLineWriter.appendString(text, to: &buffer)
        case nil:
            JSONLineWriter.appendNull(to: &buffer)
        }
    }

    private static func append(literal: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
