import EventScopeCore
import Testing

@testable import EventScopeUI

@Suite struct DecisionsScreenTests {
    private func denial(_ n: Int, principal: String) -> Decision {
        Decision(
            timeMs: Int64(n), principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: "t\(n)", granted: false, count: n,
            format: .confluent)
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
        byCount.lists[.decisions] = AppState.ListState(sortColumn: 3)
        let sorted = DecisionsScreen.model(store: store, state: byCount, nowMs: 1_000)
        #expect((0..<3).map { sorted.row($0).cells[5] } == ["×9", "×8", "×7"])
        state.filters[.decisions] = FilterQuery("t8")
        let filtered = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(filtered.count == 1 && filtered.row(0).cells[5] == "×8")
    }

    /// Decisions from several audit streams arrive out of time order: arrival is the default and
    /// says so; `time` orders by the decisions' own times, and grouped `newest` by each group's last.
    @Test func timeSortFollowsDecisionTimesNotArrival() {
        let store = Store()
        for (time, principal) in [(300, "User:a"), (100, "User:b"), (200, "User:c"), (50, "User:a")] {
            store.ingest(
                Decision(
                    timeMs: Int64(time), principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: "t", granted: false, format: .redpanda),
                nowMs: 1_000)
        }
        var state = AppState()
        state.screen = .decisions
        let times = { (model: ListModel) in (0..<model.count).map { model.row($0).cells[0] } }
        let arrival = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(DecisionsScreen.sorts[0].name == "arrival")
        #expect(times(arrival) == [50, 200, 100, 300].map { Timestamp.formatTimeOfDay(ms: Int64($0)) })
        state.lists[.decisions] = AppState.ListState(sortColumn: 1)
        let byTime = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(times(byTime) == [300, 200, 100, 50].map { Timestamp.formatTimeOfDay(ms: Int64($0)) })

        state.decisionGrouping = .principal
        let groupedNewest = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(DecisionsScreen.groupedSorts[1].name == "newest")
        // User:a has two denials (the most) but User:a's last is 300, the newest; then c (200), b (100).
        #expect((0..<groupedNewest.count).map { groupedNewest.row($0).cells[0] } == ["User:a", "User:c", "User:b"])
        store.ingest(
            Decision(timeMs: 400, principal: "User:b", operation: "WRITE", resourceType: "TOPIC", resourceName: "t", granted: false, format: .redpanda),
            nowMs: 1_000)
        let afterNewer = DecisionsScreen.model(store: store, state: state, nowMs: 1_000)
        #expect((0..<afterNewer.count).map { afterNewer.row($0).cells[0] } == ["User:b", "User:a", "User:c"])
    }

    /// `r` reverses any list, and the header marks the sorted column with the direction its
    /// values run; the selection's key still finds its row in the reversed list.
    @Test func reversedSortAndHeaderMark() {
        let store = Store()
        for (i, topic) in ["alpha", "beta", "gamma"].enumerated() {
            for n in 0...i {
                let event = Event(topic: topic, partition: 0, offset: Int64(n), timeMs: 1_000, type: "T", id: nil, source: nil, format: .envelope, bytes: 1)
                store.ingest(event, record: Record(topic: topic), nowMs: 1_000)
            }
        }
        var state = AppState()
        state.screen = .topics
        state.lists[.topics] = AppState.ListState(sortColumn: 1)
        let names = { (model: ListModel) in (0..<model.count).map { model.row($0).cells[0] } }
        let byEvents = try! #require(ScreenModels.listModel(for: .topics, pipeline: IngestPipeline(store: store), state: state, nowMs: 1_000))
        #expect(names(byEvents) == ["gamma", "beta", "alpha"])
        #expect(byEvents.columns[1].title == "EVENTS▼")
        state.lists[.topics]?.sortReversed = true
        let reversed = try! #require(ScreenModels.listModel(for: .topics, pipeline: IngestPipeline(store: store), state: state, nowMs: 1_000))
        #expect(names(reversed) == ["alpha", "beta", "gamma"])
        #expect(reversed.columns[1].title == "EVENTS▲")
        #expect(reversed.rowOfKey("gamma", 0) == 2)
        #expect(reversed.key(0) == "alpha")
        state.lists[.topics] = AppState.ListState(sortColumn: 2)
        let byName = try! #require(ScreenModels.listModel(for: .topics, pipeline: IngestPipeline(store: store), state: state, nowMs: 1_000))
        #expect(byName.columns[0].title == "TOPIC▲")
        #expect(names(byName) == ["alpha", "beta", "gamma"])
    }
}
