extension TraceIndex {
    /// The `denied` chain status: the denied publishes tied to a chain.
    ///
    /// A denial is tied to a chain in two ways only, because an audit decision names a principal
    /// and a time but no trace: the denied principal produced a hop of the chain and was denied
    /// within the chain's window (its first to its last event, plus the idle timeout); or it is
    /// the one expected to continue a hop — it consumes the hop's topic (policy consumers or audit
    /// READ decisions, never "anyone may consume") — was denied within the idle timeout after
    /// that hop, and has not continued the hop. Anything wider marks unrelated chains: one
    /// denied publish once marked every chain whose last topic anyone may read.
    ///
    /// The denied publishes are arranged by time — by principal, and by topic their principal
    /// consumes — once per query of many chains, when the first chain asks, so each chain costs
    /// a few binary searches (`bench render` holds the Traces list in a denial flood).
    final class DeniedPublishWindows {
        /// One remembered denied publish.
        struct Denial {
            var principal: Int32
            var topic: Int32
            var timeMs: Int64
        }

        private let index: TraceIndex
        private var arranged = false
        /// Denials sorted by principal, then time.
        private var denials: [Denial] = []
        /// Where each denied principal's run of `denials` is.
        private var byPrincipal: [Int32: Range<Int>] = [:]
        /// Denials by a topic that the denied principal consumes, ascending time.
        private var byConsumedTopic: [Int32: [Denial]] = [:]

        /// Windows over the index's denied publishes as they are when a chain first asks.
        init(_ index: TraceIndex) {
            self.index = index
        }

        /// Whether any denied publish is tied to the chain.
        func holdsDenial(chain chainIndex: Int32, principals onChain: [Int32], fromMs: Int64, toMs: Int64) -> Bool {
            !denials(ofChain: chainIndex, principals: onChain, fromMs: fromMs, toMs: toMs, limit: 1).isEmpty
        }

        /// The denied publishes tied to the chain (at most `limit`), those by principals on the
        /// chain first.
        ///
        /// - Parameters:
        ///   - onChain: the distinct principals that produced the chain's hops, in chain order.
        ///   - fromMs: the chain's earliest event time.
        ///   - toMs: its latest event time.
        func denials(ofChain chainIndex: Int32, principals onChain: [Int32], fromMs: Int64, toMs: Int64, limit: Int) -> [TraceChainDenial] {
            arrangeOnce()
            guard !denials.isEmpty, limit > 0 else { return [] }
            let idleMs = index.configuration.idleTimeoutMs
            var found: [TraceChainDenial] = []
            for principal in onChain {
                guard let run = byPrincipal[principal] else { continue }
                let windowEnd = toMs.addingReportingOverflow(idleMs)
                let to = windowEnd.overflow ? Int64.max : windowEnd.partialValue
                var position = Self.firstAtOrAfter(fromMs, in: denials[run])
                while position < run.endIndex, denials[position].timeMs <= to {
                    guard let hop = firstHop(of: chainIndex, by: principal) else { break }
                    found.append(describe(denials[position], hop: hop, relation: .producedHop))
                    if found.count == limit { return found }
                    position += 1
                }
            }
            guard !byConsumedTopic.isEmpty else { return found }
            let onChainSet = Set(onChain)
            var cursor = index.chains[Int(chainIndex)].first
            while cursor != -1 {
                let node = Int(cursor)
                if let candidates = byConsumedTopic[index.nodes[node].topic] {
                    let hopMs = index.nodes[node].timeMs
                    let windowEnd = hopMs.addingReportingOverflow(idleMs)
                    let to = windowEnd.overflow ? Int64.max : windowEnd.partialValue
                    var position = Self.firstAtOrAfter(hopMs, in: candidates[...])
                    while position < candidates.endIndex, candidates[position].timeMs <= to {
                        let denial = candidates[position]
                        position += 1
                        // A principal on the chain is tied by its own hop, with the wider window.
                        if onChainSet.contains(denial.principal) || continued(hop: cursor, chain: chainIndex, by: denial.principal) { continue }
                        found.append(describe(denial, hop: cursor, relation: .expectedToContinue))
                        if found.count == limit { return found }
                    }
                }
                cursor = index.nodes[node].next
            }
            return found
        }

        /// The chain's earliest-arrived hop produced by `principal`.
        private func firstHop(of chainIndex: Int32, by principal: Int32) -> Int32? {
            var cursor = index.chains[Int(chainIndex)].first
            while cursor != -1 {
                if index.nodes[Int(cursor)].principal == principal { return cursor }
                cursor = index.nodes[Int(cursor)].next
            }
            return nil
        }

        /// Whether `principal` produced a child of the hop: then it did continue it.
        private func continued(hop: Int32, chain chainIndex: Int32, by principal: Int32) -> Bool {
            var cursor = index.chains[Int(chainIndex)].first
            while cursor != -1 {
                let node = Int(cursor)
                if index.nodes[node].parent == hop, index.nodes[node].principal == principal { return true }
                cursor = index.nodes[node].next
            }
            return false
        }

        private func describe(_ denial: Denial, hop: Int32, relation: TraceChainDenial.Relation) -> TraceChainDenial {
            let node = index.nodes[Int(hop)]
            return TraceChainDenial(
                principal: index.principals.name(denial.principal) ?? "(unnamed principal)", timeMs: denial.timeMs,
                deniedTopic: index.topics.name(denial.topic), relation: relation,
                hopType: index.types.name(node.type), hopTopic: index.topics.name(node.topic) ?? "",
                hopPartition: node.partition, hopOffset: node.offset, hopTimeMs: node.timeMs)
        }

        private func arrangeOnce() {
            guard !arranged else { return }
            arranged = true
            guard !index.deniedPublishes.isEmpty else { return }
            // One sort into runs per principal: a dictionary of arrays allocated one array per
            // distinct principal, on every frame of a flood.
            denials = index.deniedPublishes.map { Denial(principal: $0.principal, topic: $0.topic, timeMs: $0.timeMs) }
            denials.sort { $0.principal != $1.principal ? $0.principal < $1.principal : $0.timeMs < $1.timeMs }
            byPrincipal.reserveCapacity(denials.count)
            var start = 0
            while start < denials.count {
                let principal = denials[start].principal
                var end = start + 1
                while end < denials.count, denials[end].principal == principal { end += 1 }
                byPrincipal[principal] = start..<end
                if principal >= 0, let name = index.principals.name(principal) {
                    for topic in Set(index.consumers.topicsConsumed(name)) {
                        guard let topicId = index.topics.existingId(for: topic) else { continue }
                        byConsumedTopic[topicId, default: []] += denials[start..<end]
                    }
                }
                start = end
            }
            for topic in byConsumedTopic.keys { byConsumedTopic[topic]?.sort { $0.timeMs < $1.timeMs } }
        }

        /// The first position in `denials` (ascending time) at or after `fromMs`.
        private static func firstAtOrAfter(_ fromMs: Int64, in denials: ArraySlice<Denial>) -> Int {
            var low = denials.startIndex
            var high = denials.endIndex
            while low < high {
                let middle = (low + high) / 2
                if denials[middle].timeMs < fromMs { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}
