import EventScopeCore

/// Picks the list model for the current screen.
public enum ScreenModels {
    /// The list shown on a screen, or nil for screens that are not lists (the Overview).
    public static func listModel(for screen: ScreenID, store: Store, state: AppState, nowMs: Int64) -> ListModel? {
        switch screen {
        case .overview: nil
        case .topics: TopicsScreen.model(store: store, state: state, nowMs: nowMs)
        case .eventTypes: EventTypesScreen.model(store: store, state: state, nowMs: nowMs)
        case .principals: PrincipalsScreen.model(store: store, state: state, nowMs: nowMs)
        case .decisions: DecisionsScreen.model(store: store, state: state, nowMs: nowMs)
        case .live: LiveScreen.model(store: store, state: state, nowMs: nowMs)
        case .traces, .findings: nil
        }
    }
}
