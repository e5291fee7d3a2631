/// Splits rectangles into rows or columns by constraints; pure arithmetic, never draws.
///
/// Space is handed out in order: fixed, minimum and percentage sizes first (clipped in order
/// when the space runs out, so earlier regions win), then the remainder to `fill` and `min`
/// regions by weight. The rectangles always tile the input without overlap.
public enum Layout {
    /// Rows stacked top to bottom, `spacing` empty rows between neighbours.
    public static func vertical(_ constraints: [LayoutConstraint], in rect: Rect, spacing: Int = 0) -> [Rect] {
        var y = rect.y
        return sizes(constraints, total: rect.height, spacing: spacing).map { height in
            defer { y += height + max(0, spacing) }
            return Rect(x: rect.x, y: min(y, rect.maxY), width: rect.width, height: height)
        }
    }

    /// Columns placed left to right, `spacing` empty columns between neighbours.
    public static func horizontal(_ constraints: [LayoutConstraint], in rect: Rect, spacing: Int = 0) -> [Rect] {
        var x = rect.x
        return sizes(constraints, total: rect.width, spacing: spacing).map { width in
            defer { x += width + max(0, spacing) }
            return Rect(x: min(x, rect.maxX), y: rect.y, width: width, height: rect.height)
        }
    }

    /// The length given to each constraint out of `total` cells.
    public static func sizes(_ constraints: [LayoutConstraint], total: Int, spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let whole = max(0, total)
        var remaining = max(0, whole - max(0, spacing) * (constraints.count - 1))
        var result = Array(repeating: 0, count: constraints.count)
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let cells), .min(let cells): wanted = max(0, cells)
            case .percentage(let percent): wanted = whole * Swift.min(Swift.max(percent, 0), 100) / 100
            case .fill: wanted = 0
            }
            let granted = Swift.min(wanted, remaining)
            result[index] = granted
            remaining -= granted
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let weight): Swift.max(weight, 0)
            case .min: 1
            case .fixed, .percentage: 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, remaining > 0 else { return result }
        var handedOut = 0
        for index in weights.indices where weights[index] > 0 {
            let share = remaining * weights[index] / totalWeight
            result[index] += share
            handedOut += share
        }
        // Rounding leftovers go to the last weighted region so the split is exact.
        if let last = weights.lastIndex(where: { $0 > 0 }) { result[last] += remaining - handedOut }
        return result
    }
}
