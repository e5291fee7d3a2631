import EventScopeCore

/// A Traces filter over every chain held, searched a slice at a time.
///
/// Summarising and matching 50,000 chains takes about a second in a debug build, far longer
/// than a frame may take while a flood arrives; so each frame searches a bounded slice, and the
/// list says how far the search has come. A finished search stays on screen while the next one,
/// over newer data, runs, and the list says how old it is: no chain is left out unsaid.
public final class TraceChainSearch {
    /// What the list shows: the matches of the newest finished search, else those found so far.
    public struct Result {
        /// The chains matched, most recently active first (as of the search).
        public let matches: [TraceChainSummary]
        /// Chains searched, of `total` held when the search started.
        public let searched: Int
        public let total: Int
        /// When the search shown finished; nil while the first search for the filter still runs.
        public let finishedAtMs: Int64?
        /// Whether a newer search is running behind a finished one.
        public let refreshing: Bool
        fileprivate let pass: Pass

        /// The matches in another order, sorted once per finished search rather than every frame.
        public func ordered(_ name: String, by areInIncreasingOrder: (TraceChainSummary, TraceChainSummary) -> Bool) -> [TraceChainSummary] {
            if finishedAtMs != nil, let sorted = pass.orders[name] { return sorted }
            // Ties keep the most recent first.
            let sorted = matches.enumerated().sorted { a, b in
                areInIncreasingOrder(a.element, b.element) || (!areInIncreasingOrder(b.element, a.element) && a.offset < b.offset)
            }.map(\.element)
            if finishedAtMs != nil { pass.orders[name] = sorted }
            return sorted
        }
    }

    /// One search: a query over the chains held when it started.
    fileprivate final class Pass {
        let query: String
        let generation: UInt64
        let chains: RecentTraceChains
        var next = 0
        var matches: [TraceChainSummary] = []
        var finishedAtMs: Int64?
        var orders: [String: [TraceChainSummary]] = [:]

        init(query: String, generation: UInt64, chains: RecentTraceChains) {
            self.query = query
            self.generation = generation
            self.chains = chains
        }
    }

    /// Chains searched per frame: at least `minimumSlice` (so small indexes finish in one frame,
    /// whatever the machine's load), then as many as fit in `sliceBudget`, at most `maximumSlice`.
    static let minimumSlice = 500
    static let maximumSlice = 5_000
    static let sliceBudget: Duration = .milliseconds(20)

    private var running: Pass?
    private var finished: Pass?

    public init() {}

    /// Moves the search for `query` on by one slice and says what to show.
    ///
    /// - Parameters:
    ///   - generation: changes whenever the data searched may have changed; a finished search
    ///     of an older generation is shown while a new one runs.
    ///   - everyChain: every chain held, most recently active first (taken when a search starts).
    ///   - matches: whether a chain matches the query.
    public func step(
        query: String, generation: UInt64, nowMs: Int64, everyChain: () -> RecentTraceChains,
        matches: (TraceChainSummary) -> Bool
    ) -> Result {
        if finished?.query != query { finished = nil }
        if running?.query != query { running = nil }
        if running == nil, finished?.generation != generation {
            running = Pass(query: query, generation: generation, chains: everyChain())
        }
        if let pass = running {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: Self.sliceBudget)
            var searched = 0
            while pass.next < pass.chains.count, searched < Self.maximumSlice, searched < Self.minimumSlice || clock.now < deadline {
                if let chain = pass.chains[pass.next], matches(chain) { pass.matches.append(chain) }
                pass.next += 1
                searched += 1
            }
            if pass.next == pass.chains.count {
                pass.finishedAtMs = nowMs
                finished = pass
                running = nil
            }
        }
        guard let shown = finished ?? running else { preconditionFailure("a search runs whenever none has finished") }
        return Result(
            matches: shown.matches, searched: shown.next, total: shown.chains.count, finishedAtMs: shown.finishedAtMs,
            refreshing: finished != nil && running != nil, pass: shown)
    }
}
