extension TraceIndex {
    /// The `denied` chain status: whether a principal on the chain, or one expected to continue
    /// it, had a publish denied within the chain's window.
    ///
    /// The denied publishes are arranged by time — by principal, by topic their principal
    /// consumes, and all of them (for topics anyone may consume) — once per query of many
    /// chains, when the first chain asks: finding, chain by chain, the denials in its window and
    /// asking `consumers` about each against each topic the chain ends on cost 18 ms a Traces
    /// frame with 1,024 distinct denied principals (`bench render`); here each denied
    /// principal's topics are asked once and each chain costs a few binary searches.
    final class DeniedPublishWindows {
        private let index: TraceIndex
        private var arranged = false
        /// Denial times, ascending within each principal's run.
        private var times: [Int64] = []
        /// Where each denied principal's run of `times` is.
        private var byPrincipal: [Int32: Range<Int>] = [:]
        /// Denial times, ascending, by topic that the denied principal consumes.
        private var byConsumedTopic: [Int32: [Int64]] = [:]
        /// Times of the denials whose principal is named, ascending.
        private var named: [Int64] = []
        /// Whether anyone may consume a topic, asked once per topic.
        private var openTopics: [Int32: Bool] = [:]

        /// Windows over the index's denied publishes as they are when a chain first asks.
        init(_ index: TraceIndex) {
            self.index = index
        }

        /// Whether a principal on the chain, or one consuming a topic the chain ends on
        /// (expected to continue it), had a publish denied within `fromMs...toMs`.
        func holdDenial(principals onChain: Set<Int32>, leafTopics: Set<Int32>, fromMs: Int64, toMs: Int64) -> Bool {
            arrangeOnce()
            guard !byPrincipal.isEmpty else { return false }
            for principal in onChain {
                if let run = byPrincipal[principal], Self.holdsTime(times[run], from: fromMs, to: toMs) { return true }
            }
            for topic in leafTopics {
                if let times = byConsumedTopic[topic], Self.holdsTime(times[...], from: fromMs, to: toMs) { return true }
                guard Self.holdsTime(named[...], from: fromMs, to: toMs) else { continue }
                let open = openTopics[topic] ?? (index.topics.name(topic).map(index.consumers.isOpen) ?? false)
                openTopics[topic] = open
                if open { return true }
            }
            return false
        }

        private func arrangeOnce() {
            guard !arranged else { return }
            arranged = true
            guard !index.deniedPublishes.isEmpty else { return }
            // One sort into runs per principal: a dictionary of arrays allocated one array per
            // distinct principal, on every frame of a flood.
            let denials = index.deniedPublishes.sorted { $0.principal != $1.principal ? $0.principal < $1.principal : $0.timeMs < $1.timeMs }
            times = denials.map(\.timeMs)
            byPrincipal.reserveCapacity(denials.count)
            var start = 0
            while start < denials.count {
                let principal = denials[start].principal
                var end = start + 1
                while end < denials.count, denials[end].principal == principal { end += 1 }
                byPrincipal[principal] = start..<end
                if principal >= 0, let name = index.principals.name(principal) {
                    named += times[start..<end]
                    for topic in index.consumers.topicsConsumed(name) {
                        guard let topicId = index.topics.existingId(for: topic) else { continue }
                        byConsumedTopic[topicId, default: []] += times[start..<end]
                    }
                }
                start = end
            }
            named.sort()
            for topic in byConsumedTopic.keys { byConsumedTopic[topic]?.sort() }
        }

        /// Whether `times` (ascending) holds one within `from...to`.
        private static func holdsTime(_ times: ArraySlice<Int64>, from: Int64, to: Int64) -> Bool {
            var low = times.startIndex
            var high = times.endIndex
            while low < high {
                let middle = (low + high) / 2
                if times[middle] < from { low = middle + 1 } else { high = middle }
            }
            return low < times.endIndex && times[low] <= to
        }
    }
}
