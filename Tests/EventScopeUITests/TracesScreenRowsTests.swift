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
}
