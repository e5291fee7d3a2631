extension TraceIndex {
    /// The `denied` chain status: the denied publishes tied to a chain.
    ///
    /// An audit decision names a principal and a time but no trace, and busy services work on
    /// many chains at once, so "a principal on the chain was denied while it ran" marks every
    /// chain that service touched — even "denied writing the topic of its hop here, between the
    /// hop's parent and the hop" tied the demo's refused shipment to another checkout shipping
    /// was handling at that moment. A denial is tied to a chain only where it explains what the
    /// chain lacks: its principal is expected to continue a hop — it has been seen continuing
    /// events of that type on that topic — never continued it, and was denied within the idle
    /// timeout after it. Merely consuming a topic expects nothing: a service that only reads
    /// customer events is not the one a missing continuation waits for.
    ///
    /// The denied publishes are arranged by time — by principal, and by the kinds of event their
    /// principal continues — once per query of many chains, when the first chain asks, so each
    /// hop costs a dictionary lookup and a binary search (`bench render` holds the Traces list in
    /// a denial flood).
    final class DeniedPublishWindows {
        /// One remembered denied publish.
        struct Denial: Equatable {
            var principal: Int32
            var topic: Int32
            var timeMs: Int64
        }

        private let index: TraceIndex
        private var arranged = false
        /// Denials by the kinds of event (`TraceIndex.continuedKind`) their principal continues,
        /// ascending time.
        private var byContinuedKind: [UInt64: [Denial]] = [:]

        /// Windows over the index's denied publishes as they are when a chain first asks.
        init(_ index: TraceIndex) {
            self.index = index
        }

        /// Whether any denied publish is tied to the chain.
        func holdsDenial(chain chainIndex: Int32) -> Bool {
            !denials(ofChain: chainIndex, limit: 1).isEmpty
        }

        /// The denied publishes tied to the chain (at most `limit`), hop by hop in arrival order,
        /// each listed once with the first hop it is tied to.
        func denials(ofChain chainIndex: Int32, limit: Int) -> [TraceChainDenial] {
            arrangeOnce()
            guard !byContinuedKind.isEmpty, limit > 0 else { return [] }
            let idleMs = index.configuration.idleTimeoutMs
            var found: [TraceChainDenial] = []
            var tied: [Denial] = []
            func tie(_ denial: Denial, hop: Int32) {
                guard !tied.contains(denial) else { return }
                tied.append(denial)
                found.append(describe(denial, hop: hop))
            }
            var cursor = index.chains[Int(chainIndex)].first
            while cursor != -1 {
                let node = Int(cursor)
                let hopMs = index.nodes[node].timeMs
                if let candidates = byContinuedKind[index.continuedKind(of: cursor)] {
                    let windowEnd = hopMs.addingReportingOverflow(idleMs)
                    let to = windowEnd.overflow ? Int64.max : windowEnd.partialValue
                    var position = Self.firstAtOrAfter(hopMs, in: candidates[...])
                    while position < candidates.endIndex, candidates[position].timeMs <= to {
                        let denial = candidates[position]
                        position += 1
                        if continued(hop: cursor, chain: chainIndex, by: denial.principal) { continue }
                        tie(denial, hop: cursor)
                        if found.count == limit { return found }
                    }
                }
                cursor = index.nodes[node].next
            }
            return found
        }

        /// Whether `principal` continued the hop: it produced a child of it, or a hop of the chain
        /// whose parent is only inferred — a guess (W3C context names no parent), which may as
        /// well have been this hop.
        private func continued(hop: Int32, chain chainIndex: Int32, by principal: Int32) -> Bool {
            var cursor = index.chains[Int(chainIndex)].first
            while cursor != -1 {
                let node = Int(cursor)
                if index.nodes[node].principal == principal, index.nodes[node].parent == hop || index.nodes[node].link == .inferred {
                    return true
                }
                cursor = index.nodes[node].next
            }
            return false
        }

        private func describe(_ denial: Denial, hop: Int32) -> TraceChainDenial {
            let node = index.nodes[Int(hop)]
            return TraceChainDenial(
                principal: index.principals.name(denial.principal) ?? "(unnamed principal)", timeMs: denial.timeMs,
                deniedTopic: index.topics.name(denial.topic),
                hopType: index.types.name(node.type), hopTopic: index.topics.name(node.topic) ?? "",
                hopPartition: node.partition, hopOffset: node.offset, hopTimeMs: node.timeMs)
        }

        private func arrangeOnce() {
            guard !arranged else { return }
            arranged = true
            // One sort into runs per principal, so each denied principal's continued kinds are
            // looked up once however many times it was denied.
            var denials = index.deniedPublishes.map { Denial(principal: $0.principal, topic: $0.topic, timeMs: $0.timeMs) }
            denials.sort { $0.principal != $1.principal ? $0.principal < $1.principal : $0.timeMs < $1.timeMs }
            var start = 0
            while start < denials.count {
                let principal = denials[start].principal
                var end = start + 1
                while end < denials.count, denials[end].principal == principal { end += 1 }
                for kind in index.continuedKinds[principal] ?? [] {
                    byContinuedKind[kind, default: []] += denials[start..<end]
                }
                start = end
            }
            for kind in byContinuedKind.keys { byContinuedKind[kind]?.sort { $0.timeMs < $1.timeMs } }
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
