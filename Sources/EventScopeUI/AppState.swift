import EventScopeCore

/// Everything the UI remembers between frames; changed only by `reduce`.
public struct AppState: Sendable {
    public struct ListState: Sendable, Equatable {
        public var selected = 0
        public var scroll = 0
        public var sortColumn = 0
    }

    /// How the Decisions screen groups rows.
    public enum DecisionGrouping: String, Sendable, CaseIterable {
        case none, principal, resource, operation
    }

    public var screen: ScreenID = .overview
    public var lists: [ScreenID: ListState] = [:]
    /// The drill-down stack; the last element is shown. Esc pops it.
    public var details: [DetailTarget] = []
    public var detailScroll = 0
    public var filters: [ScreenID: FilterQuery] = [:]
    /// Non-nil while the user types a filter.
    public var filterDraft: String?
    public var paused = false
    /// Events and decisions ingested when the view was frozen, to count arrivals meanwhile.
    public var pausedAtCount: UInt64 = 0
    public var showHelp = false
    public var showAllowed = false
    /// Live screen: show the entries around each filter match, dimmed.
    public var showContext = false
    public var decisionGrouping: DecisionGrouping = .none
    public var themeIndex = 0
    public var shouldQuit = false

    public init() {}

    public var list: ListState {
        get { lists[screen] ?? ListState() }
        set { lists[screen] = newValue }
    }

    public var filter: FilterQuery? {
        filters[screen].flatMap { $0.isEmpty ? nil : $0 }
    }
}
