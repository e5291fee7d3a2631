import EventScopeCore

/// The Event types list: what kinds of events flow, on which topics, from whom.
public enum EventTypesScreen {
    /// The orders `s` cycles through, first the default.
    private enum Sort: CaseIterable { case rate, events, name, lastSeen }
    /// Each `Sort` case as the header marks it, in the same order.
    public static let sorts = [
        SortOrder("rate", column: 2), SortOrder("events", column: 1), SortOrder("name", column: 0, ascending: true),
        SortOrder("last seen", column: 9, ascending: true),
    ]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.eventTypes]
        let all = store.eventTypes
        // The sort, resolved once rather than matched by its name for every entity.
        let sort = Sort.allCases[(state.lists[.eventTypes]?.sortColumn ?? 0) % Sort.allCases.count]
        var newCount = 0
        let sorted = EntityOrder.ranking(of: all) { entity -> (first: UInt64, second: UInt64)? in
            let isNew = store.isNew(firstSeenMs: entity.pointee.firstSeenMs, nowMs: nowMs)
            if let filter, !filter.isEmpty {
                let t = entity.pointee
                let topics = t.topics.keys.joined(separator: " ")
                let sources = t.declaredSources.keys.joined(separator: " ")
                guard
                    filter.matches(
                        text: "\(t.name) \(topics) \(sources)",
                        fields: ["type": t.name, "topic": topics, "source": sources, "format": t.formats.keys.joined(separator: " ")], isNew: isNew)
                else { return nil }
            }
            if isNew { newCount += 1 }
            switch sort {
            case .rate: return (EntityOrder.key(entity.pointee.rate.rate(overSeconds: 10, nowMs: nowMs)), 0)
            case .events: return (entity.pointee.events, 0)
            case .name: return (0, 0)
            case .lastSeen: return (EntityOrder.key(entity.pointee.lastSeenMs), 0)
            }
        }
        let columns = [
            TableColumn("EVENT TYPE", minWidth: 12, preferredWidth: 28, priority: 0),
            TableColumn("EVENTS", minWidth: 6, preferredWidth: 8, alignment: .right, priority: 0),
            TableColumn("/s 10s", minWidth: 7, preferredWidth: 7, alignment: .right, priority: 1),
            TableColumn("/s 1m", minWidth: 5, preferredWidth: 7, alignment: .right, priority: 3),
            TableColumn("TOPICS", minWidth: 6, preferredWidth: 20, priority: 1),
            TableColumn("DECLARED SOURCES", minWidth: 9, preferredWidth: 26, priority: 2),
            TableColumn("FORMAT", minWidth: 6, preferredWidth: 12, priority: 4),
            TableColumn("ENCRYPTED", minWidth: 9, preferredWidth: 9, alignment: .right, priority: 3),
            TableColumn("CONSUMERS", minWidth: 9, preferredWidth: 24, priority: 4),
            TableColumn("SEEN", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 3),
            TableColumn("LAST 60s", minWidth: Sparkline.cellWidth, preferredWidth: Sparkline.cellWidth, priority: 5),
        ]
        let evicted = store.evictions.eventTypes > 0 ? " · \(Format.count(store.evictions.eventTypes)) evicted (cap \(store.caps.eventTypes))" : ""
        let wireFormat =
            store.wireFormatWithoutRegistry > 0
            ? " · \(Format.count(store.wireFormatWithoutRegistry)) events in the Confluent wire format: -r URL (a Schema Registry) decodes them" : ""
        return ListModel(
            columns: columns, count: sorted.count, sorts: sorts,
            emptyText: filter == nil ? "No events yet" : "No event type matches the filter",
            summary: "\(sorted.count) event types\(Format.newNote(newCount))\(evicted)\(wireFormat)",
            key: { index in all[sorted[index]].name },
            rowOfKey: { key, _ in all.position(of: key).flatMap(sorted.rank(ofPosition:)) }
        ) { index in
            let t = all[sorted[index]]
            let encryptedShare = t.events == 0 ? 0 : Int((Double(t.encrypted) / Double(t.events) * 100).rounded())
            return ListRow(
                cells: [
                    TerminalText.escape(shortName(t.name), limit: 120), Format.count(t.events),
                    Format.rate(t.rate.rate(overSeconds: 10, nowMs: nowMs)),
                    Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs)),
                    t.topics.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ","),
                    t.declaredSources.top(3).map { TerminalText.escape($0.key, limit: 40) }.joined(separator: ","),
                    t.formats.top(1).first?.key ?? "-",
                    t.encrypted > 0 ? "\(encryptedShare)%" : "-",
                    consumers(of: t, store: store),
                    Format.age(t.lastSeenMs, nowMs: nowMs),
                    Sparkline.text(t.rate.history(seconds: 60, nowMs: nowMs), width: Sparkline.cellWidth),
                ],
                role: t.name == Store.untypedName ? .muted : .normal,
                marker: store.isNew(firstSeenMs: t.firstSeenMs, nowMs: nowMs) ? Format.newMarker : nil,
                target: .eventType(t.name)
            )
        }
    }

    /// A fully qualified type (an Avro record or Protobuf message full name such as
    /// `com.shop.events.OrderPlaced`) by its last name, which is what fits the column; the
    /// detail shows the full name.
    static func shortName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name.contains(" ") else { return name }
        let last = name[name.index(after: dot)...]
        guard let first = last.first, first.isUppercase else { return name }
        return String(last)
    }

    /// Who reads this type: principals granted READ (by audit decisions) on the topics it travels on.
    static func consumers(of type: EventTypeStats, store: Store) -> String {
        var names: [String] = []
        for topic in type.topics.top(4) {
            for consumer in store.topics[topic.key]?.consumers.top(3) ?? [] where !names.contains(consumer.key) {
                names.append(consumer.key)
            }
        }
        return names.isEmpty ? "-" : names.prefix(4).map { TerminalText.escape($0, limit: 40) }.joined(separator: ",")
    }
}
