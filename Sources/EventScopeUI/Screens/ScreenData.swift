import EventScopeCore

/// What the list screens read: the store, the most recent trace chains and the findings, as
/// of one moment. Built from the pipeline every frame, or kept while the view is paused, so a
/// paused view still sorts, groups and filters, but over the data it froze.
public struct ScreenData {
    public var store: Store
    /// Asked for only by the screen that shows them: building them costs a walk of the index.
    public var recentChains: () -> RecentTraceChains
    public var findings: () -> [Finding]
    public var traceCounters: TraceIndexCounters
    public var maxChains: Int
    public var nowMs: Int64

    /// The pipeline as it is now.
    public static func live(_ pipeline: IngestPipeline, nowMs: Int64) -> ScreenData {
        let traces = pipeline.traceIndex
        return ScreenData(
            store: pipeline.store, recentChains: { traces.recentChainList(limit: TracesScreen.listLimit, nowMs: nowMs) },
            findings: { pipeline.findings.findings }, traceCounters: traces.counters, maxChains: traces.configuration.maxChains,
            nowMs: nowMs)
    }

    /// The pipeline as it is now, held still: later ingest does not change what this shows.
    public static func frozen(_ pipeline: IngestPipeline, nowMs: Int64) -> ScreenData {
        var data = live(pipeline, nowMs: nowMs)
        data.store = pipeline.store.snapshot()
        let chains = data.recentChains()
        let findings = data.findings()
        data.recentChains = { chains }
        data.findings = { findings }
        return data
    }
}
