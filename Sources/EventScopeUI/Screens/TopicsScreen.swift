import EventScopeCore

/// The Topics list: per-topic counts, rates, sizes, event types, the sources events declare and
/// the principals audit decisions show were allowed to write.
public enum TopicsScreen {
    /// The orders `s` cycles through, first the default.
    private enum Sort: CaseIterable { case rate, events, name, lastSeen, denied }
    /// Each `Sort` case as the header marks it, in the same order.
    public static let sorts = [
        SortOrder("rate", column: 2), SortOrder("events", column: 1), SortOrder("name", column: 0, ascending: true),
        SortOrder("last seen", column: 10, ascending: true), SortOrder("denied", column: 9),
    ]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.topics]
        let all = store.topics
        let writes = store.authenticatedWrites
        // The sort, resolved once rather than matched by its name for every entity.
        let sort = Sort.allCases[(state.lists[.topics]?.sortColumn ?? 0) % Sort.allCases.count]
        var newCount = 0
        let sorted = EntityOrder.ranking(of: all) { entity -> (first: UInt64, second: UInt64)? in
            let isNew = store.isNew(firstSeenMs: entity.pointee.firstSeenMs, nowMs: nowMs)
            if let filter, !filter.isEmpty {
                let t = entity.pointee
                let types = t.eventTypes.keys.joined(separator: " ")
                let sources = t.declaredSources.keys.joined(separator: " ")
                let writers = writes.writers(topic: t.name).map(\.principal).joined(separator: " ")
                guard
                    filter.matches(
                        text: "\(t.name) \(types) \(sources) \(writers)",
                        fields: ["topic": t.name, "type": types, "source": sources, "principal": writers], isNew: isNew)
                else { return nil }
            }
            if isNew { newCount += 1 }
            switch sort {
            case .rate: return (EntityOrder.key(entity.pointee.rate.rate(overSeconds: 10, nowMs: nowMs)), 0)
            case .events: return (entity.pointee.events, 0)
            case .name: return (0, 0)
            case .lastSeen: return (EntityOrder.key(entity.pointee.lastSeenMs), 0)
            case .denied: return (entity.pointee.deniedDecisions, 0)
            }
        }
        let columns = [
            TableColumn("TOPIC", minWidth: 10, preferredWidth: 28, priority: 0),
            TableColumn("EVENTS", minWidth: 6, preferredWidth: 8, alignment: .right, priority: 0),
            TableColumn("/s 10s", minWidth: 7, preferredWidth: 7, alignment: .right, priority: 1),
            TableColumn("/s 1m", minWidth: 5, preferredWidth: 7, alignment: .right, priority: 3),
            TableColumn("/s 15m", minWidth: 6, preferredWidth: 7, alignment: .right, priority: 5),
            TableColumn("BYTES", minWidth: 6, preferredWidth: 8, alignment: .right, priority: 4),
            TableColumn("TYPES", minWidth: 5, preferredWidth: 24, priority: 2),
            TableColumn("DECLARED SOURCES", minWidth: 9, preferredWidth: 24, priority: 4),
            TableColumn("AUTH WRITERS", minWidth: 9, preferredWidth: 24, priority: 4),
            TableColumn("DENIED", minWidth: 6, preferredWidth: 6, alignment: .right, priority: 2),
            TableColumn("SEEN", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 3),
            TableColumn("LAST 60s", minWidth: Sparkline.cellWidth, preferredWidth: Sparkline.cellWidth, priority: 4),
        ]
        let evicted = store.evictions.topics > 0 ? " · \(Format.count(store.evictions.topics)) evicted (cap \(store.caps.topics))" : ""
        return ListModel(
            columns: columns, count: sorted.count, sorts: sorts,
            emptyText: filter == nil ? "No topics yet — waiting for records…" : "No topic matches the filter",
            summary: "\(sorted.count) topics\(Format.newNote(newCount)) · \(Format.count(store.totalEvents)) events\(evicted)",
            key: { index in all[sorted[index]].name },
            rowOfKey: { key, _ in all.position(of: key).flatMap(sorted.rank(ofPosition:)) }
        ) { index in
            let t = all[sorted[index]]
            let types = t.eventTypes.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ",")
            let sources = t.declaredSources.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ",")
            let writers = writes.writers(topic: t.name).prefix(3).map { TerminalText.escape($0.principal, limit: 30) }.joined(separator: ",")
            return ListRow(
                cells: [
                    TerminalText.escape(t.name, limit: 120), Format.count(t.events),
                    Format.rate(t.rate.rate(overSeconds: 10, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 900, nowMs: nowMs)),
                    Format.bytes(t.bytes), types, sources.isEmpty ? "-" : sources, writers.isEmpty ? "-" : writers,
                    t.deniedDecisions > 0 ? Format.count(t.deniedDecisions) : "-",
                    Format.age(t.lastSeenMs, nowMs: nowMs),
                    Sparkline.text(t.rate.history(seconds: 60, nowMs: nowMs), width: Sparkline.cellWidth),
                ],
                role: t.deniedDecisions > 0 ? .warning : .normal,
                marker: t.deniedDecisions > 0 ? "!" : store.isNew(firstSeenMs: t.firstSeenMs, nowMs: nowMs) ? Format.newMarker : nil,
                target: .topic(t.name)
            )
        }
    }
}
