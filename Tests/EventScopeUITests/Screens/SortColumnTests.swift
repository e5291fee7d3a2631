import EventScopeCore
import Testing

@testable import EventScopeUI

/// The header marks the column a list is sorted by; a column added to a screen must not leave
/// the mark on its neighbour.
@Suite struct SortColumnTests {
    /// The header each sort's column must carry.
    static let titles: [String: Set<String>] = [
        "rate": ["/s 10s", "DEC/s 10s"], "events": ["EVENTS"], "last seen": ["SEEN"], "denied": ["DENIED"],
        "writes": ["WRITES"], "time": ["TIME"], "principal": ["PRINCIPAL"], "count": ["COUNT"], "newest": ["LAST"],
        "severity": ["SEV"], "recent": ["LAST"], "status": ["STATUS"], "hops": ["HOPS"], "duration": ["DURATION"],
    ]

    static func models() -> [(String, ListModel)] {
        let store = Store()
        let state = AppState()
        return [
            ("topics", TopicsScreen.model(store: store, state: state, nowMs: 0)),
            ("event types", EventTypesScreen.model(store: store, state: state, nowMs: 0)),
            ("principals", PrincipalsScreen.model(store: store, state: state, nowMs: 0)),
            ("decisions", DecisionsScreen.model(store: store, state: state, nowMs: 0)),
            ("findings", FindingsScreen.model(findings: [], state: state, nowMs: 0)),
            (
                "traces",
                TracesScreen.model(
                    recent: TraceIndex().recentChainList(limit: 10, nowMs: 0), counters: TraceIndexCounters(), maxChains: 10,
                    state: state, nowMs: 0)
            ),
        ]
    }

    @Test func everySortMarksTheColumnItSortsBy() {
        for (screen, model) in Self.models() {
            for sort in model.sorts {
                guard let column = sort.column else { continue }
                #expect(model.columns.indices.contains(column), "\(screen): sort \(sort.name) marks column \(column) of \(model.columns.count)")
                guard model.columns.indices.contains(column) else { continue }
                let title = model.columns[column].title
                if sort.name == "name" {
                    #expect(column == 0, "\(screen): name sort marks \(title)")
                } else {
                    #expect(Self.titles[sort.name]?.contains(title) == true, "\(screen): sort \(sort.name) marks column \(title)")
                }
            }
        }
    }
}
