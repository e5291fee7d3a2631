/// The screen shown instead of the dashboard when the terminal is below the minimum size.
public enum TooSmall {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// The message, on one line if it fits, else split into short lines.
    public static func lines(width: Int, height: Int, needWidth: Int = minimumWidth, needHeight: Int = minimumHeight) -> [String] {
        let need = "need \(needWidth)×\(needHeight),"
        let have = "have \(width)×\(height)"
        let single = "terminal too small: \(need) \(have)"
        if DisplayWidth.of(single) <= width { return [single] }
        return ["terminal too small:", need, have]
    }

    /// Whether a grid of this size needs the too-small screen.
    public static func applies(width: Int, height: Int, needWidth: Int = minimumWidth, needHeight: Int = minimumHeight) -> Bool {
        width < needWidth || height < needHeight
    }

    /// Clears the grid and centres the message in it.
    public static func render(into grid: inout Grid, needWidth: Int = minimumWidth, needHeight: Int = minimumHeight) {
        grid.fill(grid.bounds)
        let text = lines(width: grid.width, height: grid.height, needWidth: needWidth, needHeight: needHeight)
        let top = max(0, (grid.height - text.count) / 2)
        for (index, line) in text.enumerated() {
            let x = max(0, (grid.width - DisplayWidth.of(line)) / 2)
            grid.write(line, x: x, y: top + index, role: index == 0 ? .warning : .normal)
        }
    }
}
