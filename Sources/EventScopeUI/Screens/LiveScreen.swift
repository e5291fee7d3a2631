import EventScopeCore

/// The Live screen: events and decisions interleaved as they arrive, newest first.
public enum LiveScreen {
    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.live]
        var entries: [LiveEntry] = []
        entries.reserveCapacity(store.live.count)
        for entry in store.live.newestFirst where filter.map({ matches(entry, filter: $0) }) ?? true {
            entries.append(entry)
        }
        let columns = [
            TableColumn("TIME", minWidth: 8, preferredWidth: 8, priority: 1),
            TableColumn("KIND", minWidth: 5, preferredWidth: 8, priority: 0),
            TableColumn("WHAT", minWidth: 12, preferredWidth: 28, priority: 0),
            TableColumn("WHERE", minWidth: 10, preferredWidth: 26, priority: 0),
            TableColumn("WHO", minWidth: 10, preferredWidth: 30, priority: 1),
            TableColumn("TRACE", minWidth: 8, preferredWidth: 16, priority: 3),
            TableColumn("INFO", minWidth: 6, preferredWidth: 20, priority: 4),
        ]
        return ListModel(
            columns: columns, count: entries.count, sortNames: ["arrival"],
            emptyText: filter == nil ? "Nothing has arrived yet" : "Nothing matches the filter",
            summary: "last \(entries.count) of \(Format.count(store.live.appended)) arrivals (newest first)"
        ) { index in
            row(entries[index])
        }
    }

    static func row(_ entry: LiveEntry) -> ListRow {
        switch entry {
        case .event(let stored):
            let e = stored.event
            return ListRow(
                cells: [
                    e.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "-", "event",
                    TerminalText.escape(e.type ?? Store.untypedName, limit: 80),
                    "\(TerminalText.escape(e.topic, limit: 80))/\(e.partition)@\(e.offset)",
                    TerminalText.escape(stored.principal ?? "-", limit: 80),
                    e.trace.chainKey.map { TerminalText.escape(String($0.prefix(16))) } ?? "-",
                    "\(e.format.rawValue) \(e.encryption == .plaintext || e.encryption == .unknown ? "" : e.encryption.rawValue)",
                ],
                role: e.format == .opaque ? .muted : .normal,
                
                target: .event(stored),
                traceKey: e.trace.chainKey
            )
        case .decision(let d):
            return ListRow(
                cells: [
                    d.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "-", d.granted ? "allowed" : "DENIED",
                    TerminalText.escape(d.operation, limit: 30), DecisionsScreen.resourceText(d),
                    TerminalText.escape(d.principal, limit: 80), "-",
                    "\(d.format.rawValue)\(d.count > 1 ? " ×\(d.count)" : "")",
                ],
                role: d.granted ? .granted : .denied,
                marker: d.granted ? "✓" : "✗",
                target: .decision(d)
            )
        }
    }

    static func matches(_ entry: LiveEntry, filter: FilterQuery) -> Bool {
        switch entry {
        case .event(let stored):
            let e = stored.event
            let fields = ["topic": e.topic, "type": e.type ?? "", "principal": stored.principal ?? "", "source": e.source ?? "", "format": e.format.rawValue]
            return filter.matches(text: "\(e.topic) \(e.type ?? "") \(stored.principal ?? "") \(e.id ?? "")", fields: fields, granted: nil)
        case .decision(let d):
            return DecisionsScreen.matches(filter, d)
        }
    }
}
