/// The dashboard's screens, in tab order; the raw value is the digit that selects each.
public enum ScreenID: Int, Sendable, CaseIterable {
    case overview = 1
    case topics
    case eventTypes
    case principals
    case decisions
    case traces
    case live
    case findings

    public var title: String {
        switch self {
        case .overview: "Overview"
        case .topics: "Topics"
        case .eventTypes: "Event types"
        case .principals: "Principals"
        case .decisions: "Decisions"
        case .traces: "Traces"
        case .live: "Live"
        case .findings: "Findings"
        }
    }

    /// The tab label when the full titles do not fit (80 columns): a word, never a cut one.
    public var shortTitle: String {
        switch self {
        case .overview: "Overview"
        case .topics: "Topics"
        case .eventTypes: "Types"
        case .principals: "Who"
        case .decisions: "Audit"
        case .traces: "Traces"
        case .live: "Live"
        case .findings: "Findings"
        }
    }

    public var next: ScreenID { ScreenID(rawValue: rawValue % ScreenID.allCases.count + 1) ?? .overview }
    public var previous: ScreenID {
        ScreenID(rawValue: (rawValue + ScreenID.allCases.count - 2) % ScreenID.allCases.count + 1) ?? .overview
    }
}
