import EventScopeCore
import EventScopeTestSupport
import Testing

/// Mutated trace headers of every convention: ids come out normalised or not at all.
@Suite struct FuzzTraceContextTests {
    static let values = FuzzEventDecoderTests.headerValues

    static func expectNormalised(_ context: TraceContext?) {
        guard let context else { return }
        #expect(FuzzSupport.isNormalisedHex(context.traceId, length: 32))
        #expect(FuzzSupport.isNormalisedHex(context.spanId, length: 16))
        #expect(FuzzSupport.isNormalisedHex(context.parentSpanId, length: 16))
        if context.traceId != nil { #expect(context.spanId != nil) }
    }

    @Test func parsesEveryConvention() {
        FuzzSupport.run("TraceContextParser") { random in
            let value = Self.values.input(&random)
            Self.expectNormalised(TraceContextParser.parseTraceparent(value))
            Self.expectNormalised(TraceContextParser.parseB3Single(value))
            Self.expectNormalised(TraceContextParser.parseUberTraceId(value))
            Self.expectNormalised(
                TraceContextParser.parseB3Multi(
                    traceId: value, spanId: Self.values.input(&random), parentSpanId: random.oneIn(2) ? nil : Self.values.input(&random)))
            let headers = (0..<random.below(5)).map { _ in
                RecordHeader(name: FuzzEventDecoderTests.headerNames[random.below(FuzzEventDecoderTests.headerNames.count)], value: Self.values.input(&random))
            }
            let context = TraceContextParser.parse(
                headers: headers, traceparentField: random.oneIn(2) ? nil : Self.values.text(&random), correlationId: "c", causationId: nil)
            Self.expectNormalised(context)
            #expect(context.correlationId == "c")
        }
    }
}
