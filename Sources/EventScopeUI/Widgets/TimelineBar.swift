/// A horizontal bar placed by start and end fractions of a width, for per-hop timelines.
///
/// The bar always covers at least one cell, so an instant still shows; the rest of the
/// track is dotted so position reads without colour.
public struct TimelineBar: Sendable {
    public var start: Double
    public var end: Double
    public var role: Role
    public var showsTrack: Bool

    public init(start: Double, end: Double, role: Role = .accent, showsTrack: Bool = true) {
        self.start = start
        self.end = end
        self.role = role
        self.showsTrack = showsTrack
    }

    /// The columns covered by the bar within `width` columns.
    public static func columns(start: Double, end: Double, width: Int) -> Range<Int> {
        guard width > 0 else { return 0..<0 }
        func clamp(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
        let from = clamp(min(start, end))
        let to = clamp(max(start, end))
        let first = min(width - 1, Int((from * Double(width)).rounded(.down)))
        let last = max(first + 1, min(width, Int((to * Double(width)).rounded(.up))))
        return first..<last
    }

    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        grid.fill(row, with: showsTrack ? Cell("·", role: .muted) : .blank)
        let covered = TimelineBar.columns(start: start, end: end, width: row.width)
        grid.fill(Rect(x: row.x + covered.lowerBound, y: row.y, width: covered.count, height: 1), with: Cell("█", role: role))
    }
}
