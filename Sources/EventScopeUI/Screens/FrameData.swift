import EventScopeCore

/// What a frame is drawn from besides the state: the pipeline, the sources' health, the clock
/// and the terminal size, and what only the loop knows (logs, frame times, dropped data).
public struct FrameData {
    public var pipeline: IngestPipeline
    public var sources: [SourceHealth]
    public var nowMs: Int64
    public var width: Int
    public var height: Int
    public var reveal: Bool
    /// The names of the themes `T` cycles through, the one in use first.
    public var themeNames: [String]
    /// Source log lines, oldest first (asked for only when the Sources detail is open).
    public var logs: () -> [String]
    /// Frame times for the Sources detail.
    public var frameSummary: () -> String
    /// Data dropped or sampled outside the pipeline (asked once per frame).
    public var lossNotes: () -> [String]

    public init(
        pipeline: IngestPipeline, sources: [SourceHealth], nowMs: Int64, width: Int, height: Int, reveal: Bool = false,
        themeNames: [String] = ["dark"], logs: @escaping () -> [String] = { [] }, frameSummary: @escaping () -> String = { "no frame yet" },
        lossNotes: @escaping () -> [String] = { [] }
    ) {
        self.pipeline = pipeline
        self.sources = sources
        self.nowMs = nowMs
        self.width = width
        self.height = height
        self.reveal = reveal
        self.themeNames = themeNames
        self.logs = logs
        self.frameSummary = frameSummary
        self.lossNotes = lossNotes
    }

    /// Events and decisions ingested so far.
    var ingestedCount: UInt64 { pipeline.store.totalEvents &+ pipeline.store.totalDecisions }
}
