/// The most recently active chains of a trace index, in order, each summarised when first asked.
///
/// The Traces list holds up to 300 chains but draws a screenful; summarising every one of them
/// on every frame was about half of the frame. The chains are taken when the list is made; a
/// summary asked later (a model kept while the view is paused and ingest goes on) is of the
/// chain as it is then, and a chain evicted in between reads as nil.
public final class RecentTraceChains {
    private let index: TraceIndex
    private let slots: [Int32]
    private let keys: [TraceIdentifier]
    private let nowMs: Int64
    private var summaries: [TraceChainSummary?]
    private let denials: TraceIndex.DeniedPublishWindows

    init(index: TraceIndex, slots: [Int32], nowMs: Int64) {
        self.index = index
        self.slots = slots
        keys = slots.map { index.chains[Int($0)].key }
        self.nowMs = nowMs
        summaries = Array(repeating: nil, count: slots.count)
        denials = TraceIndex.DeniedPublishWindows(index)
    }

    /// How many chains the list holds.
    public var count: Int { slots.count }

    /// The summary of the chain at `position` (0 is the most recently active), or nil if the
    /// chain was evicted after the list was made.
    public subscript(position: Int) -> TraceChainSummary? {
        if let summary = summaries[position] { return summary }
        let slot = slots[position]
        // An evicted chain's slot is freed (its key cleared) or reused for another chain.
        guard index.chains[Int(slot)].key == keys[position] else { return nil }
        let summary = index.summary(ofChain: slot, nowMs: nowMs, denials: denials)
        summaries[position] = summary
        return summary
    }

    /// The key of the chain at `position`, read without summarising it.
    public func key(at position: Int) -> String { keys[position].text }

    /// Every summary still available, in order.
    public var all: [TraceChainSummary] { (0..<count).compactMap { self[$0] } }
}
