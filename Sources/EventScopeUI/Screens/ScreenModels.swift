import EventScopeCore

/// Picks the list model for the current screen.
public enum ScreenModels {
    /// The list shown on a screen, or nil for screens that are not lists (the Overview).
    public static func listModel(for screen: ScreenID, pipeline: IngestPipeline, state: AppState, nowMs: Int64) -> ListModel? {
        listModel(for: screen, data: .live(pipeline, nowMs: nowMs), state: state)
    }

    /// The list shown on a screen from data kept or built for this frame.
    public static func listModel(for screen: ScreenID, data: ScreenData, state: AppState) -> ListModel? {
        model(for: screen, data: data, state: state)?.arranged(by: state.lists[screen] ?? AppState.ListState())
    }

    private static func model(for screen: ScreenID, data: ScreenData, state: AppState) -> ListModel? {
        let store = data.store
        let nowMs = data.nowMs
        switch screen {
        case .overview: return nil
        case .topics: return TopicsScreen.model(store: store, state: state, nowMs: nowMs)
        case .eventTypes: return EventTypesScreen.model(store: store, state: state, nowMs: nowMs)
        case .principals: return PrincipalsScreen.model(store: store, state: state, nowMs: nowMs)
        case .decisions: return DecisionsScreen.model(store: store, state: state, nowMs: nowMs)
        case .live: return LiveScreen.model(store: store, state: state, nowMs: nowMs)
        case .traces:
            var search: TraceChainSearch.Result?
            if let filter = state.filters[.traces], !filter.isEmpty {
                search = state.traceSearch.step(
                    query: filter.source, generation: data.generation, nowMs: nowMs, everyChain: { data.recentChains(true) },
                    matches: { TracesScreen.matches($0, filter) })
            }
            return TracesScreen.model(
                recent: data.recentChains(false), search: search, counters: data.traceCounters, maxChains: data.maxChains,
                state: state, nowMs: nowMs)
        case .findings: return FindingsScreen.model(findings: data.findings(), state: state, nowMs: nowMs)
        }
    }
}
