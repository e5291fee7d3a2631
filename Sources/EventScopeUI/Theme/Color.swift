/// A terminal colour as written in a theme, reduced to what the terminal supports when drawn.
public enum Color: Sendable, Equatable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours: 0–7 basic, 8–15 bright.
    case ansi(Int)
    /// An index into the xterm 256-colour palette.
    case indexed(Int)
    /// A true colour, reduced to the nearest palette entry.
    case rgb(UInt8, UInt8, UInt8)

    /// Names accepted in theme files, in ANSI order.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, `red`, `bright-red`, `0`–`255` or `#rrggbb`; nil for anything else.
    public init?(themeValue: String) {
        let value = themeValue.lowercased()
        if value == "default" || value == "none" {
            self = .default
        } else if let index = Color.ansiNames.firstIndex(of: value) {
            self = .ansi(index)
        } else if value.hasPrefix("bright-"), let index = Color.ansiNames.firstIndex(of: String(value.dropFirst(7))) {
            self = .ansi(index + 8)
        } else if value.hasPrefix("#"), value.count == 7, let number = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8((number >> 16) & 0xFF), UInt8((number >> 8) & 0xFF), UInt8(number & 0xFF))
        } else if value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), let index = Int(value), (0...255).contains(index) {
            self = .indexed(index)
        } else {
            return nil
        }
    }

    /// The colour number for a terminal with `depth` colours; -1 means the terminal default.
    public func number(for depth: ColorDepth) -> Int {
        switch (self, depth) {
        case (_, .none), (.default, _):
            return -1
        case (.ansi(let index), .eight):
            return index % 8
        case (.ansi(let index), _):
            return min(max(index, 0), 15)
        case (.indexed(let index), .full256):
            return index
        case (.indexed(let index), .sixteen) where index < 16:
            return index
        case (.indexed(let index), .eight) where index < 16:
            return index % 8
        case (.indexed(let index), _):
            let (r, g, b) = Color.xtermRGB(index)
            return Color.nearest(r, g, b, in: depth)
        case (.rgb(let r, let g, let b), _):
            return Color.nearest(Int(r), Int(g), Int(b), in: depth)
        }
    }

    /// The xterm default RGB value of a 256-palette index.
    public static func xtermRGB(_ index: Int) -> (Int, Int, Int) {
        let index = min(max(index, 0), 255)
        if index < 16 { return ansiRGB[index] }
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The closest palette entry by squared RGB distance. In 256 colours only the cube and the
    /// grey ramp are candidates, because users often redefine the first 16.
    static func nearest(_ r: Int, _ g: Int, _ b: Int, in depth: ColorDepth) -> Int {
        let candidates: Range<Int>
        switch depth {
        case .none: return -1
        case .eight: candidates = 0..<8
        case .sixteen: candidates = 0..<16
        case .full256: candidates = 16..<256
        }
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let (cr, cg, cb) = xtermRGB(index)
            let distance = (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
