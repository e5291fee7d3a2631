import EventScopeCore

/// The `/` filter language: free text, `key:value` terms, `!` negation, `denied` / `granted`,
/// `new` (topics, event types and principals first seen in the last minutes).
///
/// All terms must match (AND). Free text matches anywhere in a row's text, case-insensitively;
/// `key:value` matches when the row's field of that key contains the value; `!term` inverts a
/// term. Unknown keys match nothing rather than everything, so a typo shows an empty list
/// instead of silently showing all rows.
public struct FilterQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case text(String)
        case field(key: String, value: String)
        case decision(granted: Bool)
        case isNew
    }

    public struct Clause: Sendable, Equatable {
        public var term: Term
        public var negated: Bool
    }

    public let source: String
    public let clauses: [Clause]

    public static let knownKeys: Set<String> = [
        "principal", "type", "topic", "op", "status", "source", "resource", "severity", "rule", "format", "host", "client",
    ]

    public init(_ source: String) {
        self.source = source
        var clauses: [Clause] = []
        for word in source.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var token = Substring(word)
            var negated = false
            while token.hasPrefix("!") {
                negated.toggle()
                token = token.dropFirst()
            }
            guard !token.isEmpty else { continue }
            let lower = token.lowercased()
            if lower == "denied" || lower == "granted" || lower == "allowed" {
                clauses.append(Clause(term: .decision(granted: lower != "denied"), negated: negated))
            } else if lower == "new" {
                clauses.append(Clause(term: .isNew, negated: negated))
            } else if let colon = lower.firstIndex(of: ":"), colon != lower.startIndex {
                let key = String(lower[..<colon])
                let canonical = FilterQuery.canonicalKey(key)
                var value = String(lower[lower.index(after: colon)...])
                // Operators say "publish" or "consume"; the audit records say WRITE and READ.
                if canonical == "op", let operation = FilterVocabulary.operationAliases[value] { value = operation }
                clauses.append(Clause(term: .field(key: canonical, value: value), negated: negated))
            } else {
                clauses.append(Clause(term: .text(lower), negated: negated))
            }
        }
        self.clauses = clauses
    }

    public var isEmpty: Bool { clauses.isEmpty }

    /// Whether a row matches. `fields` keys are canonical names; values are compared lower-cased.
    /// `isNew` is nil for rows that cannot be new (then `new` matches nothing).
    public func matches(text: String, fields: [String: String], granted: Bool? = nil, isNew: Bool? = nil) -> Bool {
        if clauses.isEmpty { return true }
        let lowerText = text.lowercased()
        for clause in clauses {
            let hit: Bool
            switch clause.term {
            case .text(let needle):
                hit = TextSearch.contains(lowered: lowerText, loweredNeedle: needle)
            case .field(let key, let value):
                if let field = fields[key] {
                    hit = TextSearch.contains(lowered: field.lowercased(), loweredNeedle: value)
                } else {
                    hit = false
                }
            case .decision(let wantGranted):
                hit = granted == wantGranted
            case .isNew:
                hit = isNew == true
            }
            if hit == clause.negated { return false }
        }
        return true
    }

    /// The name a key is known by (`p` and `user` are `principal`).
    public static func canonicalKey(_ key: String) -> String {
        switch key {
        case "p", "user": "principal"
        case "t", "event", "eventtype": "type"
        case "operation", "o": "op"
        case "res": "resource"
        default: key
        }
    }
}
