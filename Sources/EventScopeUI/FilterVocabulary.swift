import EventScopeCore

/// The filter keys each screen understands and the values of the keys that take a fixed set,
/// so a typo gets a message instead of an empty list, and help and completion list them.
public enum FilterVocabulary {
    /// Operations as the audit parsers normalise them (Kafka ACL operation names).
    public static let operations = [
        "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS",
        "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "CREATE_TOKENS", "DESCRIBE_TOKENS", "ALL",
    ]
    /// Words operators use for an operation, and the operation they mean.
    public static let operationAliases = ["publish": "write", "produce": "write", "consume": "read", "fetch": "read"]
    public static let severities = FindingSeverity.allCases.sorted { $0.rawValue > $1.rawValue }.map(\.name)

    /// The `key:` names a screen's rows carry.
    public static func keys(for screen: ScreenID) -> [String] {
        switch screen {
        case .overview: []
        case .topics: ["topic", "type", "source", "principal"]
        case .eventTypes: ["type", "topic", "source", "format"]
        case .principals: ["principal", "topic"]
        case .decisions: ["principal", "op", "resource", "topic", "status", "host", "client", "rule", "format"]
        case .traces: ["type", "principal", "status", "source"]
        case .live: ["topic", "type", "principal", "source", "format", "op", "status", "resource", "host", "client", "rule"]
        case .findings: ["severity", "rule", "principal", "source", "type", "topic"]
        }
    }

    /// The fixed values of `key` on `screen`, or nil when any text may match.
    public static func values(of key: String, on screen: ScreenID) -> [String]? {
        switch key {
        case "op": operations
        case "status": screen == .traces ? TraceChainStatus.allCases.map(\.rawValue) : ["granted", "denied"]
        case "severity": severities
        default: nil
        }
    }

    /// What is wrong with a filter on a screen (an unknown key or value), in one short line.
    public static func problem(with query: FilterQuery, on screen: ScreenID) -> String? {
        let known = keys(for: screen)
        for clause in query.clauses {
            guard case .field(let key, let value) = clause.term else { continue }
            guard known.contains(key) else {
                return "\(screen.title) has no filter key '\(TerminalText.escape(key, limit: 20))' (keys: \(known.joined(separator: " ")))"
            }
            if let values = values(of: key, on: screen), !value.isEmpty,
                !values.contains(where: { TextSearch.contains(lowered: $0.lowercased(), loweredNeedle: value) })
            {
                return "unknown \(key): '\(TerminalText.escape(value, limit: 20))' (one of: \(values.joined(separator: " ")))"
            }
        }
        return nil
    }

    /// Values offered for the word being typed at the end of `draft` (`op:wr` → `WRITE`).
    public static func suggestions(for draft: String, on screen: ScreenID) -> [String] {
        guard let word = draft.split(separator: " ", omittingEmptySubsequences: false).last else { return [] }
        var token = Substring(word)
        while token.hasPrefix("!") { token = token.dropFirst() }
        guard let colon = token.firstIndex(of: ":") else {
            let typed = token.lowercased()
            return typed.isEmpty ? [] : keys(for: screen).filter { $0.hasPrefix(typed) }.map { $0 + ":" }
        }
        let key = FilterQuery.canonicalKey(token[..<colon].lowercased())
        let typed = token[token.index(after: colon)...].lowercased()
        guard let values = values(of: key, on: screen) else { return [] }
        if let alias = key == "op" ? operationAliases[typed] : nil { return [alias.uppercased()] }
        return values.filter { $0.lowercased().hasPrefix(typed) }
    }

    /// `draft` with its last word completed to the first suggestion, or nil when there is none.
    public static func completed(_ draft: String, on screen: ScreenID) -> String? {
        guard let first = suggestions(for: draft, on: screen).first else { return nil }
        var words = draft.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.popLast() else { return nil }
        let negation = String(last.prefix { $0 == "!" })
        let body = last.dropFirst(negation.count)
        if let colon = body.firstIndex(of: ":") {
            words.append(negation + body[...colon] + first)
        } else {
            words.append(negation + first)
        }
        return words.joined(separator: " ")
    }
}
