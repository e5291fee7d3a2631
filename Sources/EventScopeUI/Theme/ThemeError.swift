import EventScopeCore

/// Why a theme could not be loaded; parse errors name the file and line.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case invalidLine(file: String, line: Int, message: String)
    case notFound(name: String, searched: [String])
    case unreadable(path: String, reason: String)

    /// Names and paths come from the command line or a config file and are printed on stderr,
    /// so they are escaped (a name carrying ESC sequences must not drive the terminal).
    public var description: String {
        switch self {
        case .invalidLine(let file, let line, let message):
            "\(TerminalText.escape(file, limit: 200)):\(line): \(message)"
        case .notFound(let name, let searched):
            "theme '\(TerminalText.escape(name, limit: 80))' not found (looked in: \(TerminalText.escape(searched.joined(separator: ", "))))"
        case .unreadable(let path, let reason):
            "cannot read theme \(TerminalText.escape(path, limit: 200)): \(TerminalText.escape(reason))"
        }
    }
}
