extension JSONValue {
    /// The text shown instead of a masked value.
    public static let maskText = "••••"

    /// Renders indented JSON for detail panes, printing the values at `maskedPaths` as `••••`.
    ///
    /// Masked paths are dotted (`data.request.password`); a `*` component matches any key or
    /// array index (`http_request.http_headers.*.value`). Control characters in strings are
    /// written as JSON escapes, so the output holds no raw terminal controls.
    public func pretty(indent: Int = 2, maskedPaths: Set<String> = []) -> String {
        var out = ""
        let patterns = maskedPaths.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        var path: [String] = []
        write(to: &out, indent: max(0, indent), level: 0, path: &path, patterns: patterns)
        return out
    }

    /// Renders compact single-line JSON (no masking).
    public func compactText() -> String {
        var out = ""
        var path: [String] = []
        write(to: &out, indent: nil, level: 0, path: &path, patterns: [])
        return out
    }

    private func write(to out: inout String, indent: Int?, level: Int, path: inout [String], patterns: [[String]]) {
        if !patterns.isEmpty, !path.isEmpty, patterns.contains(where: { Self.matches($0, path) }) {
            out += Self.maskText
            return
        }
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += Self.format(value)
        case .string(let text): Self.writeQuoted(text, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { out += "," }
                Self.newline(&out, indent: indent, level: level + 1)
                path.append(String(position))
                element.write(to: &out, indent: indent, level: level + 1, path: &path, patterns: patterns)
                path.removeLast()
            }
            Self.newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { out += "," }
                Self.newline(&out, indent: indent, level: level + 1)
                Self.writeQuoted(member.key, to: &out)
                out += indent == nil ? ":" : ": "
                path.append(member.key)
                member.value.write(to: &out, indent: indent, level: level + 1, path: &path, patterns: patterns)
                path.removeLast()
            }
            Self.newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func matches(_ pattern: [String], _ path: [String]) -> Bool {
        guard pattern.count == path.count else { return false }
        for (want, have) in zip(pattern, path) where want != "*" && want != have { return false }
        return true
    }

    private static func newline(_ out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    private static func writeQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F...0x9F:
                // DEL and C1 are legal raw in JSON but act as terminal controls, so escape them too.
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
