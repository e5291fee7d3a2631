/// The `denied` chain status: whether a principal on the chain, or one expected to continue
/// it, had a publish denied within the chain's window.
extension TraceIndex {
    /// The denied publishes arranged by time for the status of many chains: by principal, by
    /// topic their principal consumes, and all of them (for topics anyone may consume).
    ///
    /// Built once per query, not per chain: finding, chain by chain, the denials in its window
    /// and asking `consumers` about each against each topic the chain ends on cost 18 ms a
    /// Traces frame with 1,024 distinct denied principals (`bench render`); here each denied
    /// principal's topics are asked once and each chain costs a few binary searches.
    final class DeniedPublishWindows {
        /// Denial times, ascending within each principal's run.
        var times: [Int64] = []
        /// Where each denied principal's run of `times` is.
        var byPrincipal: [Int32: Range<Int>] = [:]
        /// Denial times, ascending, by topic that the denied principal consumes.
        var byConsumedTopic: [Int32: [Int64]] = [:]
        /// Times of the denials whose principal is named, ascending.
        var named: [Int64] = []
        /// Whether anyone may consume a topic, asked once per topic.
        var openTopics: [Int32: Bool] = [:]

        /// Whether `times` (ascending) holds one within `from...to`.
        static func holdsTime(_ times: ArraySlice<Int64>, from: Int64, to: Int64) -> Bool {
            var low = times.startIndex
            var high = times.endIndex
            while low < high {
                let middle = (low + high) / 2
                if times[middle] < from { low = middle + 1 } else { high = middle }
            }
            return low < times.endIndex && times[low] <= to
        }
    }

    func deniedPublishWindows() -> DeniedPublishWindows {
        let windows = DeniedPublishWindows()
        guard !deniedPublishes.isEmpty else { return windows }
        // One sort into runs per principal: a dictionary of arrays allocated one array per
        // distinct principal, on every frame of a flood.
        let denials = deniedPublishes.sorted { $0.principal != $1.principal ? $0.principal < $1.principal : $0.timeMs < $1.timeMs }
        windows.times = denials.map(\.timeMs)
        windows.byPrincipal.reserveCapacity(denials.count)
        var start = 0
        while start < denials.count {
            let principal = denials[start].principal
            var end = start + 1
            while end < denials.count, denials[end].principal == principal { end += 1 }
            windows.byPrincipal[principal] = start..<end
            if principal >= 0, let name = principals.name(principal) {
                windows.named += windows.times[start..<end]
                for topic in consumers.topicsConsumed(name) {
                    guard let topicId = topics.existingId(for: topic) else { continue }
                    windows.byConsumedTopic[topicId, default: []] += windows.times[start..<end]
                }
            }
            start = end
        }
        windows.named.sort()
        for topic in windows.byConsumedTopic.keys { windows.byConsumedTopic[topic]?.sort() }
        return windows
    }

    /// Whether a principal on the chain, or one consuming a topic the chain ends on (expected
    /// to continue it), had a publish denied within the window.
    func wasDenied(
        principals onChain: Set<Int32>, leafTopics: Set<Int32>, fromMs: Int64, toMs: Int64, denials: DeniedPublishWindows
    ) -> Bool {
        guard !denials.byPrincipal.isEmpty else { return false }
        for principal in onChain {
            if let run = denials.byPrincipal[principal], DeniedPublishWindows.holdsTime(denials.times[run], from: fromMs, to: toMs) { return true }
        }
        for topic in leafTopics {
            if let times = denials.byConsumedTopic[topic], DeniedPublishWindows.holdsTime(times[...], from: fromMs, to: toMs) { return true }
            guard DeniedPublishWindows.holdsTime(denials.named[...], from: fromMs, to: toMs) else { continue }
            let open = denials.openTopics[topic] ?? (topics.name(topic).map(consumers.isOpen) ?? false)
            denials.openTopics[topic] = open
            if open { return true }
        }
        return false
    }
}
