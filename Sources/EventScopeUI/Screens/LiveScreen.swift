import EventScopeCore

/// The Live screen: events and decisions interleaved as they arrive, newest first.
public enum LiveScreen {
    /// Entries shown before and after each match when context is on (`c`).
    public static let contextRadius = 2

    public static func model(store: Store, state: AppState, nowMs: Int64) -> ListModel {
        let filter = state.filters[.live]
        // Unfiltered, rows are read from the ring as they are drawn: copying every held entry
        // (4,000 at the default caps, each a retain) was most of the frame. The ring is a value,
        // so a model kept while paused still shows what it held when it was made.
        let live = store.live
        // Who was allowed to write each row's topic is looked up as rows are drawn (and for
        // every entry only while a filter needs it): a few comparisons per row.
        let writes = store.authenticatedWrites
        var entries: [LiveEntry] = []
        var isContext: [Bool] = []
        // Each entry's place in the order of arrival: its identity while rows move under it.
        var sequences: [UInt64] = []
        let newestSequence = live.appended &- 1
        if let filter, state.showContext {
            // With context on, entries within `contextRadius` of a match are kept too (dimmed),
            // like `grep -C`, so a filtered view still shows what happened around each match.
            let all = Array(live.newestFirst)
            let hits = all.map { matches($0, filter: filter, writes: writes) }
            var keep = [Bool](repeating: false, count: all.count)
            for (i, hit) in hits.enumerated() where hit {
                for j in max(0, i - contextRadius)...min(all.count - 1, i + contextRadius) { keep[j] = true }
            }
            for i in all.indices where keep[i] {
                entries.append(all[i])
                isContext.append(!hits[i])
                sequences.append(newestSequence &- UInt64(i))
            }
        } else if let filter {
            for (i, entry) in live.newestFirst.enumerated() where matches(entry, filter: filter, writes: writes) {
                entries.append(entry)
                isContext.append(false)
                sequences.append(newestSequence &- UInt64(i))
            }
        }
        let count = filter == nil ? live.count : entries.count
        let columns = [
            TableColumn("TIME", minWidth: 8, preferredWidth: 8, priority: 1),
            TableColumn("KIND", minWidth: 5, preferredWidth: 8, priority: 0),
            TableColumn("WHAT", minWidth: 12, preferredWidth: 28, priority: 0),
            TableColumn("WHERE", minWidth: 10, preferredWidth: 26, priority: 0),
            TableColumn("WHO", minWidth: 10, preferredWidth: 44, priority: 1),
            TableColumn("TRACE", minWidth: 8, preferredWidth: 16, priority: 3, cut: .middle),
            TableColumn("INFO", minWidth: 6, preferredWidth: 20, priority: 4),
        ]
        return ListModel(
            columns: columns, count: count, sorts: [SortOrder("arrival", column: nil)],
            emptyText: filter == nil ? "Nothing has arrived yet" : "Nothing matches the filter",
            summary: "last \(count) of \(Format.count(live.appended)) arrivals (newest first) · event WHO: declared source, "
                + "✓/≠ authenticated writers ±\(writes.windowMs / 1000)s"
                + (filter != nil ? (state.showContext ? " · context on (c)" : " · c: show context") : ""),
            key: { index in "L\(filter == nil ? newestSequence &- UInt64(index) : sequences[index])" },
            rowOfKey: filter == nil ? { key, _ in ListModel.ringRow(of: key, prefix: "L", appended: live.appended, count: count) } : nil
        ) { index in
            guard filter != nil else { return row(live[newest: index], writes: writes) }
            var line = row(entries[index], writes: writes)
            if isContext[index] {
                line.role = .muted
                line.marker = "·"
            }
            return line
        }
    }

    static func row(_ entry: LiveEntry, writes: AuthenticatedWrites) -> ListRow {
        switch entry {
        case .event(let stored):
            let e = stored.event
            let identity = writes.identity(of: stored)
            let disagrees = identity.agreement == .disagrees
            return ListRow(
                cells: [
                    e.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "-", "event",
                    TerminalText.escape(e.type ?? Store.untypedName, limit: 80),
                    "\(TerminalText.escape(e.topic, limit: 80))/\(e.partition)@\(e.offset)",
                    whoText(identity),
                    e.trace.chainKey.map { TerminalText.escape($0, limit: 64) } ?? "-",
                    "\(e.format.rawValue) \(e.encryption == .plaintext || e.encryption == .unknown ? "" : e.encryption.rawValue)",
                ],
                role: disagrees ? .warning : e.format == .opaque ? .muted : .normal,
                marker: disagrees ? "!" : nil,
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

    /// The WHO cell of an event: the declared source, labelled as such, never dressed as a
    /// principal. A leading ✓ says an authenticated writer of the topic stands for it, a leading
    /// ≠ that only others were allowed to write then (named after it), so a narrow column still
    /// shows the verdict.
    static func whoText(_ identity: ProducerIdentity) -> String {
        let declared = identity.declaredSource.map { TerminalText.escape($0, limit: 80) + " (declared)" } ?? "(no source declared)"
        switch identity.agreement {
        case .unknown: return declared
        case .matches: return "✓ " + declared
        case .disagrees:
            return "≠ " + declared + ", auth " + identity.authenticatedProducers.prefix(2).map { TerminalText.escape($0, limit: 60) }.joined(separator: ",")
        }
    }

    static func matches(_ entry: LiveEntry, filter: FilterQuery, writes: AuthenticatedWrites) -> Bool {
        switch entry {
        case .event(let stored):
            let e = stored.event
            let producers = writes.identity(of: stored).authenticatedProducers.joined(separator: " ")
            let fields = ["topic": e.topic, "type": e.type ?? "", "principal": producers, "source": e.source ?? "", "format": e.format.rawValue]
            return filter.matches(text: "\(e.topic) \(e.type ?? "") \(e.source ?? "") \(producers) \(e.id ?? "")", fields: fields, granted: nil)
        case .decision(let d):
            return DecisionsScreen.matches(filter, d)
        }
    }
}
