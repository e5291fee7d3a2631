import EventScopeCore

/// The Principals list: every identity the broker authenticated, as audit decisions name it.
/// Events declare a source but prove no identity, so they add nothing here (Topics and Event
/// types show the sources they declare).
public enum PrincipalsScreen {
    /// The orders `s` cycles through, first the default.
    private enum Sort: CaseIterable { case denied, rate, writes, name, lastSeen }
    /// Each `Sort` case as the header marks it, in the same order.
    public static let sorts = [
        SortOrder("denied", column: 4), SortOrder("rate", column: 2), SortOrder("writes", column: 1),
        SortOrder("name", column: 0, ascending: true), SortOrder("last seen", column: 7, ascending: true),
    ]

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.principals]
        let all = store.principals
        // The sort, resolved once rather than matched by its name for every entity.
        let sort = Sort.allCases[(state.lists[.principals]?.sortColumn ?? 0) % Sort.allCases.count]
        var newCount = 0
        let sorted = EntityOrder.ranking(of: all) { entity -> (first: UInt64, second: UInt64)? in
            let isNew = store.isNew(firstSeenMs: entity.pointee.firstSeenMs, nowMs: nowMs)
            if let filter, !filter.isEmpty {
                let p = entity.pointee
                let topics = (p.topicsWritten.keys + p.topicsConsumed.keys).joined(separator: " ")
                guard filter.matches(text: "\(p.name) \(topics)", fields: ["principal": p.name, "topic": topics], granted: p.denied == 0, isNew: isNew) else {
                    return nil
                }
            }
            if isNew { newCount += 1 }
            switch sort {
            case .denied: return (entity.pointee.denied, entity.pointee.writes)
            case .rate: return (EntityOrder.key(entity.pointee.rate.rate(overSeconds: 10, nowMs: nowMs)), 0)
            case .writes: return (entity.pointee.writes, 0)
            case .name: return (0, 0)
            case .lastSeen: return (EntityOrder.key(entity.pointee.lastSeenMs), 0)
            }
        }
        let columns = [
            TableColumn("PRINCIPAL", minWidth: 14, preferredWidth: 34, priority: 0, cut: .middle),
            TableColumn("WRITES", minWidth: 6, preferredWidth: 9, alignment: .right, priority: 0),
            TableColumn("DEC/s 10s", minWidth: 9, preferredWidth: 9, alignment: .right, priority: 2),
            TableColumn("ALLOWED", minWidth: 7, preferredWidth: 8, alignment: .right, priority: 1),
            TableColumn("DENIED", minWidth: 6, preferredWidth: 7, alignment: .right, priority: 0),
            TableColumn("WRITES TO", minWidth: 9, preferredWidth: 22, priority: 2),
            TableColumn("CONSUMES", minWidth: 8, preferredWidth: 22, priority: 3),
            TableColumn("SEEN", minWidth: 4, preferredWidth: 5, alignment: .right, priority: 3),
            TableColumn("LAST 60s", minWidth: Sparkline.cellWidth, preferredWidth: Sparkline.cellWidth, priority: 5),
        ]
        let evicted = store.evictions.principals > 0 ? " · \(Format.count(store.evictions.principals)) evicted (cap \(store.caps.principals))" : ""
        return ListModel(
            columns: columns, count: sorted.count, sorts: sorts,
            emptyText: filter == nil ? "No principals yet: they come from audit decisions (--audit-topic, --audit-file)" : "No principal matches the filter",
            summary: "\(sorted.count) principals\(Format.newNote(newCount)) (authenticated, from audit decisions; WRITES = allowed writes to topics)\(evicted)",
            key: { index in all[sorted[index]].name },
            rowOfKey: { key, _ in all.position(of: key).flatMap(sorted.rank(ofPosition:)) }
        ) { index in
            let p = all[sorted[index]]
            return ListRow(
                cells: [
                    TerminalText.escape(p.name, limit: 120), Format.count(p.writes),
                    Format.rate(p.rate.rate(overSeconds: 10, nowMs: nowMs)),
                    Format.count(p.granted), p.denied > 0 ? Format.count(p.denied) : "-",
                    p.topicsWritten.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ","),
                    p.topicsConsumed.top(3).map { TerminalText.escape($0.key, limit: 30) }.joined(separator: ","),
                    Format.age(p.lastSeenMs, nowMs: nowMs),
                    Sparkline.text(p.rate.history(seconds: 60, nowMs: nowMs), width: Sparkline.cellWidth),
                ],
                role: p.denied > 0 ? .denied : .normal,
                marker: p.denied > 0 ? "✗" : store.isNew(firstSeenMs: p.firstSeenMs, nowMs: nowMs) ? Format.newMarker : nil,
                target: .principal(p.name)
            )
        }
    }
}
