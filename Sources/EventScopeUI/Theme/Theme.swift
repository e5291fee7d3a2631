import EventScopeCore
import Foundation

/// Maps every role to a style; the only place colours are chosen.
///
/// Theme files hold one `role = foreground background [attributes...]` line per role, with `#`
/// comments. A role left out looks like `normal`. See `themes/dark.theme` for the format.
public struct Theme: Sendable, Equatable {
    public var name: String
    private var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role, falling back to `normal` and then to the terminal's defaults.
    public func style(for role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// A copy with every colour removed and only attributes kept.
    public var withoutColors: Theme {
        Theme(name: name, styles: styles.mapValues { Style(attributes: $0.attributes) })
    }

    /// Parses theme file text.
    ///
    /// - Parameter file: the name used in error messages.
    /// - Throws: `ThemeError.invalidLine` for an unknown role, colour or attribute, a
    ///   missing `=`, or a role given twice.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let roleByKey = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.themeKey, $0) })
        var styles: [Role: Style] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            func failure(_ message: String) -> ThemeError { .invalidLine(file: file, line: lineNumber, message: message) }
            let trimmed = withoutComment(rawLine).trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let sides = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard sides.count == 2 else { throw failure("expected 'role = foreground background [attributes]'") }
            let key = sides[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard let role = roleByKey[key] else {
                throw failure("unknown role '\(TerminalText.escape(key, limit: 40))' (known: \(Role.allCases.map(\.themeKey).joined(separator: ", ")))")
            }
            guard styles[role] == nil else { throw failure("role '\(key)' given twice") }
            let words = sides[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2 else { throw failure("role '\(key)' needs a foreground and a background colour") }
            guard let foreground = Color(themeValue: words[0]) else { throw failure("bad colour '\(TerminalText.escape(words[0], limit: 40))'") }
            guard let background = Color(themeValue: words[1]) else { throw failure("bad colour '\(TerminalText.escape(words[1], limit: 40))'") }
            var attributes: TextAttributes = []
            for word in words.dropFirst(2) {
                guard let attribute = TextAttributes.names.first(where: { $0.0 == word.lowercased() })?.1 else {
                    throw failure("unknown attribute '\(TerminalText.escape(word, limit: 40))' (known: bold, underline, reverse, dim)")
                }
                attributes.insert(attribute)
            }
            styles[role] = Style(foreground: foreground, background: background, attributes: attributes)
        }
        return Theme(name: name, styles: styles)
    }

    /// The line up to its comment: a `#` that starts the line or is followed by a space,
    /// so `#rrggbb` colours are not mistaken for comments.
    static func withoutComment(_ line: Substring) -> Substring {
        var previousIsSpace = true
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == "#" {
                let followedBySpace = next == line.endIndex || line[next] == " " || line[next] == "\t" || line[next] == "\r"
                if followedBySpace || (previousIsSpace && line[line.startIndex..<index].allSatisfy { $0 == " " || $0 == "\t" }) {
                    return line[line.startIndex..<index]
                }
            }
            previousIsSpace = character == " " || character == "\t"
            index = next
        }
        return line
    }
}
