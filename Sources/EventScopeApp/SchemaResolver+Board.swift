import EventScopeCore

extension SchemaResolver.Status {
    /// The registry's state for the status bar: up, degraded with the last fetch error, or
    /// down when the last fetch could not reach it.
    public var sourceState: SourceState {
        switch reachable {
        case nil: .connecting
        case false?: .down("unreachable: \(lastError ?? "no answer")")
        case true?: fetchErrors > 0 ? .degraded("\(fetchErrors) fetch errors, last \(lastError ?? "")") : .connected
        }
    }

    /// The figures for the Sources pane.
    public var sourceDetail: String {
        var parts = ["\(schemasCached) schemas cached", "\(fetches) fetched"]
        if held > 0 { parts.append("\(held) records waiting") }
        if overflowed > 0 { parts.append("\(overflowed) records past the holding area") }
        if unavailable > 0 { parts.append("\(unavailable) records with schema unavailable") }
        return parts.joined(separator: " · ")
    }
}
