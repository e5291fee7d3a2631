/// A bar chart of recent values in block characters, newest at the right edge.
///
/// Values are scaled to the largest one shown (or `maxValue`); any value above zero gets at
/// least the lowest bar so activity is never invisible. A taller rect gives 8 levels per row.
public struct Sparkline: Sendable {
    public var values: [Double]
    /// The value drawn as a full bar; nil scales to the largest visible value.
    public var maxValue: Double?
    public var role: Role

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Columns of a `LAST 60s` table cell: five seconds each. The column is this wide or not
    /// shown, since a cut sparkline would drop its newest end.
    public static let cellWidth = 12

    public init(values: [Double], maxValue: Double? = nil, role: Role = .sparkline) {
        self.values = values
        self.maxValue = maxValue
        self.role = role
    }

    public init(values: [UInt32], maxValue: Double? = nil, role: Role = .sparkline) {
        self.init(values: values.map(Double.init), maxValue: maxValue, role: role)
    }

    /// Eighths of bar height (0 to 8 × rows) for each shown value, oldest first.
    public static func heights(_ values: [Double], maxValue: Double?, rows: Int) -> [Int] {
        let clean = values.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let top = maxValue.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? (clean.max() ?? 0)
        let steps = 8 * max(0, rows)
        guard top > 0, steps > 0 else { return clean.map { _ in 0 } }
        return clean.map { value in
            guard value > 0 else { return 0 }
            let scaled = (min(value, top) / top * Double(steps)).rounded()
            return min(steps, max(1, Int(scaled)))
        }
    }

    /// Every value as one row of at most `width` block characters (for table cells), blanks for
    /// zero: when there are more values than columns, each column sums an equal run of them, so
    /// a cell headed `LAST 60s` covers 60 seconds.
    public static func text(_ values: [UInt32], width: Int) -> String {
        String(heights(columns(values, width: width), maxValue: nil, rows: 1).map { $0 == 0 ? " " : levels[$0 - 1] })
    }

    /// `values` summed into at most `width` columns of equal runs, newest last; the oldest
    /// column is the one left short when the runs do not divide evenly.
    static func columns(_ values: [UInt32], width: Int) -> [Double] {
        guard width > 0 else { return [] }
        let run = (values.count + width - 1) / width
        guard run > 1 else { return values.map(Double.init) }
        var columns: [Double] = []
        var end = values.count
        while end > 0 {
            let start = max(0, end - run)
            columns.append(values[start..<end].reduce(0.0) { $0 + Double($1) })
            end = start
        }
        return columns.reversed()
    }

    /// Draws the newest `rect.width` values, right-aligned.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, with: Cell(" ", role: role))
        let shown = Array(values.suffix(rect.width))
        let heights = Sparkline.heights(shown, maxValue: maxValue, rows: rect.height)
        let startX = rect.maxX - heights.count
        for (offset, height) in heights.enumerated() {
            for row in 0..<rect.height {
                // Row 0 is the bottom of the chart.
                let eighths = min(8, max(0, height - row * 8))
                guard eighths > 0 else { break }
                grid[startX + offset, rect.maxY - 1 - row] = Cell(String(Sparkline.levels[eighths - 1]), role: role)
            }
        }
    }
}
