import EventScopeCore

/// The Event types list: what kinds of events flow, on which topics, from whom.
public enum EventTypesScreen {
    public static let sortNames = ["rate", "events", "name", "last seen"]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.eventTypes]
        var types = Array(store.eventTypes.values)
        if let filter, !filter.isEmpty {
            types = types.filter { t in
                let topics = t.topics.counts.keys.joined(separator: " ")
                let producers = t.producers.counts.keys.joined(separator: " ")
                return filter.matches(text: "\(t.name) \(topics) \(producers)", fields: ["type": t.name, "topic": topics, "principal": producers, "format": t.formats.counts.keys.joined(separator: " ")])
            }
        }
        let sort = sortNames[(state.lists[.eventTypes]?.sortColumn ?? 0) % sortNames.count]
        types.sort { a, b in
            switch sort {
            case "events": return a.events != b.events ? a.events > b.events : a.name < b.name
            case "name": return a.name < b.name
            case "last seen": return a.lastSeenMs != b.lastSeenMs ? a.lastSeenMs > b.lastSeenMs : a.name < b.name
            default:
                let ra = a.rate.rate(overSeconds: 10, nowMs: nowMs), rb = b.rate.rate(overSeconds: 10, nowMs: nowMs)
                return ra != rb ? ra > rb : a.name < b.name
            }
        }
        let columns = [
            ListColumn("EVENT TYPE", min: 12, preferred: 28, priority: 0),
            ListColumn("EVENTS", min: 6, preferred: 8, priority: 0, right: true),
            ListColumn("/s", min: 5, preferred: 7, priority: 1, right: true),
            ListColumn("/s 1m", min: 5, preferred: 7, priority: 3, right: true),
            ListColumn("TOPICS", min: 6, preferred: 20, priority: 1),
            ListColumn("PRODUCERS", min: 9, preferred: 26, priority: 2),
            ListColumn("FORMAT", min: 6, preferred: 12, priority: 4),
            ListColumn("ENCRYPTED", min: 9, preferred: 9, priority: 3, right: true),
            ListColumn("SEEN", min: 4, preferred: 5, priority: 3, right: true),
        ]
        let evicted = store.evictions.eventTypes > 0 ? " · \(Format.count(store.evictions.eventTypes)) evicted (cap \(store.caps.eventTypes))" : ""
        return ListModel(
            columns: columns, count: types.count, sortNames: sortNames,
            emptyText: filter == nil ? "No events yet" : "No event type matches the filter",
            summary: "\(types.count) event types\(evicted)"
        ) { index in
            let t = types[index]
            let encryptedShare = t.events == 0 ? 0 : Int((Double(t.encrypted) / Double(t.events) * 100).rounded())
            return ListRow(
                cells: [
                    TerminalText.escape(t.name, limit: 120), Format.count(t.events),
                    Format.rate(t.rate.rate(overSeconds: 1, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs)),
                    t.topics.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ","),
                    t.producers.top(3).map { TerminalText.escape($0.key, limit: 40) }.joined(separator: ","),
                    t.formats.top(1).first?.key ?? "-",
                    t.encrypted > 0 ? "\(encryptedShare)%" : "-",
                    Format.age(t.lastSeenMs, nowMs: nowMs),
                ],
                role: t.name == Store.untypedName ? .muted : .normal,
                target: .eventType(t.name)
            )
        }
    }
}
