import Testing

@testable import EventScopeCore

@Suite struct TraceContextParserTests {
    func context(_ headers: [(String, String)]) -> TraceContext {
        TraceContextParser.parse(headers: headers.map { RecordHeader($0.0, $0.1) })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let headers: [(String, String)]
        let traceId: String?
        let spanId: String?
        let parent: String?
        let style: TraceStyle?
        var testDescription: String { headers.map { "\($0.0): \($0.1)" }.joined(separator: ", ") }
    }

    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"

    @Test(arguments: [
        // W3C
        Case(headers: [("traceparent", "00-\(trace)-\(span)-01")], traceId: trace, spanId: span, parent: nil, style: .w3c),
        Case(headers: [("TraceParent", "  00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00 ")], traceId: trace, spanId: span, parent: nil, style: .w3c),
        Case(headers: [("traceparent", "cc-\(trace)-\(span)-01-future")], traceId: trace, spanId: span, parent: nil, style: .w3c),
        Case(headers: [("traceparent", "00-\(trace)-\(span)-01-extra")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "ff-\(trace)-\(span)-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "00-00000000000000000000000000000000-\(span)-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "00-\(trace)-0000000000000000-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "00-\(trace.dropLast())-\(span)-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "00-\(trace)0-\(span)-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "00-\(trace.dropLast())g-\(span)-01")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("traceparent", "")], traceId: nil, spanId: nil, parent: nil, style: nil),
        // CloudEvents header
        Case(headers: [("ce_traceparent", "00-\(trace)-\(span)-01")], traceId: trace, spanId: span, parent: nil, style: .cloudEvents),
        // B3 single, all forms
        Case(
            headers: [("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")],
            traceId: "80f198ee56343ba864fe8b2a57d3eff7", spanId: "e457b5a2e4d86bd1", parent: "05e3ac9a4f6e3b90", style: .b3),
        Case(
            headers: [("B3", "80F198EE56343BA864FE8B2A57D3EFF7-E457B5A2E4D86BD1-d")],
            traceId: "80f198ee56343ba864fe8b2a57d3eff7", spanId: "e457b5a2e4d86bd1", parent: nil, style: .b3),
        Case(
            headers: [("b3", "64fe8b2a57d3eff7-e457b5a2e4d86bd1")],
            traceId: "000000000000000064fe8b2a57d3eff7", spanId: "e457b5a2e4d86bd1", parent: nil, style: .b3),
        Case(headers: [("b3", "0")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-x")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("b3", "80f198ee56343ba864fe8b2a57d3ef-e457b5a2e4d86bd1-1")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3-extra")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("b3", "00000000000000000000000000000000-e457b5a2e4d86bd1")], traceId: nil, spanId: nil, parent: nil, style: nil),
        // B3 multi
        Case(
            headers: [
                ("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7"), ("x-b3-spanid", "e457b5a2e4d86bd1"),
                ("X-B3-ParentSpanId", "05e3ac9a4f6e3b90"), ("X-B3-Sampled", "1"),
            ],
            traceId: "80f198ee56343ba864fe8b2a57d3eff7", spanId: "e457b5a2e4d86bd1", parent: "05e3ac9a4f6e3b90", style: .b3),
        Case(
            headers: [("X-B3-TraceId", "80f198ee56343ba8"), ("X-B3-SpanId", "E457B5A2E4D86BD1"), ("X-B3-ParentSpanId", "bad")],
            traceId: "000000000000000080f198ee56343ba8", spanId: "e457b5a2e4d86bd1", parent: nil, style: .b3),
        Case(headers: [("X-B3-TraceId", "80f198ee56343ba8")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("X-B3-TraceId", "80f198ee56343ba8"), ("X-B3-SpanId", "e457b5a2e4d86bd1ff")], traceId: nil, spanId: nil, parent: nil, style: nil),
        // Jaeger
        Case(
            headers: [("uber-trace-id", "80f198ee56343ba864fe8b2a57d3eff7:e457b5a2e4d86bd1:05e3ac9a4f6e3b90:1")],
            traceId: "80f198ee56343ba864fe8b2a57d3eff7", spanId: "e457b5a2e4d86bd1", parent: "05e3ac9a4f6e3b90", style: .jaeger),
        Case(
            headers: [("Uber-Trace-Id", "ABC:1f:0:03")],
            traceId: "00000000000000000000000000000abc", spanId: "000000000000001f", parent: nil, style: .jaeger),
        Case(headers: [("uber-trace-id", "0:1f:0:1")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("uber-trace-id", "abc:0:0:1")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("uber-trace-id", "abc:1f:0")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("uber-trace-id", "abc:1f:0:123")], traceId: nil, spanId: nil, parent: nil, style: nil),
        Case(headers: [("uber-trace-id", "\(trace)0:1f:0:1")], traceId: nil, spanId: nil, parent: nil, style: nil),
    ])
    func parsesHeaderConventions(example: Case) {
        let parsed = context(example.headers)
        #expect(parsed.traceId == example.traceId)
        #expect(parsed.spanId == example.spanId)
        #expect(parsed.parentSpanId == example.parent)
        #expect(parsed.style == example.style)
    }

    @Test func strongestHeaderWins() {
        let w3c = ("traceparent", "00-\(Self.trace)-\(Self.span)-01")
        let b3 = ("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")
        let uber = ("uber-trace-id", "aaaa:bbbb:cccc:1")
        let ce = ("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01")
        #expect(context([w3c, uber, b3, ce]).style == .b3)
        #expect(context([w3c, uber, ce]).style == .jaeger)
        #expect(context([ce, w3c]).style == .w3c)
        #expect(context([ce]).style == .cloudEvents)
        // A malformed stronger header falls through to the next one.
        #expect(context([("b3", "garbage"), w3c]).style == .w3c)
    }

    @Test func lastRepeatedHeaderWins() {
        let parsed = context([("traceparent", "00-\(Self.trace)-\(Self.span)-01"), ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01")])
        #expect(parsed.traceId == "0af7651916cd43dd8448eb211c80319c")
    }

    @Test func envelopeIdsAndFieldAreCombined() {
        let parsed = TraceContextParser.parse(
            headers: [], traceparentField: "00-\(Self.trace)-\(Self.span)-01", correlationId: "c", causationId: "k")
        #expect(parsed.traceId == Self.trace)
        #expect(parsed.style == .cloudEvents)
        #expect(parsed.correlationId == "c" && parsed.causationId == "k")
    }

    @Test func nullAndBinaryHeaderValuesAreIgnored() {
        let headers = [RecordHeader(name: "traceparent", value: nil), RecordHeader(name: "b3", value: [0xFF, 0x00, 0x2D])]
        #expect(TraceContextParser.parse(headers: headers) == TraceContext())
    }
}
