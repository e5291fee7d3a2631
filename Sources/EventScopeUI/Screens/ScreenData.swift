import EventScopeCore

/// What the list screens read: the store, the most recent trace chains and the findings, as
/// of one moment. Built from the pipeline every frame, or kept while the view is paused, so a
/// paused view still sorts, groups and filters, but over the data it froze.
public struct ScreenData {
    public var store: Store
    /// The `TracesScreen.listLimit` most recent chains, or every chain held when `everyChain`
    /// (a filter searches them all). Asked for only by the screen that shows them: building
    /// them costs a walk of the index.
    public var recentChains: (_ everyChain: Bool) -> RecentTraceChains
    /// Changes whenever what the lists show may have changed (anything ingested), so a search
    /// over the chains knows when it is out of date.
    public var generation: UInt64
    public var findings: () -> [Finding]
    public var traceCounters: TraceIndexCounters
    public var maxChains: Int
    public var nowMs: Int64

    /// The pipeline as it is now.
    public static func live(_ pipeline: IngestPipeline, nowMs: Int64) -> ScreenData {
        let traces = pipeline.traceIndex
        return ScreenData(
            store: pipeline.store,
            recentChains: { everyChain in
                traces.recentChainList(limit: everyChain ? Int.max : TracesScreen.listLimit, nowMs: nowMs)
            },
            generation: pipeline.eventsIngested &+ pipeline.decisionsIngested,
            findings: { pipeline.findings.findings }, traceCounters: traces.counters, maxChains: traces.configuration.maxChains,
            nowMs: nowMs)
    }

    /// The pipeline as it is now, held still: later ingest does not change what this shows.
    public static func frozen(_ pipeline: IngestPipeline, nowMs: Int64) -> ScreenData {
        var data = live(pipeline, nowMs: nowMs)
        data.store = pipeline.store.snapshot()
        let chains = data.recentChains(false)
        let everyChain = data.recentChains(true)
        let findings = data.findings()
        data.recentChains = { $0 ? everyChain : chains }
        data.findings = { findings }
        return data
    }
}
