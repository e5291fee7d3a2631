/// What the engine remembers about one source between ticks, to see silence, gaps and outages.
struct SourceWatch {
    var lastRecordMs: Int64?
    var longestGapMs: Int64 = 0
    var offsetGaps: UInt64 = 0
    var unparseable: UInt64 = 0
    var silenceReported = false
    var unhealthyReported = false
}
