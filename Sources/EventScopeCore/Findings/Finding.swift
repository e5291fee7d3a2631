/// Something an operator should look at: a policy violation or anomaly, with severity, first
/// and last sighting, a count, and an example event or decision.
///
/// Sensitive values never sit in `detail`: the offending value is kept apart in `evidence` and
/// the example payload is rendered through `exampleText(reveal:)`, so screens and JSON output
/// mask them (`••••`) unless the user asked to reveal (`evscope --reveal`).
public struct Finding: Sendable, Identifiable {
    public let id: Int
    public let rule: FindingRule
    public var severity: FindingSeverity
    public var title: String
    public var eventType: String?
    /// The authenticated principal the finding rests on, from an audit decision.
    public var principal: String?
    /// The source an event declared for itself, when the finding rests on that claim instead.
    public var declaredSource: String?
    public var topic: String?
    /// How many times it was seen (denials count their merged `count`).
    public var count: UInt64
    /// When evscope first and last saw it (processing time).
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    /// The earliest and latest time carried by the events or decisions it rests on (event
    /// time), nil when none carried one: a replay or a lagging consumer sees old events now.
    public var firstEventMs: Int64?
    public var lastEventMs: Int64?
    public var example: FindingExample
    /// Explanation without secrets.
    public var detail: String
    /// JSON path of the offending value (schema errors, sensitive fields, PII).
    public var jsonPath: String?
    /// The offending value (capped), shown only when revealed.
    public var evidence: String?
    /// The example payload, with the payload-relative paths to mask.
    public var examplePayload: JSONValue?
    public var maskedPaths: Set<String>

    public init(
        id: Int, rule: FindingRule, severity: FindingSeverity, title: String, eventType: String? = nil, principal: String? = nil,
        declaredSource: String? = nil, topic: String? = nil, count: UInt64 = 1, firstSeenMs: Int64, lastSeenMs: Int64, example: FindingExample, detail: String,
        jsonPath: String? = nil, evidence: String? = nil, examplePayload: JSONValue? = nil, maskedPaths: Set<String> = []
    ) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.title = title
        self.eventType = eventType
        self.principal = principal
        self.declaredSource = declaredSource
        self.topic = topic
        self.count = count
        self.firstSeenMs = firstSeenMs
        self.lastSeenMs = lastSeenMs
        firstEventMs = example.timeMs
        lastEventMs = example.timeMs
        self.example = example
        self.detail = detail
        self.jsonPath = jsonPath
        self.evidence = evidence
        self.examplePayload = examplePayload
        self.maskedPaths = maskedPaths
    }

    /// Who the finding is about, saying whether the broker authenticated it: `User:x` for a
    /// principal from an audit decision, `declared source x (not authenticated)` for an event's claim.
    public var identityText: String? {
        if let principal { return "authenticated principal \(principal) per audit decision" }
        if let declaredSource { return "declared source \(declaredSource) (not authenticated)" }
        return nil
    }

    /// The detail with the evidence appended: masked unless `reveal`. Sanitised for the terminal.
    public func detailText(reveal: Bool = false) -> String {
        var text = TerminalText.escape(detail, limit: 600)
        if let evidence {
            text += ": " + (reveal ? TerminalText.escape(evidence, limit: 200) : JSONValue.maskText)
        }
        return text
    }

    /// The example payload as compact JSON, sensitive fields and detected PII masked unless `reveal`.
    public func exampleText(reveal: Bool = false) -> String? {
        exampleValue(reveal: reveal)?.compactText()
    }

    /// The example payload with masked values replaced by the string `••••` unless `reveal`.
    public func exampleValue(reveal: Bool = false) -> JSONValue? {
        guard let examplePayload else { return nil }
        if reveal || maskedPaths.isEmpty { return examplePayload }
        let patterns = maskedPaths.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        var path: [String] = []
        return Self.masked(examplePayload, path: &path, patterns: patterns)
    }

    private static func masked(_ value: JSONValue, path: inout [String], patterns: [[String]]) -> JSONValue {
        if !path.isEmpty,
            patterns.contains(where: { pattern in
                pattern.count == path.count && zip(pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
            })
        {
            return .string(JSONValue.maskText)
        }
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    path.append(member.key)
                    defer { path.removeLast() }
                    return (key: member.key, value: masked(member.value, path: &path, patterns: patterns))
                })
        case .array(let elements):
            return .array(
                elements.enumerated().map { index, element in
                    path.append(String(index))
                    defer { path.removeLast() }
                    return masked(element, path: &path, patterns: patterns)
                })
        default:
            return value
        }
    }
}
