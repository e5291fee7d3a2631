/// Read side of `TraceIndex`: summaries for the Traces list, trees for the cascade view,
/// record-to-chain jumps, and the emission queue for headless output.
extension TraceIndex {
    /// Summaries of the most recently active chains, most recent first.
    public func recentChains(limit: Int, nowMs: Int64) -> [TraceChainSummary] {
        recentChainList(limit: limit, nowMs: nowMs).all
    }

    /// The most recently active chains, most recent first, summarised as they are asked for.
    public func recentChainList(limit: Int, nowMs: Int64) -> RecentTraceChains {
        var slots: [Int32] = []
        var cursor = lruHead
        while cursor != -1, slots.count < limit {
            slots.append(cursor)
            cursor = chains[Int(cursor)].lruNext
        }
        return RecentTraceChains(index: self, slots: slots, nowMs: nowMs)
    }

    /// The chain with this key (trace id or correlation id) as a tree, or nil if not retained.
    public func chain(key: String, nowMs: Int64) -> TraceChainView? {
        guard let id = TraceIdentifier(key), let found = retainedChain(forKey: id, hash: chainByKey.hash(id)) else { return nil }
        return view(ofChain: found, nowMs: nowMs, denials: DeniedPublishWindows(self))
    }

    /// The key of the chain holding the record at this position, so any event can jump to its chain.
    public func chainKey(forTopic topic: String, partition: Int32, offset: Int64) -> String? {
        guard let topicId = topics.existingId(for: topic) else { return nil }
        let position = TraceOffsetKey(topic: topicId, partition: partition, offset: offset)
        guard let node = retainedNode(at: position) else { return nil }
        return chains[Int(nodes[Int(node)].chain)].key.text
    }

    /// Chains with no new event for `idleMs` that were not handed out since their last event,
    /// oldest activity first; marks them emitted. A chain that gets new events afterwards is
    /// handed out again with its grown tree.
    public func idleChains(idleMs: Int64, nowMs: Int64) -> [TraceChainView] {
        var result: [TraceChainView] = []
        let denials = DeniedPublishWindows(self)
        while emitTail != -1, nowMs - chains[Int(emitTail)].lastActivityMs >= idleMs {
            let chainIndex = emitTail
            result.append(view(ofChain: chainIndex, nowMs: nowMs, denials: denials))
            unlinkEmission(chainIndex)
        }
        return result
    }

    /// Every chain not handed out since its last event (for exit), oldest activity first;
    /// marks them emitted.
    public func allUnemitted(nowMs: Int64) -> [TraceChainView] {
        var result: [TraceChainView] = []
        let denials = DeniedPublishWindows(self)
        while emitTail != -1 {
            let chainIndex = emitTail
            result.append(view(ofChain: chainIndex, nowMs: nowMs, denials: denials))
            unlinkEmission(chainIndex)
        }
        return result
    }

    // MARK: Building views

    /// The chain's nodes with their parent/child structure resolved to local positions.
    struct ChainFacts {
        var members: [Int32] = []
        var parentLocal: [Int] = []
        var children: [[Int]] = []
        var startMs = Int64.max
        var endMs = Int64.min
    }

    func facts(ofChain chainIndex: Int32) -> ChainFacts {
        var facts = ChainFacts()
        var localOf: [Int32: Int] = [:]
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            let node = nodes[Int(cursor)]
            localOf[cursor] = facts.members.count
            facts.members.append(cursor)
            facts.startMs = min(facts.startMs, node.timeMs)
            facts.endMs = max(facts.endMs, node.timeMs)
            cursor = node.next
        }
        facts.children = Array(repeating: [], count: facts.members.count)
        facts.parentLocal = Array(repeating: -1, count: facts.members.count)
        for (local, global) in facts.members.enumerated() {
            let parent = nodes[Int(global)].parent
            if parent != -1, let parentLocal = localOf[parent] {
                facts.parentLocal[local] = parentLocal
                facts.children[parentLocal].append(local)
            }
        }
        return facts
    }

    /// Orders siblings by event time, then arrival.
    private func displayOrder(_ locals: [Int], _ facts: ChainFacts) -> [Int] {
        locals.sorted { left, right in
            let l = nodes[Int(facts.members[left])].timeMs
            let r = nodes[Int(facts.members[right])].timeMs
            return l != r ? l < r : left < right
        }
    }

    /// The chain at a glance, without building its tree.
    ///
    /// The Traces list asks this of up to 300 chains on every frame, so it walks the chain
    /// reading node fields in place (copying a node record runs its outlined copy) and tells a
    /// parent on the chain by the parent node's `chain` rather than by a map of the members
    /// (parents are only ever linked within a chain; the check is defensive).
    func summary(ofChain chainIndex: Int32, nowMs: Int64, denials: DeniedPublishWindows) -> TraceChainSummary {
        var principalIds: [Int32] = []
        var serviceIds: [Int32] = []
        var seenPrincipals: Set<Int32> = []
        var seenServices: Set<Int32> = []
        var hops = 0
        var startMs = Int64.max
        var endMs = Int64.min
        var unresolved = 0
        var hasInferred = false
        var root: Int32 = -1
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            let node = Int(cursor)
            hops += 1
            let timeMs = nodes[node].timeMs
            startMs = min(startMs, timeMs)
            endMs = max(endMs, timeMs)
            if nodes[node].isUnresolved { unresolved += 1 }
            if nodes[node].link == .inferred { hasInferred = true }
            let principal = nodes[node].principal
            if principal != TraceStringTable.absentId, seenPrincipals.insert(principal).inserted { principalIds.append(principal) }
            let service = nodes[node].service
            if service != TraceStringTable.absentId, seenServices.insert(service).inserted { serviceIds.append(service) }
            let parent = nodes[node].parent
            let isRoot = parent == -1 || nodes[Int(parent)].chain != chainIndex
            if isRoot, root == -1 || timeMs < nodes[Int(root)].timeMs {
                // The earliest root, the first to arrive among equally early ones.
                root = cursor
            }
            cursor = nodes[node].next
        }
        let status: TraceChainStatus
        if hops > 0, denials.holdsDenial(chain: chainIndex) {
            status = .denied
        } else if chains[Int(chainIndex)].invalid {
            status = .invalid
        } else if !inputFinished, nowMs - chains[Int(chainIndex)].lastActivityMs < configuration.idleTimeoutMs {
            status = .open
        } else {
            status = unresolved > 0 ? .broken : .complete
        }
        return TraceChainSummary(
            key: chains[Int(chainIndex)].key.text,
            rootType: root == -1 ? nil : types.name(nodes[Int(root)].type),
            principals: principalIds.compactMap { principals.name($0) },
            services: serviceIds.compactMap { services.name($0) },
            hops: hops,
            durationMs: hops == 0 ? 0 : endMs - startMs,
            startMs: hops == 0 ? 0 : startMs,
            status: status,
            lastActivityMs: chains[Int(chainIndex)].lastActivityMs,
            droppedNodes: Int(chains[Int(chainIndex)].droppedNodes),
            hasInferredLinks: hasInferred,
            unresolvedHops: unresolved)
    }

    /// Denied publishes listed with one chain: enough to see a retry loop, few enough to read.
    static let denialsShownPerChain = 20

    func view(ofChain chainIndex: Int32, nowMs: Int64, denials: DeniedPublishWindows) -> TraceChainView {
        let facts = facts(ofChain: chainIndex)
        let summary = summary(ofChain: chainIndex, nowMs: nowMs, denials: denials)
        let tiedDenials = facts.members.isEmpty ? [] : denials.denials(ofChain: chainIndex, limit: Self.denialsShownPerChain)
        let duration = max(0, facts.endMs - facts.startMs)
        var rows: [TraceTreeRow] = []
        rows.reserveCapacity(facts.members.count)
        var roots = displayOrder(facts.members.indices.filter { facts.parentLocal[$0] == -1 }, facts)
        // Every node hangs from a root because links never form cycles; should one ever exist,
        // its nodes are still shown, from an extra root, rather than silently lost.
        var reached = Array(repeating: false, count: facts.members.count)
        var reachStack: [Int] = []
        var rootCursor = 0
        while true {
            while rootCursor < roots.count {
                reachStack.append(roots[rootCursor])
                rootCursor += 1
                while let local = reachStack.popLast() {
                    if reached[local] { continue }
                    reached[local] = true
                    reachStack += facts.children[local]
                }
            }
            guard let stray = reached.firstIndex(of: false) else { break }
            roots.append(stray)
        }
        var visited = Array(repeating: false, count: facts.members.count)
        var rootCount = 0

        struct Pending {
            var local: Int
            var depth: Int
            var isLast: Bool
            var guide: String
            var parentRow: Int?
        }
        // Iterative pre-order walk: an explicit stack, so a 10,000-deep chain cannot overflow
        // the call stack; `visited` guarantees termination.
        for (rootPosition, root) in roots.enumerated() {
            if visited[root] { continue }
            rootCount += 1
            var stack = [Pending(local: root, depth: 0, isLast: rootPosition == roots.count - 1, guide: "", parentRow: nil)]
            while let item = stack.popLast() {
                if visited[item.local] { continue }
                visited[item.local] = true
                let node = nodes[Int(facts.members[item.local])]
                let parentTime = item.parentRow.map { rows[$0].timeMs }
                let latency = parentTime.map { node.timeMs - $0 }
                let barFrom = min(parentTime ?? node.timeMs, node.timeMs)
                let barTo = max(parentTime ?? node.timeMs, node.timeMs)
                let rowIndex = rows.count
                rows.append(
                    TraceTreeRow(
                        type: types.name(node.type), topic: topics.name(node.topic) ?? "",
                        partition: node.partition, offset: node.offset,
                        eventId: node.eventId?.text, spanId: node.spanId?.text,
                        principal: principals.name(node.principal), service: services.name(node.service),
                        timeMs: node.timeMs, latencyFromParentMs: latency, link: item.parentRow == nil ? nil : node.link,
                        unresolvedParent: node.isUnresolved, invalid: node.invalid,
                        depth: item.depth, isLast: item.isLast,
                        treePrefix: item.depth == 0 ? "" : item.guide + (item.isLast ? "└─ " : "├─ "),
                        parentRow: item.parentRow, childCount: 0,
                        startOffsetMs: node.timeMs - facts.startMs,
                        timelineStart: duration == 0 ? 0 : Double(barFrom - facts.startMs) / Double(duration),
                        timelineWidth: duration == 0 ? 0 : Double(barTo - barFrom) / Double(duration)))
                guard item.depth < configuration.maxDisplayDepth else { continue }
                let children = displayOrder(facts.children[item.local].filter { !visited[$0] }, facts)
                rows[rowIndex].childCount = children.count
                let childGuide = item.depth == 0 ? "" : item.guide + (item.isLast ? "   " : "│  ")
                for (position, child) in children.enumerated().reversed() {
                    stack.append(
                        Pending(
                            local: child, depth: item.depth + 1, isLast: position == children.count - 1,
                            guide: childGuide, parentRow: rowIndex))
                }
            }
        }
        return TraceChainView(
            summary: summary, rows: rows, rootCount: rootCount,
            hiddenBeyondDepth: facts.members.count - rows.count, denials: tiedDenials)
    }
}
