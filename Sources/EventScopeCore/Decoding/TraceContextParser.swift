import EventScopeSchema

/// Reads trace context from record headers and envelope fields.
///
/// Ids are normalised so the same trace matches across conventions: lower-case hex, trace ids
/// left-padded to 32 digits (B3 and Jaeger allow 64-bit trace ids, W3C always has 128 bits)
/// and span ids to 16. Mixed case is accepted and lowered: this is a monitor, not a propagator,
/// and refusing an id a service did use would hide a real hop. Malformed and all-zero ids are
/// treated as absent, as W3C requires of receivers.
public enum TraceContextParser {
    /// Trace context from a record's headers, plus what the envelope declared.
    ///
    /// - Parameters:
    ///   - traceparentField: a `traceparent` found in the body (the CloudEvents extension attribute).
    ///   - correlationId: the envelope's `correlationId` (the cascade's root).
    ///   - causationId: the envelope's `causationId` (the id of the event that caused this one).
    public static func parse(
        headers: [RecordHeader], traceparentField: String? = nil, correlationId: String? = nil,
        causationId: String? = nil
    ) -> TraceContext {
        var context = TraceContext(correlationId: correlationId, causationId: causationId)
        var field = traceparentField ?? ""
        field.withUTF8 { bytes in
            KnownHeaders.with(headers) { known in
                parse(known, traceparentField: traceparentField == nil ? nil : bytes, fieldStyle: .cloudEvents, into: &context)
            }
        }
        return context
    }

    /// Picks the strongest per-hop context present. Order, strongest first, and why:
    /// 1. B3 single `b3`, 2. B3 multi `X-B3-*`, 3. Jaeger `uber-trace-id` — these carry the parent
    ///    span, so links between hops are exact. Single before multi because
    ///    it is one atomic header, where multi headers can be half-rewritten by a forwarder.
    /// 4. W3C `traceparent` — per hop, but without the parent, so links must be inferred.
    /// 5. CloudEvents `ce_traceparent` header, then a `traceparent` body field — the CloudEvents
    ///    distributed-tracing extension carries the *starting* trace of a multi-hop transmission,
    ///    not this hop, so it is only a fallback.
    /// A malformed header is skipped and the next one tried. Fills the ids and style of `context`
    /// in place (leaving its correlation and causation ids alone), which spares copies per event.
    static func parse(
        _ headers: KnownHeaders, traceparentField: UnsafeBufferPointer<UInt8>?, fieldStyle: TraceStyle,
        into context: inout TraceContext
    ) {
        if let found = strongestHeaderContext(headers) {
            context.packedTraceId = found.packedTraceId
            context.packedSpanId = found.packedSpanId
            context.packedParentSpanId = found.packedParentSpanId
            context.style = found.style
        } else if let traceparentField, let found = parseTraceparent(traceparentField) {
            context.packedTraceId = found.packedTraceId
            context.packedSpanId = found.packedSpanId
            context.style = fieldStyle
        }
    }

    private static func strongestHeaderContext(_ headers: KnownHeaders) -> TraceContext? {
        if let b3 = headers.b3, let found = parseB3Single(b3) { return found }
        if let traceId = headers.b3TraceId, let spanId = headers.b3SpanId,
            let found = parseB3Multi(traceId: traceId, spanId: spanId, parentSpanId: headers.b3ParentSpanId)
        {
            return found
        }
        if let uber = headers.uberTraceId, let found = parseUberTraceId(uber) { return found }
        if let traceparent = headers.traceparent, let found = parseTraceparent(traceparent) { return found }
        if let traceparent = headers.ceTraceparent, var found = parseTraceparent(traceparent) {
            found.style = .cloudEvents
            return found
        }
        return nil
    }

    /// W3C `traceparent`: `version-traceid(32)-parentid(16)-flags(2)`; the parent-id field is the
    /// sender's span, so it becomes `spanId`. Future versions may append fields after a `-`.
    public static func parseTraceparent(_ value: [UInt8]) -> TraceContext? {
        value.withUnsafeBufferPointer { parseTraceparent($0) }
    }

    /// B3 single header: `{TraceId}-{SpanId}[-{Sampled}[-{ParentSpanId}]]`; a lone sampling
    /// decision (`0`, `1`, `d`) carries no ids and yields nil.
    public static func parseB3Single(_ value: [UInt8]) -> TraceContext? {
        value.withUnsafeBufferPointer { parseB3Single($0) }
    }

    /// B3 multi headers `X-B3-TraceId`, `X-B3-SpanId`, `X-B3-ParentSpanId`; a malformed parent is dropped.
    public static func parseB3Multi(traceId: [UInt8], spanId: [UInt8], parentSpanId: [UInt8]?) -> TraceContext? {
        traceId.withUnsafeBufferPointer { traceId in
            spanId.withUnsafeBufferPointer { spanId in
                guard let parentSpanId else { return parseB3Multi(traceId: traceId, spanId: spanId, parentSpanId: nil) }
                return parentSpanId.withUnsafeBufferPointer { parseB3Multi(traceId: traceId, spanId: spanId, parentSpanId: $0) }
            }
        }
    }

    static func parseB3Multi(
        traceId: UnsafeBufferPointer<UInt8>, spanId: UnsafeBufferPointer<UInt8>, parentSpanId: UnsafeBufferPointer<UInt8>?
    ) -> TraceContext? {
        guard let trace = b3TraceId(trimmed(traceId)), let span = hexId(trimmed(spanId), lengths: 16...16, width: 16) else { return nil }
        let parent = parentSpanId.flatMap { hexId(trimmed($0), lengths: 16...16, width: 16) }
        return TraceContext(packedTraceId: trace, packedSpanId: span, packedParentSpanId: parent, style: .b3)
    }

    /// Jaeger `uber-trace-id`: `trace:span:parent:flags`, ids of any length up to 32/16 hex digits
    /// (receivers must left-pad), parent `0` meaning none.
    public static func parseUberTraceId(_ value: [UInt8]) -> TraceContext? {
        value.withUnsafeBufferPointer { parseUberTraceId($0) }
    }

    static func parseTraceparent(_ raw: UnsafeBufferPointer<UInt8>) -> TraceContext? {
        let text = trimmed(raw)
        guard text.count >= 55, text[2] == dash, text[35] == dash, text[52] == dash,
            isHex(text, 0..<2), isHex(text, 53..<55)
        else { return nil }
        let version = (lower(text[0]), lower(text[1]))
        guard version != (UInt8(ascii: "f"), UInt8(ascii: "f")) else { return nil }
        if version == (UInt8(ascii: "0"), UInt8(ascii: "0")) {
            guard text.count == 55 else { return nil }
        } else if text.count > 55 {
            guard text[55] == dash else { return nil }
        }
        guard let traceId = hexId(slice(text, 3..<35), lengths: 32...32, width: 32),
            let spanId = hexId(slice(text, 36..<52), lengths: 16...16, width: 16)
        else { return nil }
        return TraceContext(packedTraceId: traceId, packedSpanId: spanId, style: .w3c)
    }

    static func parseB3Single(_ raw: UnsafeBufferPointer<UInt8>) -> TraceContext? {
        let text = trimmed(raw)
        var fields = FieldCursor(text, separator: dash)
        guard let traceRange = fields.next(), let spanRange = fields.next(),
            let traceId = b3TraceId(slice(text, traceRange)),
            let spanId = hexId(slice(text, spanRange), lengths: 16...16, width: 16)
        else { return nil }
        if let sampled = fields.next() {
            guard sampled.count == 1, [UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "d")].contains(text[sampled.lowerBound])
            else { return nil }
        }
        var parent: TraceIdentifier?
        if let parentRange = fields.next() {
            guard let parsed = hexId(slice(text, parentRange), lengths: 16...16, width: 16) else { return nil }
            parent = parsed
        }
        guard fields.next() == nil else { return nil }
        return TraceContext(packedTraceId: traceId, packedSpanId: spanId, packedParentSpanId: parent, style: .b3)
    }

    static func parseUberTraceId(_ raw: UnsafeBufferPointer<UInt8>) -> TraceContext? {
        let text = trimmed(raw)
        var fields = FieldCursor(text, separator: UInt8(ascii: ":"))
        guard let traceRange = fields.next(), let spanRange = fields.next(), let parentRange = fields.next(),
            let flagsRange = fields.next(), fields.next() == nil,
            (1...2).contains(flagsRange.count), isHex(text, flagsRange),
            (1...16).contains(parentRange.count), isHex(text, parentRange),
            let traceId = hexId(slice(text, traceRange), lengths: 1...32, width: 32),
            let spanId = hexId(slice(text, spanRange), lengths: 1...16, width: 16)
        else { return nil }
        let parent = hexId(slice(text, parentRange), lengths: 1...16, width: 16)  // nil for `0`: a root span
        return TraceContext(packedTraceId: traceId, packedSpanId: spanId, packedParentSpanId: parent, style: .jaeger)
    }

    private static let dash = UInt8(ascii: "-")

    /// B3 trace ids are 64 or 128 bits: exactly 16 or 32 hex digits.
    private static func b3TraceId(_ digits: UnsafeBufferPointer<UInt8>) -> TraceIdentifier? {
        guard digits.count == 16 || digits.count == 32 else { return nil }
        return hexId(digits, lengths: 16...32, width: 32)
    }

    /// Lower-case hex id left-padded with zeros to `width`, packed; nil when not hex, of a refused length, or all zeros.
    private static func hexId(_ digits: UnsafeBufferPointer<UInt8>, lengths: ClosedRange<Int>, width: Int) -> TraceIdentifier? {
        TraceIdentifier.normalizedHex(digits, lengths: lengths, width: width)
    }

    private static func isHex(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.upperBound <= text.count else { return false }
        for k in range where JSONEscape.hexValue(text[k]) == nil { return false }
        return true
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }

    private static func slice(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[range])
    }

    /// Surrounding spaces and tabs removed (HTTP-style optional whitespace survives bridges).
    private static func trimmed(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = value.count
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        return slice(value, start..<end)
    }

    /// Walks separator-delimited fields without allocating (empty fields included).
    private struct FieldCursor {
        let text: UnsafeBufferPointer<UInt8>
        let separator: UInt8
        var position = 0
        var finished = false

        init(_ text: UnsafeBufferPointer<UInt8>, separator: UInt8) {
            self.text = text
            self.separator = separator
        }

        mutating func next() -> Range<Int>? {
            guard !finished else { return nil }
            let start = position
            while position < text.count, text[position] != separator { position += 1 }
            let range = start..<position
            if position < text.count { position += 1 } else { finished = true }
            return range
        }
    }
}
