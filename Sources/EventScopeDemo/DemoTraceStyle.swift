import EventScopeCore

/// How a cascade links its events, one style per cascade so each linking rule is exercised.
enum DemoTraceStyle: Int, Sendable, CaseIterable {
    /// Envelope `correlationId` (the root's id) and `causationId` (the parent's id); no headers.
    case causation
    /// B3 headers: `X-B3-TraceId`/`SpanId`/`ParentSpanId`, or the single `b3` header.
    case b3
    /// W3C `traceparent` only: no parent is declared, the monitor has to infer it.
    case w3c
}
