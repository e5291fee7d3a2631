/// What a finding points at as its example: an event by position, a decision, or a source.
public enum FindingExample: Sendable, Equatable {
    case event(EventPosition)
    case decision(Decision)
    case source(String)

    /// The example's own time (the event's or the decision's), when it carried one.
    public var timeMs: Int64? {
        switch self {
        case .event(let position): position.timeMs
        case .decision(let decision): decision.timeMs
        case .source: nil
        }
    }

    /// One line for lists and detail panes, sanitised for the terminal.
    public var summary: String {
        switch self {
        case .event(let position): "event \(position.summary)"
        case .decision(let decision):
            "\(decision.granted ? "allowed" : "DENIED") \(TerminalText.escape(decision.operation, limit: 30)) "
                + "\(TerminalText.escape(decision.resourceType ?? "?", limit: 20)):\(TerminalText.escape(decision.resourceName ?? "-", limit: 100))"
                + " by \(TerminalText.escape(decision.principal, limit: 120))"
                + (decision.timeMs.map { " at " + Timestamp.format(ms: $0) } ?? "")
        case .source(let name): "source \(TerminalText.escape(name, limit: 100))"
        }
    }
}
