import EventScopeCore

/// Picks the list model for the current screen.
public enum ScreenModels {
    /// The list shown on a screen, or nil for screens that are not lists (the Overview).
    public static func listModel(for screen: ScreenID, pipeline: IngestPipeline, state: AppState, nowMs: Int64) -> ListModel? {
        let store = pipeline.store
        switch screen {
        case .overview: return nil
        case .topics: return TopicsScreen.model(store: store, state: state, nowMs: nowMs)
        case .eventTypes: return EventTypesScreen.model(store: store, state: state, nowMs: nowMs)
        case .principals: return PrincipalsScreen.model(store: store, state: state, nowMs: nowMs)
        case .decisions: return DecisionsScreen.model(store: store, state: state, nowMs: nowMs)
        case .live: return LiveScreen.model(store: store, state: state, nowMs: nowMs)
        case .traces: return TracesScreen.model(traces: pipeline.traceIndex, state: state, nowMs: nowMs)
        case .findings: return FindingsScreen.model(findings: pipeline.findings.findings, state: state, nowMs: nowMs)
        }
    }
}
