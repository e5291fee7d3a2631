import EventScopeCore

/// The Overview: totals and sparklines, top topics, top denied principals, newest findings and
/// source health — the screen to open first.
public enum OverviewScreen {
    /// A short line of findings for the Overview, supplied by whoever owns findings.
    public struct FindingLine: Sendable {
        public var text: String
        public var role: Role
        public init(text: String, role: Role) {
            self.text = text
            self.role = role
        }
    }

    public static func render(
        into grid: inout Grid, in rect: Rect, store: Store, sources: [SourceHealth], findings: [FindingLine], nowMs: Int64,
        denied: ListModel? = nil, selected: Int = 0
    ) {
        guard !rect.isEmpty else { return }
        let rows = Layout.vertical([.fixed(5), .fill(1), .fill(1)], in: rect)
        let top = Layout.horizontal([.fill(1), .fill(1)], in: rows[0], spacing: 1)
        let middle = Layout.horizontal([.fill(1), .fill(1)], in: rows[1], spacing: 1)
        let bottom = Layout.horizontal([.fill(1), .fill(1)], in: rows[2], spacing: 1)

        let new = store.newCounts(nowMs: nowMs)
        let newParts = [(new.topics, "topic"), (new.eventTypes, "type"), (new.principals, "principal")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        rateBox(
            into: &grid, in: top[0], title: "Events",
            line:
                "\(Format.count(store.totalEvents)) total · \(Format.rate(store.eventRate.rate(overSeconds: 1, nowMs: nowMs)))/s now · \(Format.rate(store.eventRate.rate(overSeconds: 60, nowMs: nowMs)))/s 1m",
            note: newParts.isEmpty ? nil : "new in 5 min: " + newParts.joined(separator: ", ") + " (+ on 2 3 4)",
            counter: store.eventRate, role: .sparkline, nowMs: nowMs
        )
        rateBox(
            into: &grid, in: top[1], title: "Decisions",
            line:
                "\(Format.count(store.totalDecisions)) decisions · \(Format.count(store.totalDenied)) denied · \(Format.rate(store.deniedRate.rate(overSeconds: 60, nowMs: nowMs)))/s denied 1m",
            counter: store.deniedRate, role: .denied, nowMs: nowMs
        )

        // Topics by rate, then events, then name; principals by denials (see `EntityOrder`).
        let allTopics = store.topics
        let topics = EntityOrder.ranking(of: allTopics) { topic in
            (EntityOrder.key(topic.pointee.rate.rate(overSeconds: 10, nowMs: nowMs)), topic.pointee.events)
        }.first(max(0, middle[0].height)).map { allTopics[$0] }
        let topicTable = Table(
            columns: [
                TableColumn("TOPIC", minWidth: 8, preferredWidth: 24, priority: 0, fills: true),
                TableColumn("/s", minWidth: 5, preferredWidth: 7, alignment: .right, priority: 0),
                TableColumn("EVENTS", minWidth: 6, preferredWidth: 8, alignment: .right, priority: 1),
                TableColumn("TYPES", minWidth: 5, preferredWidth: 5, alignment: .right, priority: 2),
            ],
            rows: topics.prefix(max(0, middle[0].height)).map { t in
                TableRow([
                    TerminalText.escape(t.name, limit: 80), Format.rate(t.rate.rate(overSeconds: 1, nowMs: nowMs)), Format.count(t.events),
                    String(t.eventTypes.distinct),
                ])
            },
            emptyMessage: "waiting for records…"
        )
        let topicArea = Box(title: "Top topics · key 2").render(into: &grid, in: middle[0])
        topicTable.render(into: &grid, in: topicArea)

        let deniedModel = denied ?? deniedPrincipals(store: store, nowMs: nowMs, limit: deniedRows(in: rect))
        let deniedTable = Table(
            columns: deniedModel.columns,
            rows: (0..<deniedModel.count).map { index in
                let row = deniedModel.row(index)
                return TableRow(row.cells, role: row.role, marker: row.marker)
            },
            selectedIndex: deniedModel.count > 0 ? min(selected, deniedModel.count - 1) : nil,
            emptyMessage: deniedModel.emptyText
        )
        let deniedArea = Box(title: "Denied principals · enter opens").render(into: &grid, in: middle[1])
        deniedTable.render(into: &grid, in: deniedArea)

        let findingsArea = Box(title: "Newest findings · key 8").render(into: &grid, in: bottom[0])
        if findings.isEmpty {
            grid.write("no findings", x: findingsArea.x + 1, y: findingsArea.y, maxWidth: findingsArea.width - 1, role: .muted)
        }
        for (i, finding) in findings.prefix(findingsArea.height).enumerated() {
            grid.write(fitting: finding.text, x: findingsArea.x + 1, y: findingsArea.y + i, maxWidth: findingsArea.width - 1, role: finding.role)
        }

        let sourcesArea = Box(title: "Sources & audit health · key S").render(into: &grid, in: bottom[1])
        for (i, source) in sources.prefix(sourcesArea.height).enumerated() {
            let (marker, role) = sourceMarker(source.state)
            let rate = Format.rate(source.rate.rate(overSeconds: 10, nowMs: nowMs))
            let last = Format.age(source.lastRecordMs, nowMs: nowMs)
            var text = "\(marker) \(TerminalText.escape(source.name, limit: 60)) [\(source.kind.rawValue)] \(source.state.label) · \(rate)/s · last \(last)"
            if source.unparseable > 0 { text += " · \(Format.count(source.unparseable)) unparseable" }
            if let lag = source.lag, lag > 0 { text += " · lag \(Format.count(UInt64(lag)))" }
            if let detail = source.detail { text += " · " + TerminalText.escape(detail, limit: 120) }
            grid.write(fitting: text, x: sourcesArea.x + 1, y: sourcesArea.y + i, maxWidth: sourcesArea.width - 1, role: role)
        }
    }

    /// Rows of the denied-principals panel in a content area of `rect`'s size.
    public static func deniedRows(in rect: Rect) -> Int {
        // The same split as `render`: a fixed rate row of 5, then two equal rows of panels.
        let middle = Layout.vertical([.fixed(5), .fill(1), .fill(1)], in: rect)[1]
        return max(0, middle.height - 3)
    }

    /// The Overview's selectable rows: principals with denied publishes first (a denied write
    /// is how a compromised or misconfigured producer shows), then by denials. Enter opens the
    /// newest denied publish of the selected one (its newest denial if it had none).
    public static func deniedPrincipals(store: Store, nowMs: Int64, limit: Int) -> ListModel {
        let all = store.principals
        let ranked = EntityOrder.ranking(of: all) { principal in
            principal.pointee.denied > 0 ? (principal.pointee.deniedPublishes, principal.pointee.denied) : nil
        }.first(max(0, limit)).map { all[$0] }
        let columns = [
            TableColumn("PRINCIPAL", minWidth: 10, preferredWidth: 14, priority: 0, fills: true, cut: .middle),
            TableColumn("PUBLISH", minWidth: 7, preferredWidth: 7, alignment: .right, priority: 1),
            TableColumn("DENIED", minWidth: 6, preferredWidth: 7, alignment: .right, priority: 0),
            TableColumn("LAST", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 2),
        ]
        let denials = store.recentDenied
        var model = ListModel(
            columns: columns, count: ranked.count, sorts: [], emptyText: "no denied actions", summary: "",
            key: { index in ranked[index].name }
        ) { index in
            let p = ranked[index]
            return ListRow(
                cells: [
                    TerminalText.escape(p.name, limit: 80), p.deniedPublishes > 0 ? Format.count(p.deniedPublishes) : "-",
                    Format.count(p.denied), Format.age(p.lastDeniedMs, nowMs: nowMs),
                ],
                role: .denied, marker: "✗")
        }
        // Looked up only for the row being opened: scanning the denials for every row drawn
        // would cost a frame a pass over the whole ring per row.
        model.target = { index in
            let name = ranked[index].name
            let newest =
                denials.newestFirst.first { $0.principal == name && $0.isDeniedPublish }
                ?? denials.newestFirst.first { $0.principal == name }
            return newest.map { .decision($0) }
        }
        return model
    }

    /// The status marker and role for a source state (a symbol, so colour is not the only signal).
    public static func sourceMarker(_ state: SourceState) -> (String, Role) {
        switch state {
        case .connected: ("●", .statusOK)
        case .connecting: ("◌", .statusWarn)
        case .degraded: ("▲", .statusWarn)
        case .down: ("✗", .statusError)
        case .finished: ("■", .muted)
        }
    }

    /// A count line, an optional note under it (which takes a row from the sparkline), and the
    /// sparkline of the counter.
    private static func rateBox(
        into grid: inout Grid, in rect: Rect, title: String, line: String, note: String? = nil, counter: RateCounter, role: Role, nowMs: Int64
    ) {
        let inner = Box(title: title).render(into: &grid, in: rect)
        guard !inner.isEmpty else { return }
        grid.write(fitting: line, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1)
        var used = 1
        if let note, inner.height > 2 {
            grid.write(TextFit.truncated(note, width: inner.width - 1), x: inner.x + 1, y: inner.y + 1, maxWidth: inner.width - 1, role: .warning)
            used = 2
        }
        let sparkRect = Rect(x: inner.x + 1, y: inner.y + used, width: inner.width - 2, height: inner.height - used)
        Sparkline(values: counter.history(seconds: sparkRect.width, nowMs: nowMs), role: role).render(into: &grid, in: sparkRect)
    }
}
