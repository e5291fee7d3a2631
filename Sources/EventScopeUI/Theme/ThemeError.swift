/// Why a theme could not be loaded; parse errors name the file and line.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case invalidLine(file: String, line: Int, message: String)
    case notFound(name: String, searched: [String])
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidLine(let file, let line, let message):
            "\(file):\(line): \(message)"
        case .notFound(let name, let searched):
            "theme '\(name)' not found (looked in: \(searched.joined(separator: ", ")))"
        case .unreadable(let path, let reason):
            "cannot read theme \(path): \(reason)"
        }
    }
}
