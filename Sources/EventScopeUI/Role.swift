/// The meaning of a cell, which a theme maps to colours. Widgets never pick colours.
public enum Role: UInt8, Sendable, CaseIterable {
    case normal
    case muted
    case title
    case header
    case selection
    case tabActive
    case tabInactive
    case statusBar
    case statusOK
    case statusWarn
    case statusError
    case denied
    case granted
    case warning
    case accent
    case severityHigh
    case severityMedium
    case severityLow
    case sparkline
    case border
    case key
    case inferred

    /// The name used in theme files.
    public var themeKey: String {
        switch self {
        case .normal: "normal"
        case .muted: "muted"
        case .title: "title"
        case .header: "header"
        case .selection: "selection"
        case .tabActive: "tab-active"
        case .tabInactive: "tab-inactive"
        case .statusBar: "status-bar"
        case .statusOK: "status-ok"
        case .statusWarn: "status-warn"
        case .statusError: "status-error"
        case .denied: "denied"
        case .granted: "granted"
        case .warning: "warning"
        case .accent: "accent"
        case .severityHigh: "severity-high"
        case .severityMedium: "severity-medium"
        case .severityLow: "severity-low"
        case .sparkline: "sparkline"
        case .border: "border"
        case .key: "key"
        case .inferred: "inferred"
        }
    }
}
