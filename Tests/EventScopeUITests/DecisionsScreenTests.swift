import EventScopeCore
import Testing
@testable import EventScopeUI

@Suite struct DecisionsScreenTests {
    private func denial(_ n: Int, principal: String) -> Decision {
        Decision(timeMs: Int64(n), principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: "t\(n)", granted: false, count: n, format: .confluent)
    }

    /// The default view reads rows from the ring (newest first) and a model kept while paused
    /// keeps what it showed; sorted and filtered views give the same rows from their copies.
    @Test func defaultViewIsNewestFirstAndKeptWhilePaused() {
        var caps = StoreCaps()
        caps.recentDenied = 3
        let store = Store(caps: caps)
        for (n, principal) in ["User:a", "User:b", "User:c"].enumerated() { store.ingest(denial(n + 1, principal: principal), nowMs: 1_000) }
        var state = AppState()
        state.screen = .decisions
        let principals = { (model: ListModel) in (0..<model.count).map { model.row($0).cells[1] } }
        let model = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(principals(model) == ["User:c", "User:b", "User:a"])
        for n in 4...9 { store.ingest(denial(n, principal: "User:later"), nowMs: 1_000) }
        #expect(principals(model) == ["User:c", "User:b", "User:a"])

        let later = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(later.count == 3)
        #expect((0..<3).map { later.row($0).cells[5] } == ["×9", "×8", "×7"])
        var byCount = state
        byCount.lists[.decisions] = AppState.ListState(sortColumn: 2)
        let sorted = DecisionsScreen.model(store: store, state: byCount, nowMs: 1_000)
        #expect((0..<3).map { sorted.row($0).cells[5] } == ["×9", "×8", "×7"])
        state.filters[.decisions] = FilterQuery("t8")
        let filtered = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(filtered.count == 1 && filtered.row(0).cells[5] == "×8")
    }
}
