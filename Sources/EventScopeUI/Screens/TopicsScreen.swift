import EventScopeCore

/// The Topics list: per-topic counts, rates, sizes, event types and producers.
public enum TopicsScreen {
    public static let sortNames = ["rate", "events", "name", "last seen", "denied"]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.topics]
        var topics = Array(store.topics.values)
        if let filter, !filter.isEmpty {
            topics = topics.filter { t in
                let types = t.eventTypes.counts.keys.joined(separator: " ")
                let producers = t.producers.counts.keys.joined(separator: " ")
                return filter.matches(text: "\(t.name) \(types) \(producers)", fields: ["topic": t.name, "type": types, "principal": producers])
            }
        }
        let sort = state.lists[.topics]?.sortColumn ?? 0
        topics.sort { a, b in
            switch sortNames[sort % sortNames.count] {
            case "events": return a.events != b.events ? a.events > b.events : a.name < b.name
            case "name": return a.name < b.name
            case "last seen": return a.lastSeenMs != b.lastSeenMs ? a.lastSeenMs > b.lastSeenMs : a.name < b.name
            case "denied": return a.deniedDecisions != b.deniedDecisions ? a.deniedDecisions > b.deniedDecisions : a.name < b.name
            default:
                let ra = a.rate.rate(overSeconds: 10, nowMs: nowMs), rb = b.rate.rate(overSeconds: 10, nowMs: nowMs)
                return ra != rb ? ra > rb : a.name < b.name
            }
        }
        let columns = [
            ListColumn("TOPIC", min: 10, preferred: 28, priority: 0),
            ListColumn("EVENTS", min: 6, preferred: 8, priority: 0, right: true),
            ListColumn("/s", min: 5, preferred: 7, priority: 1, right: true),
            ListColumn("/s 1m", min: 5, preferred: 7, priority: 3, right: true),
            ListColumn("/s 15m", min: 6, preferred: 7, priority: 5, right: true),
            ListColumn("BYTES", min: 6, preferred: 8, priority: 4, right: true),
            ListColumn("TYPES", min: 5, preferred: 24, priority: 2),
            ListColumn("PRODUCERS", min: 9, preferred: 24, priority: 4),
            ListColumn("DENIED", min: 6, preferred: 6, priority: 2, right: true),
            ListColumn("SEEN", min: 4, preferred: 5, priority: 3, right: true),
        ]
        let evicted = store.evictions.topics > 0 ? " · \(Format.count(store.evictions.topics)) evicted (cap \(store.caps.topics))" : ""
        return ListModel(
            columns: columns, count: topics.count, sortNames: sortNames,
            emptyText: filter == nil ? "No topics yet — waiting for records…" : "No topic matches the filter",
            summary: "\(topics.count) topics · \(Format.count(store.totalEvents)) events\(evicted)"
        ) { index in
            let t = topics[index]
            let types = t.eventTypes.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ",")
            let producers = t.producers.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ",")
            return ListRow(
                cells: [
                    TerminalText.escape(t.name, limit: 120), Format.count(t.events),
                    Format.rate(t.rate.rate(overSeconds: 1, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 900, nowMs: nowMs)),
                    Format.bytes(t.bytes), types, producers,
                    t.deniedDecisions > 0 ? Format.count(t.deniedDecisions) : "-",
                    Format.age(t.lastSeenMs, nowMs: nowMs),
                ],
                role: t.deniedDecisions > 0 ? .warning : .normal,
                marker: t.deniedDecisions > 0 ? "!" : " ",
                target: .topic(t.name)
            )
        }
    }
}
