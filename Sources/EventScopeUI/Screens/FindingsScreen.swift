import EventScopeCore

/// The Findings list: policy violations and anomalies, most severe first, newest first within
/// a severity; each row carries a severity marker so colour is never the only signal.
public enum FindingsScreen {
    public static let sorts = [SortOrder("severity", column: 0), SortOrder("newest", column: 4, ascending: true), SortOrder("count", column: 3)]

    /// The list model; `findings` come from `FindingEngine.findings` (any order).
    public static func model(findings: [Finding], state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.findings]
        let candidates = filter.map { query in findings.filter { matches(query, $0) } } ?? findings
        let sort = sorts[(state.lists[.findings]?.sortColumn ?? 0) % sorts.count].name
        // Sort keys are copied out once: passing findings to a comparator copies the whole
        // struct (and retains every field) on each comparison.
        let keys = candidates.map { (severity: $0.severity.rawValue, last: $0.lastSeenMs, count: $0.count, id: $0.id) }
        // Resolved once: matching the sort's name inside the comparator compared strings on
        // every comparison.
        let byNewest = sort == "newest"
        let byCount = sort == "count"
        let order: [Int] = keys.indices.sorted { i, j in
            let a = keys[i]
            let b = keys[j]
            if byNewest, a.last != b.last { return a.last > b.last }
            if byCount, a.count != b.count { return a.count > b.count }
            // Then the screen's standing order (FindingEngine.precedes): severity, recency, id.
            if a.severity != b.severity { return a.severity > b.severity }
            if a.last != b.last { return a.last > b.last }
            return a.id < b.id
        }

        let columns = [
            TableColumn("SEV", minWidth: 4, preferredWidth: 6, priority: 0),
            TableColumn("RULE", minWidth: 10, preferredWidth: 25, priority: 1),
            TableColumn("FINDING", minWidth: 16, preferredWidth: 36, priority: 0, fills: true),
            TableColumn("COUNT", minWidth: 5, preferredWidth: 6, alignment: .right, priority: 2),
            TableColumn("LAST", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 1),
            TableColumn("FIRST", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 4),
            TableColumn("WHO", minWidth: 10, preferredWidth: 28, priority: 3, cut: .middle),
            TableColumn("TOPIC", minWidth: 8, preferredWidth: 16, priority: 3),
        ]
        let high = keys.filter { $0.severity == FindingSeverity.high.rawValue }.count
        let medium = keys.filter { $0.severity == FindingSeverity.medium.rawValue }.count
        return ListModel(
            columns: columns, count: order.count, sorts: sorts,
            emptyText: filter == nil ? "No findings — nothing looks wrong yet" : "No finding matches the filter",
            summary: "\(order.count) findings · \(high) high · \(medium) medium · \(order.count - high - medium) low",
            key: { index in "F\(keys[order[index]].id)" }
        ) { index in
            let finding = candidates[order[index]]
            return ListRow(
                cells: [
                    finding.severity.name, finding.rule.rawValue, TerminalText.escape(finding.title, limit: 300),
                    Format.count(finding.count), Format.age(finding.lastSeenMs, nowMs: nowMs), Format.age(finding.firstSeenMs, nowMs: nowMs),
                    whoText(finding), TerminalText.escape(finding.topic ?? "-", limit: 80),
                ],
                role: role(finding.severity), marker: marker(finding.severity), target: .finding(finding.id))
        }
    }

    /// The detail pane of one finding, masked unless `reveal`.
    public static func detailLines(_ finding: Finding, nowMs: Int64, reveal: Bool = false) -> [DetailLine] {
        func field(_ name: String, _ value: String?, role: Role = .normal) -> DetailLine { DetailContent.field(name, value, role: role) }
        var out = [DetailLine("\(marker(finding.severity)) \(TerminalText.escape(finding.title, limit: 300))", role: role(finding.severity))]
        out.append(field("severity", finding.severity.name, role: role(finding.severity)))
        out.append(field("rule", finding.rule.rawValue))
        out.append(field("event type", finding.eventType.map { TerminalText.escape($0, limit: 200) }))
        out.append(field("rests on", finding.identityText.map { TerminalText.escape($0, limit: 300) }))
        out.append(field("topic", finding.topic.map { TerminalText.escape($0, limit: 200) }))
        out.append(field("count", Format.count(finding.count)))
        out.append(field("first seen", "\(Timestamp.format(ms: finding.firstSeenMs)) (\(Format.age(finding.firstSeenMs, nowMs: nowMs)) ago, by evscope)"))
        out.append(field("last seen", "\(Timestamp.format(ms: finding.lastSeenMs)) (\(Format.age(finding.lastSeenMs, nowMs: nowMs)) ago, by evscope)"))
        out.append(
            field(
                "event time",
                finding.firstEventMs.map { first in
                    let last = finding.lastEventMs ?? first
                    return first == last ? Timestamp.format(ms: first) : "\(Timestamp.format(ms: first)) to \(Timestamp.format(ms: last))"
                } ?? "none carried"))
        out.append(field("JSON path", finding.jsonPath.map { TerminalText.escape($0, limit: 300) }))
        out.append(DetailLine("Detail", role: .header))
        out.append(DetailLine("  " + finding.detailText(reveal: reveal)))
        out.append(DetailLine("Example", role: .header))
        out.append(DetailLine("  " + finding.example.summary))
        if let payload = finding.exampleValue(reveal: reveal) {
            out += DetailContent.prettyJSONLines(payload, maxLines: 100, role: .muted)
        }
        if !reveal, finding.evidence != nil || !finding.maskedPaths.isEmpty {
            out.append(DetailLine("Sensitive values are masked (••••); run with --reveal to show them", role: .muted))
        }
        return out
    }

    /// `✗` high, `!` medium, `·` low.
    public static func marker(_ severity: FindingSeverity) -> Character {
        switch severity {
        case .high: "✗"
        case .medium: "!"
        case .low: "·"
        }
    }

    public static func role(_ severity: FindingSeverity) -> Role {
        switch severity {
        case .high: .severityHigh
        case .medium: .severityMedium
        case .low: .severityLow
        }
    }

    /// The WHO cell: an authenticated principal as the broker names it, or a declared source
    /// labelled as such (it never passes for a principal).
    static func whoText(_ finding: Finding) -> String {
        if let principal = finding.principal { return TerminalText.escape(principal, limit: 120) }
        if let source = finding.declaredSource { return TerminalText.escape(source, limit: 120) + " (declared)" }
        return "-"
    }

    /// The filter fields of a finding: `severity:`, `rule:`, `principal:` (authenticated),
    /// `source:` (declared), `type:`, `topic:`.
    public static func filterFields(_ finding: Finding) -> [String: String] {
        [
            "severity": finding.severity.name, "rule": finding.rule.rawValue, "principal": finding.principal ?? "",
            "source": finding.declaredSource ?? "", "type": finding.eventType ?? "", "topic": finding.topic ?? "",
        ]
    }

    static func matches(_ filter: FilterQuery, _ finding: Finding) -> Bool {
        let who = finding.principal ?? finding.declaredSource ?? ""
        let text = "\(finding.severity.name) \(finding.rule.rawValue) \(finding.title) \(who) \(finding.topic ?? "")"
        return filter.matches(text: text, fields: filterFields(finding))
    }
}
