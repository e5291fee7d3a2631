/// Everything a key can do. The key map binds keys to these; help and hints describe them.
public enum Command: String, Sendable, CaseIterable {
    case quit
    case help
    case nextScreen = "next-screen"
    case previousScreen = "previous-screen"
    case screenOverview = "screen-overview"
    case screenTopics = "screen-topics"
    case screenEventTypes = "screen-event-types"
    case screenPrincipals = "screen-principals"
    case screenDecisions = "screen-decisions"
    case screenTraces = "screen-traces"
    case screenLive = "screen-live"
    case screenFindings = "screen-findings"
    case up
    case down
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top
    case bottom
    case open
    case back
    case pause
    case sort
    case reverseSort = "reverse-sort"
    case filter
    case toggleAllowed = "toggle-allowed"
    case groupBy = "group-by"
    case jumpToTrace = "jump-to-trace"
    case cycleTheme = "cycle-theme"
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case context
    case sources
    case follow
    case wrap
    case scrollLeft = "scroll-left"
    case scrollRight = "scroll-right"

    /// Short label for the hint bar.
    public var label: String {
        switch self {
        case .quit: "quit"
        case .help: "help"
        case .nextScreen: "next"
        case .previousScreen: "prev"
        case .screenOverview: "overview"
        case .screenTopics: "topics"
        case .screenEventTypes: "types"
        case .screenPrincipals: "principals"
        case .screenDecisions: "decisions"
        case .screenTraces: "traces"
        case .screenLive: "live"
        case .screenFindings: "findings"
        case .up: "up"
        case .down: "down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "top"
        case .bottom: "bottom"
        case .open: "open"
        case .back: "back"
        case .pause: "pause"
        case .sort: "sort"
        case .reverseSort: "reverse"
        case .filter: "filter"
        case .toggleAllowed: "allowed"
        case .groupBy: "group"
        case .jumpToTrace: "trace"
        case .cycleTheme: "theme"
        case .nextMatch: "next match"
        case .previousMatch: "prev match"
        case .context: "context"
        case .sources: "sources"
        case .follow: "follow"
        case .wrap: "wrap"
        case .scrollLeft: "scroll left"
        case .scrollRight: "scroll"
        }
    }

    /// One line for the help screen.
    public var summary: String {
        switch self {
        case .quit: "Quit and restore the terminal"
        case .help: "Show or hide this help"
        case .nextScreen: "Next screen"
        case .previousScreen: "Previous screen"
        case .screenOverview, .screenTopics, .screenEventTypes, .screenPrincipals, .screenDecisions,
            .screenTraces, .screenLive, .screenFindings:
            "Go to the \(screen?.title ?? "") screen"
        case .up: "Move the selection up"
        case .down: "Move the selection down"
        case .pageUp: "Move one page up"
        case .pageDown: "Move one page down"
        case .top: "Jump to the first row"
        case .bottom: "Jump to the last row"
        case .open: "Open the detail of the selected row"
        case .back: "Go back where you came from (the breadcrumb shows the path); close help"
        case .pause: "Freeze the data shown; ingest continues and arrivals are counted; sort, group and filter still apply"
        case .sort: "Cycle the sort column (the header marks it: ▼ largest first, ▲ smallest)"
        case .reverseSort: "Reverse the sort"
        case .filter: "Filter: text, key:value, !negation, denied, granted (keys per screen below)"
        case .toggleAllowed: "Decisions: show allowed decisions too"
        case .groupBy: "Decisions: group by principal / resource / operation"
        case .jumpToTrace: "Jump to the trace chain of the selected event"
        case .cycleTheme: "Switch to the next theme"
        case .nextMatch: "Next filter match in the detail pane"
        case .previousMatch: "Previous filter match in the detail pane"
        case .context: "Live: show the lines around filter matches (dimmed)"
        case .sources: "Sources: connection state, lag, unparseable records and logs of every source"
        case .follow: "Keep the selection on the newest row instead of on its item (toggle)"
        case .wrap: "Details: wrap long lines, or cut them at … (toggle)"
        case .scrollLeft: "Scroll back left (list columns; unwrapped details)"
        case .scrollRight: "Scroll right: columns out of view (« »), cut lines"
        }
    }

    /// The screen a screen-switching command goes to.
    public var screen: ScreenID? {
        switch self {
        case .screenOverview: .overview
        case .screenTopics: .topics
        case .screenEventTypes: .eventTypes
        case .screenPrincipals: .principals
        case .screenDecisions: .decisions
        case .screenTraces: .traces
        case .screenLive: .live
        case .screenFindings: .findings
        default: nil
        }
    }
}
