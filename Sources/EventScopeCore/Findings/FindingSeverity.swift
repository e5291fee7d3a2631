/// How urgently a finding wants attention; ordered low < medium < high.
public enum FindingSeverity: Int, Sendable, Comparable, CaseIterable {
    case low = 1
    case medium = 2
    case high = 3

    public var name: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        }
    }

    /// Parses `low` / `medium` / `high` (case-insensitive), as `--fail-on` takes them.
    public init?(name: String) {
        switch name.lowercased() {
        case "low": self = .low
        case "medium", "med": self = .medium
        case "high": self = .high
        default: return nil
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rawValue < rhs.rawValue }
}
