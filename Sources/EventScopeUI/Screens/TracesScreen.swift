import EventScopeCore

/// The Traces screen: recent cascades, and for one of them the tree of events it caused.
public enum TracesScreen {
    public static let sorts = [
        SortOrder("recent", column: 6, ascending: true), SortOrder("status", column: 0, ascending: true), SortOrder("hops", column: 2),
        SortOrder("duration", column: 3),
    ]
    /// Chains listed unfiltered; the index keeps more, but a list longer than this is not
    /// browsable anyway. A filter searches every chain held (`TraceChainSearch`).
    static let listLimit = 300

    public static func model(
        recent: RecentTraceChains, search: TraceChainSearch.Result? = nil, counters: TraceIndexCounters, maxChains: Int,
        state: AppState, nowMs: Int64
    ) -> ListModel {
        let sort = sorts[(state.lists[.traces]?.sortColumn ?? 0) % sorts.count].name
        // The default view, most recent first and unfiltered, summarises only the rows drawn;
        // the other orders need every summary.
        let inRecentOrder = search == nil && sort == "recent"
        var chains = inRecentOrder ? [] : (search?.matches ?? recent.all)
        let order: ((TraceChainSummary, TraceChainSummary) -> Bool)?
        switch sort {
        case "status":
            let rank = Dictionary(uniqueKeysWithValues: TraceChainStatus.allCases.enumerated().map { ($1, $0) })
            order = { (rank[$0.status] ?? 0) < (rank[$1.status] ?? 0) }
        case "hops": order = { $0.hops > $1.hops }
        case "duration": order = { $0.durationMs > $1.durationMs }
        default: order = nil
        }
        if let order {
            if let search {
                chains = search.ordered(sort, by: order)
            } else {
                chains = chains.enumerated().sorted { a, b in
                    order(a.element, b.element) || (!order(b.element, a.element) && a.offset < b.offset)
                }.map(\.element)
            }
        }
        let count = inRecentOrder ? recent.count : chains.count
        var summary: String
        if let search {
            let held = Format.count(UInt64(search.total))
            if let finishedAtMs = search.finishedAtMs {
                summary = "\(count) of \(held) held chains match"
                if search.refreshing {
                    let age = Format.age(finishedAtMs, nowMs: nowMs)
                    summary += " (searched \(age == "now" ? "just now" : age + " ago"), searching newer chains)"
                }
            } else {
                summary = "searching… \(Format.count(UInt64(search.searched))) of \(held) held chains, \(count) match so far"
            }
        } else {
            summary = "\(count) recent chains · \(Format.count(UInt64(counters.chains))) held"
        }
        if counters.evictedChains > 0 { summary += " · \(Format.count(UInt64(counters.evictedChains))) evicted (cap \(maxChains))" }
        if counters.droppedNodes > 0 { summary += " · \(Format.count(UInt64(counters.droppedNodes))) hops over caps" }
        let columns = [
            TableColumn("STATUS", minWidth: 8, preferredWidth: 9, priority: 0),
            TableColumn("ROOT EVENT", minWidth: 12, preferredWidth: 26, priority: 0),
            TableColumn("HOPS", minWidth: 4, preferredWidth: 4, alignment: .right, priority: 0),
            TableColumn("DURATION", minWidth: 8, preferredWidth: 8, alignment: .right, priority: 1),
            TableColumn("DECLARED SOURCES", minWidth: 12, preferredWidth: 30, priority: 2),
            TableColumn("LINKS", minWidth: 8, preferredWidth: 9, priority: 3),
            TableColumn("LAST", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 3),
            TableColumn("TRACE", minWidth: 8, preferredWidth: 34, priority: 4, cut: .middle),
        ]
        return ListModel(
            columns: columns, count: count, sorts: sorts,
            emptyText: search.map { $0.finishedAtMs == nil ? "Searching every chain held…" : "No chain matches the filter" }
                ?? "No traced events yet (trace ids, correlation or causation ids)",
            summary: summary,
            key: { index in inRecentOrder ? recent.key(at: index) : chains[index].key }
        ) { index in
            guard inRecentOrder else { return row(chains[index], nowMs: nowMs) }
            // Only a list kept while paused can outlive a chain it holds.
            return recent[index].map { row($0, nowMs: nowMs) } ?? ListRow(cells: ["evicted", "(evicted since the view was paused)"], role: .muted)
        }
    }

    /// Whether a chain matches the Traces filter: its key, root type, principals and sources as
    /// text, those as `type:`, `principal:` and `source:`, its `status:`, and `denied`.
    static func matches(_ c: TraceChainSummary, _ filter: FilterQuery) -> Bool {
        let principals = c.principals.joined(separator: " ")
        return filter.matches(
            text: "\(c.key) \(c.rootType ?? "") \(principals) \(c.services.joined(separator: " "))",
            fields: ["type": c.rootType ?? "", "principal": principals, "status": c.status.rawValue, "source": c.services.joined(separator: " ")],
            granted: c.status == .denied ? false : nil)
    }

    /// One chain's row.
    static func row(_ c: TraceChainSummary, nowMs: Int64) -> ListRow {
        let (role, marker) = style(c.status)
        let links = c.hasInferredLinks ? "~inferred" : "exact"
        return ListRow(
            cells: [
                c.status.rawValue, TerminalText.escape(c.rootType ?? Store.untypedName, limit: 80), String(c.hops),
                Format.duration(ms: c.durationMs),
                c.services.prefix(5).map { TerminalText.escape($0, limit: 40) }.joined(separator: ", "),
                links, Format.age(c.lastActivityMs, nowMs: nowMs), TerminalText.escape(c.key, limit: 64),
            ],
            role: role, marker: marker, target: .trace(c.key), traceKey: c.key
        )
    }

    /// Role and marker for a chain status; the marker says it without colour.
    public static func style(_ status: TraceChainStatus) -> (Role, Character?) {
        switch status {
        case .denied: (.denied, "✗")
        case .invalid: (.warning, "!")
        case .broken: (.warning, "⚠")
        case .open: (.normal, "…")
        case .complete: (.granted, "✓")
        }
    }

    /// The cascade as detail lines: an indented tree with per-hop latency and a timeline bar,
    /// then the denied publishes the chain is tied to, each with its hop and why.
    public static func detailLines(key: String, traces: TraceIndex, store: Store, nowMs: Int64, width: Int) -> [DetailLine] {
        guard let view = traces.chain(key: key, nowMs: nowMs) else {
            return [DetailLine("Trace \(TerminalText.escape(key, limit: 64)) is no longer held (evicted or never seen)", role: .warning)]
        }
        let s = view.summary
        var out: [DetailLine] = []
        let (statusRole, marker) = style(s.status)
        out.append(
            DetailLine(
                "\(marker.map(String.init) ?? " ") Trace \(TerminalText.escape(key, limit: 64))  \(s.status.rawValue.uppercased())  \(s.hops) hops  \(Format.duration(ms: s.durationMs))",
                role: statusRole))
        out.append(
            DetailLine(
                "Links: causation and span links are exact; ~ marks a parent INFERRED from W3C context (the broker never sees the consumer span)", role: .muted)
        )
        if view.rootCount > 1 {
            out.append(DetailLine("\(view.rootCount) roots: some hops' parents were never seen (the chain is broken there)", role: .warning))
        }
        if view.hiddenBeyondDepth > 0 || s.droppedNodes > 0 {
            out.append(
                DetailLine(
                    "\(view.hiddenBeyondDepth) hops deeper than the display cap and \(s.droppedNodes) over the per-chain cap are not shown", role: .warning))
        }
        // The tree's columns take the width their rows need, most important first: at 80
        // columns a cascade keeps its tree, each hop's latency and link kind and who produced
        // it; the timeline and the topic position come in as the pane widens (or, with wrapping
        // off, by scrolling sideways).
        var cells: [[String]] = [["EVENT", "+LATENCY", "LINK", "DECLARED SOURCE", "TIMELINE", "TOPIC/PARTITION@OFFSET"]]
        var roles: [Role] = [.header]
        for row in view.rows {
            // The hop's declared source, checked against who was allowed to write its topic then.
            let producer = LiveScreen.whoText(
                ProducerIdentity(
                    declaredSource: row.service, claimedPrincipal: row.principal,
                    authenticatedProducers: store.authenticatedWrites.producers(topic: row.topic, aroundMs: row.timeMs)))
            let latency = row.latencyFromParentMs.map { "+" + Format.duration(ms: $0) } ?? ""
            let link: String
            switch row.link {
            case .none: link = row.unresolvedParent ? "missing" : "root"
            case .some(.inferred): link = "~inferred"
            case .some(let kind): link = kind.rawValue
            }
            cells.append([
                row.treePrefix + TerminalText.escape(row.type ?? Store.untypedName, limit: 60), latency, link,
                producer,
                "",
                "\(TerminalText.escape(row.topic, limit: 40))/\(row.partition)@\(row.offset)",
            ])
            roles.append(row.invalid ? .warning : (row.unresolvedParent ? .warning : (row.link == .inferred ? .inferred : .normal)))
        }
        let rows = view.rows
        let lines = treeLines(cells, width: max(0, width - 2)) { index, columns in
            index == 0 ? "TIMELINE" : timeline(start: rows[index - 1].timelineStart, width: rows[index - 1].timelineWidth, columns: columns)
        }
        for (index, line) in lines.enumerated() {
            out.append(DetailLine(line, role: roles[index], wraps: false))
        }
        out.append(DetailLine("Denied publishes tied to this chain (audit decisions carry no trace: tied by principal and time)", role: .header))
        for denial in view.denials {
            let what = "WRITE on " + (denial.deniedTopic.map { TerminalText.escape($0, limit: 60) } ?? "a resource")
            out.append(
                DetailLine(
                    "  ✗ \(Timestamp.formatTimeOfDay(ms: denial.timeMs)) \(TerminalText.escape(denial.principal, limit: 60)) denied \(what)",
                    role: .denied))
            out.append(DetailLine("      why: " + TerminalText.escape(denial.explanation, limit: 200), role: .muted))
        }
        if view.denials.isEmpty { out.append(DetailLine("  (none)", role: .muted)) }
        return out
    }

    /// The columns of a trace tree: what each one is worth when the pane is narrow.
    static let treeColumns = [
        TableColumn("EVENT", minWidth: 16, preferredWidth: 40, priority: 0),
        TableColumn("+LATENCY", minWidth: 6, preferredWidth: 9, priority: 0),
        TableColumn("LINK", minWidth: 5, preferredWidth: 9, priority: 1),
        TableColumn("DECLARED SOURCE", minWidth: 12, preferredWidth: 22, priority: 1, cut: .middle),
        TableColumn("TIMELINE", minWidth: 10, preferredWidth: 20, priority: 2),
        TableColumn("TOPIC/PARTITION@OFFSET", minWidth: 12, preferredWidth: 24, priority: 3),
    ]

    /// The column a tree's timeline is drawn in, at the width the layout gives it.
    static let timelineColumn = 4

    /// The tree's header and rows as aligned text lines `width` columns wide at most; columns
    /// are measured from the cells and laid out by priority as a table's are. The timeline is
    /// drawn by `timeline(row, columns)` once its width is known.
    static func treeLines(_ cells: [[String]], width: Int, timeline: (Int, Int) -> String) -> [String] {
        var contentWidths = Array(repeating: 0, count: treeColumns.count)
        for row in cells {
            for (column, text) in row.enumerated() { contentWidths[column] = max(contentWidths[column], DisplayWidth.of(text)) }
        }
        contentWidths[timelineColumn] = 40
        let widths = Table.columnWidths(treeColumns, available: width, contentWidths: contentWidths)
        var columnTexts: [[String]] = Array(repeating: [], count: treeColumns.count)
        for (column, columnWidth) in widths.enumerated() {
            guard let columnWidth else { continue }
            columnTexts[column] =
                column == timelineColumn
                ? cells.indices.map { timeline($0, columnWidth) }
                : TextFit.distinguished(cells.map { $0[column] }, width: columnWidth, cut: treeColumns[column].cut)
        }
        return cells.indices.map { row in
            widths.indices.compactMap { column in
                widths[column].map { TextFit.aligned(columnTexts[column][row], width: $0, alignment: .left) }
            }.joined(separator: " ")
        }
    }

    static func timeline(start: Double, width: Double, columns: Int) -> String {
        let range = TimelineBar.columns(start: start, end: start + width, width: columns)
        var text = ""
        for column in 0..<columns { text += range.contains(column) ? "█" : "·" }
        return text
    }
}
