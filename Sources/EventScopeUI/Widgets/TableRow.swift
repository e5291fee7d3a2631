/// One row of a `Table`: cell texts, the role of the whole row and a marker that says the same
/// thing as the colour (so colour is never the only signal).
public struct TableRow: Sendable, Equatable {
    public var cells: [String]
    public var role: Role
    /// One character drawn in the gutter, e.g. `✗` on a denied row; nil for none.
    public var marker: Character?
    /// Optional per-cell roles (same order as `cells`); nil entries use the row role.
    public var cellRoles: [Role?]

    public init(_ cells: [String], role: Role = .normal, marker: Character? = nil, cellRoles: [Role?] = []) {
        self.cells = cells
        self.role = role
        self.marker = marker ?? TableRow.defaultMarker(for: role)
        self.cellRoles = cellRoles
    }

    /// The marker a row gets from its role when none is given.
    public static func defaultMarker(for role: Role) -> Character? {
        switch role {
        case .denied, .statusError, .severityHigh: "✗"
        case .warning, .statusWarn, .severityMedium: "!"
        case .inferred: "~"
        default: nil
        }
    }
}
