/// A frame: a rectangle of cells that widgets draw into and a backend presents.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills a rectangle (clipped to the grid) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let x0 = max(rect.x, 0)
        let x1 = min(rect.maxX, width)
        let y0 = max(rect.y, 0)
        let y1 = min(rect.maxY, height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// Sets the role of every cell in a rectangle, keeping the text (used for selection bars).
    public mutating func paintRole(_ rect: Rect, role: Role) {
        let x0 = max(rect.x, 0)
        let x1 = min(rect.maxX, width)
        let y0 = max(rect.y, 0)
        let y1 = min(rect.maxY, height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x].role = role }
        }
    }

    /// Writes text at (x, y), never past `maxWidth` columns or the grid's edge, and returns the
    /// number of columns used. Text is expected to be sanitised already; control characters
    /// that slip through are drawn as `?` rather than sent to the terminal.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int = Int.max, role: Role = .normal) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth, width - x)
        guard limit > 0 else { return 0 }
        var column = 0
        let base = y * width
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Fast path for all-ASCII text (most of a dashboard): one column per byte, no
            // grapheme breaking; controls become `?` as below.
            for byte in text.utf8 {
                if column >= limit { break }
                let cellX = x + column
                if cellX >= 0 { cells[base + cellX] = Cell(Grid.asciiText[Int(byte)], role: role) }
                column += 1
            }
            return column
        }
        for character in text {
            var drawn = character
            var columns = DisplayWidth.of(character)
            if columns == 0 {
                if let scalar = character.unicodeScalars.first, scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
                    drawn = "?"
                    columns = 1
                } else {
                    continue  // a stray combining mark with nothing to attach to
                }
            }
            if column + columns > limit { break }
            let cellX = x + column
            if cellX >= 0 {
                cells[base + cellX] = Cell(String(drawn), role: role)
                if columns == 2, cellX + 1 < width { cells[base + cellX + 1] = Cell("", role: role) }
            }
            column += columns
        }
        return column
    }

    /// One-character strings for ASCII, built once so writing text does not allocate per cell.
    static let asciiText: [String] = (0..<128).map { value in
        value >= 0x20 && value < 0x7F ? String(UnicodeScalar(UInt8(value))) : "?"
    }

    /// Text of each row; continuation cells contribute nothing so wide characters read naturally.
    public var textLines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            return line
        }
    }

    /// Role runs of a row, as `role:start-end` items, for snapshot tests of colouring.
    public func roleRuns(row y: Int) -> [(role: Role, start: Int, end: Int)] {
        var runs: [(role: Role, start: Int, end: Int)] = []
        for x in 0..<width {
            let role = cells[y * width + x].role
            if let last = runs.last, last.role == role, last.end == x - 1 {
                runs[runs.count - 1].end = x
            } else {
                runs.append((role, x, x))
            }
        }
        return runs
    }
}
