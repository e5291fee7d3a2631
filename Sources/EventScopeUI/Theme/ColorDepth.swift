/// How many colours the terminal can show, which decides how theme colours are reduced.
public enum ColorDepth: Sendable, Equatable {
    case none
    case eight
    case sixteen
    case full256

    /// The depth for a terminal reporting `count` colours (ncurses `COLORS`).
    public init(colorCount: Int) {
        switch colorCount {
        case 256...: self = .full256
        case 16...: self = .sixteen
        case 8...: self = .eight
        default: self = .none
        }
    }
}
