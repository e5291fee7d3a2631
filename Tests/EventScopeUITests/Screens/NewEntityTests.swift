import EventScopeCore
import Testing

@testable import EventScopeUI

@Suite struct NewEntityTests {
    private func ingest(_ store: Store, topic: String, source: String, atMs: Int64) {
        let event = Event(topic: topic, partition: 0, offset: 0, timeMs: atMs, type: "T-\(topic)", id: nil, source: source, format: .envelope, bytes: 1)
        store.ingest(event, record: Record(topic: topic), claimedPrincipal: nil, nowMs: atMs)
        // Principals come from audit decisions.
        store.ingest(
            Decision(
                timeMs: atMs, principal: "User:\(source)", operation: "WRITE", resourceType: "TOPIC", resourceName: topic, granted: true, format: .confluent),
            nowMs: atMs)
    }

    /// What appears in the first minute is new to evscope, not to the cluster; after that a
    /// topic, type or principal counts as new for five minutes.
    @Test func newMeansFirstSeenAfterTheWarmUpAndInTheLastFiveMinutes() {
        let store = Store()
        let start: Int64 = 1_000_000
        #expect(!store.isNew(firstSeenMs: start, nowMs: start))
        ingest(store, topic: "orders", source: "order-service", atMs: start)
        ingest(store, topic: "early", source: "early-service", atMs: start + 59_000)
        ingest(store, topic: "payments-shadow", source: "rogue", atMs: start + 120_000)
        let now = start + 130_000
        #expect(!store.isNew(firstSeenMs: start, nowMs: now))
        #expect(!store.isNew(firstSeenMs: start + 59_000, nowMs: now))
        #expect(store.isNew(firstSeenMs: start + 120_000, nowMs: now))
        #expect(!store.isNew(firstSeenMs: start + 120_000, nowMs: start + 120_000 + Store.newWindowMs + 1))

        var state = AppState()
        state.screen = .topics
        let topics = TopicsScreen.model(store: store, state: state, nowMs: now)
        let rows = (0..<topics.count).map { topics.row($0) }
        #expect(rows.filter { $0.marker == Format.newMarker }.map { $0.cells[0] } == ["payments-shadow"])
        #expect(topics.summary.contains("1 new"))
        state.filters[.topics] = FilterQuery("new")
        let onlyNew = TopicsScreen.model(store: store, state: state, nowMs: now)
        #expect((0..<onlyNew.count).map { onlyNew.row($0).cells[0] } == ["payments-shadow"])
        state.filters[.topics] = FilterQuery("!new")
        #expect(TopicsScreen.model(store: store, state: state, nowMs: now).count == 2)

        var principals = AppState()
        principals.filters[.principals] = FilterQuery("new")
        let who = PrincipalsScreen.model(store: store, state: principals, nowMs: now)
        #expect((0..<who.count).map { who.row($0).cells[0] } == ["User:rogue"])
        #expect(who.row(0).marker == Format.newMarker)
        let types = EventTypesScreen.model(store: store, state: AppState(), nowMs: now)
        #expect((0..<types.count).filter { types.row($0).marker == Format.newMarker }.map { types.row($0).cells[0] } == ["T-payments-shadow"])
    }
}

@Suite struct OverviewNewTests {
    @Test func overviewCountsWhatIsNew() {
        let store = Store()
        let start: Int64 = 1_000_000
        for (topic, at) in [("orders", start), ("shadow", start + 90_000)] {
            let event = Event(topic: topic, partition: 0, offset: 0, timeMs: at, type: "T-\(topic)", id: nil, source: nil, format: .envelope, bytes: 1)
            store.ingest(event, record: Record(topic: topic), claimedPrincipal: nil, nowMs: at)
            store.ingest(
                Decision(
                    timeMs: at, principal: "User:\(topic)", operation: "WRITE", resourceType: "TOPIC", resourceName: topic, granted: true, format: .confluent),
                nowMs: at)
        }
        #expect(store.newCounts(nowMs: start + 100_000) == (1, 1, 1))
        var grid = Grid(width: 120, height: 30)
        OverviewScreen.render(into: &grid, in: Rect(x: 0, y: 0, width: 120, height: 30), store: store, sources: [], findings: [], nowMs: start + 100_000)
        #expect(grid.textLines.contains { $0.contains("new in 5 min: 1 topic, 1 type, 1 principal") })
    }
}
