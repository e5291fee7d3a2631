import EventScopeCore
import Testing

@testable import EventScopeUI

@Suite struct TracesScreenRowsTests {
    /// The default view summarises rows as drawn; they match summaries taken all at once.
    @Test func defaultRowsMatchTheEagerSummaries() {
        let pipeline = DashboardSnapshotTests.samplePipeline()
        let nowMs = DashboardSnapshotTests.nowMs
        let model = ScreenModels.listModel(for: .traces, pipeline: pipeline, state: AppState(), nowMs: nowMs)!
        let eager = pipeline.traceIndex.recentChains(limit: 300, nowMs: nowMs)
        #expect(model.count == eager.count && model.count > 0)
        for (index, summary) in eager.enumerated() {
            #expect(model.row(index).cells == TracesScreen.row(summary, nowMs: nowMs).cells)
        }
    }

    /// A filter reaches every chain held, not only the most recent listed unfiltered, live and
    /// while paused.
    @Test func aFilterSearchesEveryChainHeld() {
        let pipeline = IngestPipeline()
        let chains = TracesScreen.listLimit + 50
        for n in 0..<chains {
            let type = n == 0 ? "RareOldType" : "Common"
            let event = Event(
                topic: "orders", partition: 0, offset: Int64(n), timeMs: Int64(n), type: type, id: "e\(n)", source: nil,
                format: .envelope, trace: TraceContext(correlationId: "chain-\(n)"), bytes: 10)
            _ = pipeline.traceIndex.insert(event, principal: nil, nowMs: Int64(n))
        }
        var state = AppState()
        #expect(ScreenModels.listModel(for: .traces, pipeline: pipeline, state: state, nowMs: 1_000)?.count == TracesScreen.listLimit)
        state.filters[.traces] = FilterQuery("type:RareOldType")
        let live = ScreenModels.listModel(for: .traces, pipeline: pipeline, state: state, nowMs: 1_000)
        #expect(live?.count == 1)
        #expect(live?.row(0).cells.contains("RareOldType") == true)
        let paused = ScreenModels.listModel(for: .traces, data: .frozen(pipeline, nowMs: 1_000), state: state)
        #expect(paused?.count == 1)
        state.filters[.traces] = FilterQuery("type:Common")
        #expect(ScreenModels.listModel(for: .traces, pipeline: pipeline, state: state, nowMs: 1_000)?.count == chains - 1)
    }

    /// Over more chains than one frame's slice, a filter says how far its search has come until
    /// it has searched them all; a finished search stays shown, labelled, while a newer one runs.
    @Test func aLargeSearchRunsSliceBySliceAndSaysSo() throws {
        let pipeline = IngestPipeline()
        let chains = TraceChainSearch.minimumSlice * 40
        func add(_ n: Int) {
            let event = Event(
                topic: "orders", partition: 0, offset: Int64(n), timeMs: Int64(n), type: n % 10 == 0 ? "Tenth" : "Other", id: "e\(n)",
                source: nil, format: .envelope, trace: TraceContext(correlationId: "chain-\(n)"), bytes: 10)
            _ = pipeline.traceIndex.insert(event, principal: nil, nowMs: Int64(n))
        }
        for n in 0..<chains { add(n) }
        var state = AppState()
        state.filters[.traces] = FilterQuery("type:Tenth")
        var data = ScreenData.live(pipeline, nowMs: 100_000)
        var model = try #require(ScreenModels.listModel(for: .traces, data: data, state: state))
        #expect(model.summary.hasPrefix("searching… "))
        #expect(model.count < chains / 10)
        var frames = 1
        while model.summary.hasPrefix("searching… ") {
            model = try #require(ScreenModels.listModel(for: .traces, data: data, state: state))
            frames += 1
        }
        #expect(frames > 1)
        #expect(model.count == chains / 10)
        #expect(model.summary.hasPrefix("\(chains / 10) of "))
        #expect((0..<model.count).allSatisfy { model.row($0).cells.contains("Tenth") })

        // New data: the finished result stays, labelled, until the newer search is done.
        add(chains)
        data.generation &+= 1
        model = try #require(ScreenModels.listModel(for: .traces, data: data, state: state))
        #expect(model.count == chains / 10)
        #expect(model.summary.contains("searching newer chains"))
        while model.summary.contains("searching newer chains") {
            model = try #require(ScreenModels.listModel(for: .traces, data: data, state: state))
        }
        #expect(model.count == chains / 10 + 1)
    }
}
