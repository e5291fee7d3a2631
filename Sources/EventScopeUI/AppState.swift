import EventScopeCore

/// Everything the UI remembers between frames: where the operator is, what is selected, and
/// what the view shows while paused. Changed only by `Reducer.reduce`, except the data the
/// frame assembly keeps (`frozenData`, `frozenDetail`, `eventDetail`, `traceSearch`), never
/// decisions.
public struct AppState {
    /// A list's cursor, kept like a scrolled table: the selected item (by key, so it stays on
    /// its item as rows reorder), its row, and the first row shown.
    public struct ListState: Sendable, Equatable {
        /// The selected row's position in the list as last shown.
        public var selected = 0
        /// The first row shown; it moves only as far as needed to keep the selection visible.
        public var offset = 0
        /// The selected item's identity (`ListModel.key`); nil until the list first had a row.
        public var selectedKey: String?
        /// When on, the selection tracks the newest (first) row instead of an item.
        public var follow = false
        public var sortColumn = 0
        /// The sort runs the other way (`r`).
        public var sortReversed = false
        /// Columns after the first scrolled off to the left, so columns dropped for width show.
        public var hiddenColumns = 0

        public init(selected: Int = 0, offset: Int = 0, selectedKey: String? = nil, follow: Bool = false, sortColumn: Int = 0, hiddenColumns: Int = 0) {
            self.selected = selected
            self.offset = offset
            self.selectedKey = selectedKey
            self.follow = follow
            self.sortColumn = sortColumn
            self.hiddenColumns = hiddenColumns
        }
    }

    /// A place `esc` can return to: a screen, the details open on it, and how they were scrolled.
    public struct Place {
        public var screen: ScreenID
        public var details: [DetailTarget]
        public var detailScroll: Int
        /// How many of `details` were opened by the jump that arrived here (esc leaves them at once).
        public var arrivalDepth: Int
    }

    /// How the Decisions screen groups rows.
    public enum DecisionGrouping: String, Sendable, CaseIterable {
        case none, principal, resource, operation
    }

    /// A detail pane opened while paused, kept as it was when opened.
    public struct FrozenDetail {
        public var screen: ScreenID
        public var depth: Int
        public var lines: [DetailLine]
    }

    public var screen: ScreenID = .overview
    public var lists: [ScreenID: ListState] = [:]
    /// The drill-down on the current screen; the last element is shown.
    public var details: [DetailTarget] = []
    /// The first row of the open detail shown (rows as drawn: a wrapped line takes several).
    public var detailScroll = 0
    /// Whether detail panes wrap long lines; when off, `detailColumn` scrolls them sideways.
    public var wrapDetails = true
    /// The first column of detail text shown while wrapping is off.
    public var detailColumn = 0
    /// Places left by jumps (`t`, opening a row on another screen), most recent last.
    public var trail: [Place] = []
    /// How many of `details` came with the jump that arrived on this screen.
    public var arrivalDepth = 0
    public var filters: [ScreenID: FilterQuery] = [:]
    /// Non-nil while the user types a filter.
    public var filterDraft: String?
    /// The filter in force when editing began, restored if the edit is cancelled.
    public var filterBeforeEdit: FilterQuery?
    public var paused = false
    /// Events and decisions ingested when the view was frozen, to count arrivals meanwhile.
    public var pausedAtCount: UInt64 = 0
    public var showHelp = false
    public var helpScroll = 0
    public var showAllowed = false
    /// Live screen: show the entries around each filter match, dimmed.
    public var showContext = false
    public var decisionGrouping: DecisionGrouping = .none
    public var themeIndex = 0
    /// A short note for the status line, e.g. why a key did nothing; cleared by the next key.
    public var message: String?
    /// When the message was first shown, so a tick can retire it.
    public var messageShownAtMs: Int64?
    /// Items ingested when the selection was last anchored to its item.
    public var anchoredAtCount: UInt64?
    /// While paused: the data every list reads, as it was when paused.
    public var frozenData: ScreenData?
    /// While paused: the open detail, as it was when opened.
    public var frozenDetail: FrozenDetail?
    /// The open event's pane: an event never changes, so its pane (a JSON parse and a PII scan)
    /// is built once rather than every frame it stays open.
    public var eventDetail: (event: StoredEvent, lines: [DetailLine])?
    /// The Traces filter's search over every chain held, carried on from frame to frame.
    public let traceSearch = TraceChainSearch()

    /// The Overview's cursor follows its top row (it ranks what is most wrong right now) and
    /// Live's follows the newest arrival, like `tail -f`, until the operator moves it: from then
    /// on it stays on the item chosen.
    public init() {
        lists[.overview] = ListState(follow: true)
        lists[.live] = ListState(follow: true)
    }

    public var list: ListState {
        get { lists[screen] ?? ListState() }
        set { lists[screen] = newValue }
    }

    public var filter: FilterQuery? {
        filters[screen].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The breadcrumb: every place on the trail, then where the operator is now.
    public var breadcrumb: [String] {
        var parts: [String] = []
        for place in trail {
            parts.append(place.screen.title)
            parts += place.details.map(\.crumb)
        }
        if arrivalDepth == 0 || details.isEmpty { parts.append(screen.title) }
        parts += details.map(\.crumb)
        return parts
    }
}
