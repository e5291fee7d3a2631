import EventScopeCore

/// The Decisions list: the broker's allow/deny decisions, denied first, optionally grouped.
public enum DecisionsScreen {
    /// Arrival order is the default and costs nothing: decisions from several audit streams
    /// arrive out of time order, so `time` sorts by the decisions' own times.
    public static let sorts = [
        SortOrder("arrival", column: nil), SortOrder("time", column: 0), SortOrder("principal", column: 1, ascending: true),
        SortOrder("count", column: 5),
    ]
    /// The grouped list's orders, by the same `s`.
    static let groupedSorts = [SortOrder("denied", column: 1), SortOrder("newest", column: 3), SortOrder("name", column: 0, ascending: true)]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.decisions]
        let source = state.showAllowed ? store.recentDecisions : store.recentDenied
        let sortIndex = state.lists[.decisions]?.sortColumn ?? 0
        let sort = sorts[sortIndex % sorts.count].name
        // The default view, denied newest first, reads its rows from the ring as they are drawn:
        // copying every held decision (20,000 at the default caps, a retain for each of their
        // strings) was most of the frame. The ring is a value, so a model kept while paused
        // still shows what it held when it was made.
        let inRingOrder = filter == nil && !state.showAllowed && state.decisionGrouping == .none && sort == "arrival"
        // A decision's identity is its place in its ring's order of arrival, so the selection
        // stays on it as newer decisions push it down.
        let prefix: Character = state.showAllowed ? "A" : "D"
        let newestSequence = source.appended &- 1
        var decisions: [Decision] = []
        var sequences: [UInt64] = []
        if !inRingOrder {
            decisions.reserveCapacity(source.count)
            for (i, decision) in source.newestFirst.enumerated() where filter.map({ matches($0, decision) }) ?? true {
                decisions.append(decision)
                sequences.append(newestSequence &- UInt64(i))
            }
        }
        if state.showAllowed {
            // Denied first even when allowed ones are shown; in the chosen order within each.
            let order = decisions.indices.filter { !decisions[$0].granted } + decisions.indices.filter { decisions[$0].granted }
            decisions = order.map { decisions[$0] }
            sequences = order.map { sequences[$0] }
        }
        if state.decisionGrouping != .none {
            return grouped(
                decisions, by: state.decisionGrouping, store: store, state: state, nowMs: nowMs, sort: groupedSorts[sortIndex % groupedSorts.count].name)
        }
        if sort != "arrival" {
            // Resolved once: matching the sort's name inside the comparator would compare strings
            // on every comparison. Allowed ones stay after the denied ones whatever the order.
            let byTime = sort == "time"
            let byPrincipal = sort == "principal"
            let order = decisions.indices.sorted { a, b in
                let x = decisions[a]
                let y = decisions[b]
                if x.granted != y.granted { return !x.granted }
                if byTime {
                    if x.timeMs != y.timeMs { return (x.timeMs ?? .min) > (y.timeMs ?? .min) }
                } else if byPrincipal {
                    if x.principal != y.principal { return x.principal < y.principal }
                } else if x.count != y.count {
                    return x.count > y.count
                }
                return a < b
            }
            decisions = order.map { decisions[$0] }
            sequences = order.map { sequences[$0] }
        }
        let columns = [
            TableColumn("TIME", minWidth: 8, preferredWidth: 8, priority: 1),
            TableColumn("PRINCIPAL", minWidth: 12, preferredWidth: 30, priority: 0, cut: .middle),
            TableColumn("OPERATION", minWidth: 6, preferredWidth: 10, priority: 0),
            TableColumn("RESOURCE", minWidth: 10, preferredWidth: 26, priority: 0),
            TableColumn("RESULT", minWidth: 7, preferredWidth: 7, priority: 0),
            TableColumn("COUNT", minWidth: 5, preferredWidth: 5, alignment: .right, priority: 2),
            TableColumn("HOST", minWidth: 8, preferredWidth: 15, priority: 3),
            TableColumn("CLIENT", minWidth: 8, preferredWidth: 16, priority: 4),
            TableColumn("RULE", minWidth: 8, preferredWidth: 22, priority: 5),
            TableColumn("SOURCE", minWidth: 8, preferredWidth: 16, priority: 4),
        ]
        // Rows are audit records as held; the totals count every decision since start, a merged
        // record (Redpanda's `count`) as the decisions it stands for. Both are said, so the two
        // numbers are not read as one.
        let what = state.showAllowed ? "records held (denied first)" : "denied records held"
        let count = inRingOrder ? source.count : decisions.count
        return ListModel(
            columns: columns, count: count, sorts: sorts,
            emptyText: filter == nil
                ? (state.showAllowed ? "No decisions yet — is an audit source configured?" : "No denied decisions (a: show allowed)")
                : "No decision matches the filter",
            summary: "\(count) \(what) · since start \(Format.count(store.totalDenied)) of \(Format.count(store.totalDecisions)) decisions denied",
            key: { index in "\(prefix)\(inRingOrder ? newestSequence &- UInt64(index) : sequences[index])" },
            rowOfKey: inRingOrder ? { key, _ in ListModel.ringRow(of: key, prefix: prefix, appended: source.appended, count: count) } : nil
        ) { index in
            row(inRingOrder ? source[newest: index] : decisions[index])
        }
    }

    /// One decision's row.
    static func row(_ d: Decision) -> ListRow {
        ListRow(
            cells: [
                d.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "-",
                TerminalText.escape(d.principal, limit: 120),
                TerminalText.escape(d.operation, limit: 30),
                resourceText(d),
                d.granted ? "allowed" : "DENIED",
                d.count > 1 ? "×\(d.count)" : "1",
                TerminalText.escape(d.host ?? "-", limit: 60),
                TerminalText.escape(d.clientId ?? "-", limit: 60),
                TerminalText.escape(d.rule ?? "-", limit: 80),
                d.format.rawValue,
            ],
            role: d.granted ? .granted : .denied,
            marker: d.granted ? "✓" : "✗",
            target: .decision(d)
        )
    }

    /// `TOPIC:shipping` style resource text, sanitised.
    public static func resourceText(_ d: Decision) -> String {
        if d.resourceType == nil, d.resourceName == nil { return "-" }
        let type = d.resourceType ?? "?"
        let name = d.resourceName.map { TerminalText.escape($0, limit: 100) } ?? "-"
        return "\(TerminalText.escape(type, limit: 20)):\(name)"
    }

    public static func filterFields(_ d: Decision) -> [String: String] {
        [
            "principal": d.principal, "op": d.operation, "resource": "\(d.resourceType ?? ""):\(d.resourceName ?? "")",
            "topic": d.resourceType == "TOPIC" ? (d.resourceName ?? "") : "", "host": d.host ?? "",
            "client": d.clientId ?? "", "rule": d.rule ?? "", "format": d.format.rawValue,
            "status": d.granted ? "granted" : "denied",
        ]
    }

    static func matches(_ filter: FilterQuery, _ d: Decision) -> Bool {
        let text = "\(d.principal) \(d.operation) \(d.resourceName ?? "") \(d.host ?? "") \(d.clientId ?? "") \(d.method ?? "")"
        return filter.matches(text: text, fields: filterFields(d), granted: d.granted)
    }

    private struct Group {
        var key: String
        var denied: UInt64 = 0
        var allowed: UInt64 = 0
        var lastMs: Int64?
        var example: Decision
        var details = BoundedCounter(maxKeys: 8)
    }

    private static func grouped(_ decisions: [Decision], by grouping: AppState.DecisionGrouping, store: Store, state: AppState, nowMs: Int64, sort: String)
        -> ListModel
    {
        var groups: [String: Group] = [:]
        var order: [String] = []
        for d in decisions {
            let key: String
            let detail: String
            switch grouping {
            case .principal:
                key = d.principal
                detail = "\(d.operation) \(resourceText(d))"
            case .resource:
                key = "\(d.resourceType ?? "?"):\(d.resourceName ?? "-")"
                detail = d.principal
            case .operation, .none:
                key = d.operation
                detail = d.principal
            }
            if groups[key] == nil {
                groups[key] = Group(key: key, example: d)
                order.append(key)
            }
            let count = UInt64(max(1, d.count))
            if d.granted { groups[key]?.allowed &+= count } else { groups[key]?.denied &+= count }
            if let t = d.timeMs, t > (groups[key]?.lastMs ?? Int64.min) { groups[key]?.lastMs = t }
            groups[key]?.details.add(detail, count)
        }
        var rows = order.compactMap { groups[$0] }
        switch sort {
        case "denied":
            rows = rows.enumerated().sorted { a, b in
                a.element.denied != b.element.denied ? a.element.denied > b.element.denied : a.offset < b.offset
            }.map(\.element)
        case "newest":
            rows = rows.enumerated().sorted { a, b in
                a.element.lastMs != b.element.lastMs ? (a.element.lastMs ?? .min) > (b.element.lastMs ?? .min) : a.offset < b.offset
            }.map(\.element)
        default:
            rows.sort { $0.key < $1.key }
        }
        let columns = [
            TableColumn(grouping.rawValue.uppercased(), minWidth: 12, preferredWidth: 34, priority: 0, cut: .middle),
            TableColumn("DENIED", minWidth: 6, preferredWidth: 7, alignment: .right, priority: 0),
            TableColumn("ALLOWED", minWidth: 7, preferredWidth: 8, alignment: .right, priority: 1),
            TableColumn("LAST", minWidth: 8, preferredWidth: 8, priority: 2),
            TableColumn("WHAT", minWidth: 10, preferredWidth: 50, priority: 1),
        ]
        return ListModel(
            columns: columns, count: rows.count, sorts: groupedSorts,
            emptyText: "No decisions to group",
            summary: "\(rows.count) groups by \(grouping.rawValue) of \(decisions.count) records held · b: change grouping",
            key: { index in "G" + rows[index].key }
        ) { index in
            let g = rows[index]
            return ListRow(
                cells: [
                    TerminalText.escape(g.key, limit: 120), g.denied > 0 ? Format.count(g.denied) : "-", Format.count(g.allowed),
                    g.lastMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "-",
                    g.details.top(4).map { "\(TerminalText.escape($0.key, limit: 40))×\($0.count)" }.joined(separator: ", "),
                ],
                role: g.denied > 0 ? .denied : .granted,
                marker: g.denied > 0 ? "✗" : "✓",
                target: .decision(g.example)
            )
        }
    }
}
