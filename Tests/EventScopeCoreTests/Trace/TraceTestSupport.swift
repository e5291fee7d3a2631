import EventScopeCore

/// Builds events for the trace tests: only the fields the trace index reads.
enum TraceFixture {
    static func event(
        _ offset: Int64, topic: String = "orders", partition: Int32 = 0, time: Int64? = nil, id: String? = nil,
        type: String? = "OrderPlaced", source: String? = nil, trace: String? = nil, span: String? = nil,
        parentSpan: String? = nil, style: TraceStyle? = nil, correlation: String? = nil, causation: String? = nil
    ) -> Event {
        Event(
            topic: topic, partition: partition, offset: offset, timeMs: time ?? 1_000 + offset, type: type, id: id,
            source: source, format: .envelope,
            trace: TraceContext(
                traceId: trace, spanId: span, parentSpanId: parentSpan, style: style, correlationId: correlation,
                causationId: causation),
            bytes: 100)
    }

    static let traceA = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let traceB = "0af7651916cd43dd8448eb211c80319c"

    /// The row of a view whose event id is `id`.
    static func row(_ view: TraceChainView?, id: String) -> TraceTreeRow? {
        view?.rows.first { $0.eventId == id }
    }

    /// The event id of a row's parent.
    static func parentId(_ view: TraceChainView?, of id: String) -> String? {
        guard let view, let row = row(view, id: id), let parent = row.parentRow else { return nil }
        return view.rows[parent].eventId
    }
}
