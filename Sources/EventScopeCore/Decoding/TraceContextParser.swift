/// Reads trace context (PRODUCT 3.3) from record headers and envelope fields.
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
        parse(KnownHeaders(headers), traceparentField: traceparentField.map { Array($0.utf8) }, fieldStyle: .cloudEvents,
            correlationId: correlationId, causationId: causationId)
    }

    /// Picks the strongest per-hop context present. Order, strongest first, and why:
    /// 1. B3 single `b3`, 2. B3 multi `X-B3-*`, 3. Jaeger `uber-trace-id` — these carry the parent
    ///    span, so links between hops are exact (PRODUCT 3.3 rule 2). Single before multi because
    ///    it is one atomic header, where multi headers can be half-rewritten by a forwarder.
    /// 4. W3C `traceparent` — per hop, but without the parent, so links must be inferred.
    /// 5. CloudEvents `ce_traceparent` header, then a `traceparent` body field — the CloudEvents
    ///    distributed-tracing extension carries the *starting* trace of a multi-hop transmission,
    ///    not this hop, so it is only a fallback.
    /// A malformed header is skipped and the next one tried.
    static func parse(
        _ headers: KnownHeaders, traceparentField: [UInt8]?, fieldStyle: TraceStyle, correlationId: String?,
        causationId: String?
    ) -> TraceContext {
        var context = TraceContext()
        if let b3 = headers.b3, let found = parseB3Single(b3) {
            context = found
        } else if let traceId = headers.b3TraceId, let spanId = headers.b3SpanId,
            let found = parseB3Multi(traceId: traceId, spanId: spanId, parentSpanId: headers.b3ParentSpanId)
        {
            context = found
        } else if let uber = headers.uberTraceId, let found = parseUberTraceId(uber) {
            context = found
        } else if let traceparent = headers.traceparent, let found = parseTraceparent(traceparent) {
            context = found
        } else if let traceparent = headers.ceTraceparent, var found = parseTraceparent(traceparent) {
            found.style = .cloudEvents
            context = found
        } else if let traceparentField, var found = parseTraceparent(traceparentField) {
            found.style = fieldStyle
            context = found
        }
        context.correlationId = correlationId
        context.causationId = causationId
        return context
    }

    /// W3C `traceparent`: `version-traceid(32)-parentid(16)-flags(2)`; the parent-id field is the
    /// sender's span, so it becomes `spanId`. Future versions may append fields after a `-`.
    public static func parseTraceparent(_ value: some Collection<UInt8>) -> TraceContext? {
        let text = trimmed(value)
        guard text.count >= 55 else { return nil }
        let parts = text.prefix(55).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 2, parts[3].count == 2, isHex(parts[0]), isHex(parts[3]) else { return nil }
        let version = lowered(parts[0])
        guard version != Array("ff".utf8) else { return nil }
        if version == Array("00".utf8) {
            guard text.count == 55 else { return nil }
        } else if text.count > 55 {
            guard text[55] == UInt8(ascii: "-") else { return nil }
        }
        guard let traceId = hexId(parts[1], allowed: 32...32, width: 32),
            let spanId = hexId(parts[2], allowed: 16...16, width: 16)
        else { return nil }
        return TraceContext(traceId: traceId, spanId: spanId, style: .w3c)
    }

    /// B3 single header: `{TraceId}-{SpanId}[-{Sampled}[-{ParentSpanId}]]`; a lone sampling
    /// decision (`0`, `1`, `d`) carries no ids and yields nil.
    public static func parseB3Single(_ value: some Collection<UInt8>) -> TraceContext? {
        let parts = trimmed(value).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard (2...4).contains(parts.count),
            let traceId = hexId(parts[0], allowed: 16...32, width: 32, exactLengths: [16, 32]),
            let spanId = hexId(parts[1], allowed: 16...16, width: 16)
        else { return nil }
        if parts.count >= 3 {
            guard parts[2].count == 1, [UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "d")].contains(parts[2][parts[2].startIndex])
            else { return nil }
        }
        var parent: String?
        if parts.count == 4 {
            guard let parsed = hexId(parts[3], allowed: 16...16, width: 16) else { return nil }
            parent = parsed
        }
        return TraceContext(traceId: traceId, spanId: spanId, parentSpanId: parent, style: .b3)
    }

    /// B3 multi headers `X-B3-TraceId`, `X-B3-SpanId`, `X-B3-ParentSpanId`; a malformed parent is dropped.
    public static func parseB3Multi(
        traceId: some Collection<UInt8>, spanId: some Collection<UInt8>, parentSpanId: [UInt8]?
    ) -> TraceContext? {
        guard let trace = hexId(trimmed(traceId), allowed: 16...32, width: 32, exactLengths: [16, 32]),
            let span = hexId(trimmed(spanId), allowed: 16...16, width: 16)
        else { return nil }
        let parent = parentSpanId.flatMap { hexId(trimmed($0), allowed: 16...16, width: 16) }
        return TraceContext(traceId: trace, spanId: span, parentSpanId: parent, style: .b3)
    }

    /// Jaeger `uber-trace-id`: `trace:span:parent:flags`, ids of any length up to 32/16 hex digits
    /// (receivers must left-pad), parent `0` meaning none.
    public static func parseUberTraceId(_ value: some Collection<UInt8>) -> TraceContext? {
        let parts = trimmed(value).split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 4, (1...2).contains(parts[3].count), isHex(parts[3]),
            let traceId = hexId(parts[0], allowed: 1...32, width: 32),
            let spanId = hexId(parts[1], allowed: 1...16, width: 16),
            (1...16).contains(parts[2].count), isHex(parts[2])
        else { return nil }
        let parent = hexId(parts[2], allowed: 1...16, width: 16)  // nil for `0`: a root span
        return TraceContext(traceId: traceId, spanId: spanId, parentSpanId: parent, style: .jaeger)
    }

    /// Lower-case, left-padded hex id; nil when not hex, of a refused length, or all zeros.
    private static func hexId(
        _ digits: ArraySlice<UInt8>, allowed: ClosedRange<Int>, width: Int, exactLengths: [Int]? = nil
    ) -> String? {
        guard allowed.contains(digits.count), exactLengths?.contains(digits.count) ?? true, isHex(digits),
            digits.contains(where: { $0 != UInt8(ascii: "0") })
        else { return nil }
        var out = [UInt8](repeating: UInt8(ascii: "0"), count: width - digits.count)
        out.append(contentsOf: lowered(digits))
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexId(
        _ digits: [UInt8], allowed: ClosedRange<Int>, width: Int, exactLengths: [Int]? = nil
    ) -> String? {
        hexId(digits[...], allowed: allowed, width: width, exactLengths: exactLengths)
    }

    private static func isHex(_ digits: ArraySlice<UInt8>) -> Bool {
        !digits.isEmpty && digits.allSatisfy { JSONString.hexValue($0) != nil }
    }

    private static func lowered(_ digits: ArraySlice<UInt8>) -> [UInt8] {
        digits.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }

    /// Surrounding spaces and tabs removed (HTTP-style optional whitespace survives bridges).
    private static func trimmed(_ value: some Collection<UInt8>) -> [UInt8] {
        var bytes = Array(value)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
        if leading > 0 { bytes.removeFirst(leading) }
        return bytes
    }
}
