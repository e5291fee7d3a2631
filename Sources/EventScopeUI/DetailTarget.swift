import EventScopeCore

/// What a detail pane shows: the thing behind a selected row.
public enum DetailTarget: Sendable {
    case topic(String)
    case eventType(String)
    case principal(String)
    case event(StoredEvent)
    case decision(Decision)
    case trace(String)
    case finding(Int)
    case sources

    /// Breadcrumb text for this level.
    public var crumb: String {
        switch self {
        case .topic(let name): "topic \(TerminalText.escape(name, limit: 40))"
        case .eventType(let name): "type \(TerminalText.escape(name, limit: 40))"
        case .principal(let name): "principal \(TerminalText.escape(name, limit: 40))"
        case .event(let stored): "event \(TerminalText.escape(stored.event.topic, limit: 30))/\(stored.event.partition)@\(stored.event.offset)"
        case .decision(let decision): "decision \(TerminalText.escape(decision.principal, limit: 30))"
        case .trace(let key): "trace \(TerminalText.escape(key, limit: 16))"
        case .finding(let id): "finding #\(id)"
        case .sources: "sources"
        }
    }
}
