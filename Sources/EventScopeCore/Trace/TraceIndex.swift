/// Groups events into trace chains and links each hop to its parent.
///
/// Events with the same trace id (else the same correlation id) form a chain. Each event is
/// linked to its parent, strongest evidence first: its `causationId` is another event's id
/// (`.causation`), its B3 / uber-trace-id parent span is another event's span id (`.span`), or,
/// for W3C context which names no parent, an inferred parent (`.inferred`): the latest earlier
/// event of the chain that the producer consumes (asked of `consumers`), else the latest earlier
/// event of the chain. Children may arrive before their parents: they wait, and are linked when
/// the parent arrives (an exact link then replaces an inferred one). A link that would make an
/// event its own ancestor is refused, so the parent pointers always form a forest.
///
/// Memory is bounded by `TraceIndexConfiguration`: chains and nodes live in flat arrays of
/// structs with interned names and packed ids, and the least recently active chains are evicted
/// past the caps (counted in `counters`). Status is derived at query time from `nowMs`.
///
/// Not thread-safe: one owner (the store's ingest thread) inserts and queries.
public final class TraceIndex {
    public let configuration: TraceIndexConfiguration
    // The index has one owner and never hands out references to its storage, so the runtime
    // exclusivity checks on these hot stored properties (measured at ~15% of insert time) buy
    // nothing; their static checks remain.
    @exclusivity(unchecked) var totals = TraceIndexCounters()

    /// Running totals: retained chains and nodes, evictions, drops, duplicates.
    public var counters: TraceIndexCounters {
        var result = totals
        result.nameOverflows =
            types.overflowCount + topics.overflowCount + principals.overflowCount
            + services.overflowCount
        return result
    }

    let consumers: TraceConsumers
    let nodes = TraceSlab<TraceNodeRecord>()
    let chains = TraceSlab<TraceChainRecord>()
    /// Chains by key (confirmed against `TraceChainRecord.key`).
    let chainByKey = TraceFingerprintTable()
    /// Nodes by record position (confirmed against the node's topic, partition and offset).
    @exclusivity(unchecked) var nodeByPosition: TracePositionIndex
    @exclusivity(unchecked) var types: TraceStringTable
    @exclusivity(unchecked) var topics: TraceStringTable
    @exclusivity(unchecked) var principals: TraceStringTable
    @exclusivity(unchecked) var services: TraceStringTable
    @exclusivity(unchecked) var freeNode: Int32 = -1
    @exclusivity(unchecked) var freeChain: Int32 = -1
    @exclusivity(unchecked) var lruHead: Int32 = -1
    @exclusivity(unchecked) var lruTail: Int32 = -1
    @exclusivity(unchecked) var emitHead: Int32 = -1
    @exclusivity(unchecked) var emitTail: Int32 = -1
    @exclusivity(unchecked) var deniedPublishes: [(principal: Int32, topic: Int32, timeMs: Int64)] = []
    @exclusivity(unchecked) var nextDeniedSlot = 0
    /// What each principal has been seen continuing: the (topic, type) kinds of the events its
    /// hops were linked to as children by an exact link, for the `denied` status's "expected to
    /// continue".
    @exclusivity(unchecked) var continuedKinds: [Int32: [UInt64]] = [:]
    @exclusivity(unchecked) var continuedKindCount = 0
    /// Records marked invalid before they were inserted (the policy may see an event first).
    /// Checked on every insert, hence unchecked like the storage above.
    @exclusivity(unchecked) var earlyInvalid: Set<TraceOffsetKey> = []
    @exclusivity(unchecked) var earlyInvalidOrder: [TraceOffsetKey] = []
    /// Recent events with an id but no trace or correlation id, which a later hop may name as
    /// its correlation id.
    @exclusivity(unchecked) var possibleRoots = TracePossibleRoots(capacity: 4_096)
    /// Set when the input has ended (`-e`, the end of a replay): no chain is open any more,
    /// each is complete or broken. Cleared by the next insert.
    public var inputFinished = false
    static let maxEarlyInvalid = 4_096

    /// Creates an empty index.
    ///
    /// - Parameters:
    ///   - configuration: caps and timeouts.
    ///   - consumers: who consumes which topics (from the policy, audit READ decisions, or
    ///     observed consumption); used to pick inferred parents and to find principals
    ///     expected to continue a chain. Called on the inserting thread.
    public init(configuration: TraceIndexConfiguration = TraceIndexConfiguration(), consumers: TraceConsumers = .none) {
        self.configuration = configuration
        self.consumers = consumers
        // Half the node cap of slack: a sweep then frees at least that many entries, and the
        // entries of a full index (16 bytes each) stay within about 4 MB.
        nodeByPosition = TracePositionIndex(sweepThreshold: configuration.maxNodes + configuration.maxNodes / 2 + 1)
        types = TraceStringTable(capacity: configuration.maxNames)
        topics = TraceStringTable(capacity: configuration.maxNames)
        principals = TraceStringTable(capacity: configuration.maxNames)
        services = TraceStringTable(capacity: configuration.maxNames)
    }

    // MARK: Insert

    /// Adds an event to its chain and links it.
    ///
    /// - Parameters:
    ///   - event: the decoded event; only its trace context, id, type, source, time and
    ///     position are kept.
    ///   - principal: the producer's principal, mapped from the declared source by the caller.
    ///   - nowMs: wall-clock time of the insert, which drives idleness and eviction order.
    @discardableResult
    public func insert(_ event: Event, principal: String?, nowMs: Int64) -> TraceInsertOutcome {
        inputFinished = false
        // Read in place through `event.trace`: a local copy of the context copied its five ids.
        guard let key = chainKey(of: event.trace) else {
            // No trace or correlation id: it may still be the root of a cascade whose later
            // hops name it as their correlation id (event-sourced systems write none on the root).
            if let id = event.packedId?.validated {
                if retainedChain(forKey: id, hash: chainByKey.hash(id)) != nil {
                    return insert(event, key: id, principal: principal, nowMs: nowMs)
                }
                possibleRoots.remember(id, event: event, principal: principal)
            }
            totals.untraced += 1
            return .untraced
        }
        if !possibleRoots.isEmpty, event.trace.packedTraceId?.validated == nil,
            retainedChain(forKey: key, hash: chainByKey.hash(key)) == nil, let root = possibleRoots.take(key)
        {
            totals.untraced -= 1
            insert(root.event, key: key, principal: root.principal, nowMs: nowMs)
        }
        return insert(event, key: key, principal: principal, nowMs: nowMs)
    }

    /// Inserts an event into the chain with `key`, creating it when needed.
    @discardableResult
    private func insert(_ event: Event, key: TraceIdentifier, principal: String?, nowMs: Int64) -> TraceInsertOutcome {
        // Looked up first, though needed only below: a new key's probe is a cache miss, and the
        // independent work in between (position, ids) runs while it is outstanding.
        let keyHash = chainByKey.hash(key)
        let retained = retainedChain(forKey: key, hash: keyHash)
        let topicId = topics.id(for: event.topic)
        let position = TraceOffsetKey(topic: topicId, partition: event.partition, offset: event.offset)
        let positionLog = nodeByPosition.advance(to: position)
        if positionLog < 0, retainedNode(at: position) != nil {
            totals.duplicates += 1
            return .duplicate
        }
        let eventId = identifier(event.packedId)
        let spanId = identifier(event.trace.packedSpanId)
        var causation = identifier(event.trace.packedCausationId)
        var parentSpan = identifier(event.trace.packedParentSpanId)
        if causation != nil, causation == eventId {
            totals.selfReferences += 1
            causation = nil
        }
        if parentSpan != nil, parentSpan == spanId {
            totals.selfReferences += 1
            parentSpan = nil
        }

        let chainIndex: Int32
        if let existing = retained {
            chainIndex = existing
            if let eventId, findNode(inChain: existing, eventId: eventId) != nil {
                totals.duplicates += 1
                return .duplicate
            }
            if chains[Int(existing)].nodeCount >= Int32(configuration.maxNodesPerChain) {
                chains[Int(existing)].droppedNodes += 1
                totals.droppedNodes += 1
                return .dropped
            }
        } else {
            chainIndex = createChain(key: key, hash: keyHash)
        }
        guard let nodeIndex = allocateNode(sparing: chainIndex) else {
            if chains[Int(chainIndex)].nodeCount == 0 { releaseChain(chainIndex) }
            totals.droppedNodes += 1
            return .dropped
        }

        let timeMs = Self.heldTime(event.timeMs ?? nowMs)
        var invalid = false
        if !earlyInvalid.isEmpty, earlyInvalid.remove(position) != nil {
            invalid = true
            chains[Int(chainIndex)].invalid = true
        }
        // Written field by field into its slot: building a record and copying it in (with its
        // ids' value witnesses) was a tenth of indexing a new trace.
        let previous = chains[Int(chainIndex)].last
        nodes.update(at: Int(nodeIndex)) { node in
            node.eventId = eventId
            node.link = nil
            // Any span without a parent: W3C never carries one, OpenTelemetry's B3 propagators
            // write none, and a Jaeger parent of 0 means none.
            node.inferable =
                event.trace.packedTraceId != nil && parentSpan == nil
                && (spanId != nil || event.trace.style == .w3c || event.trace.style == .cloudEvents)
            node.partition = event.partition
            node.spanId = spanId
            node.invalid = invalid
            node.topic = topicId
            node.pendingCausation = causation
            node.type = types.id(for: event.type)
            node.pendingParentSpan = parentSpan
            node.principal = principals.id(for: principal)
            node.offset = event.offset
            node.timeMs = timeMs
            node.service = services.id(for: event.source)
            node.chain = chainIndex
            node.parent = -1
            node.next = -1
            node.previous = previous
        }
        append(node: nodeIndex, toChain: chainIndex)
        nodeByPosition.add(position, node: nodeIndex, log: positionLog)

        let arrivedOutOfOrder = timeMs < chains[Int(chainIndex)].maxTimeMs
        chains[Int(chainIndex)].maxTimeMs = max(chains[Int(chainIndex)].maxTimeMs, timeMs)
        chains[Int(chainIndex)].lastActivityMs = nowMs
        touch(chain: chainIndex)

        if chains[Int(chainIndex)].nodeCount > 1 {
            let adoptedChildren = attachWaitingChildren(of: nodeIndex)
            linkToParent(nodeIndex, mayHaveDescendants: adoptedChildren)
            if arrivedOutOfOrder { reinferLaterRoots(inChain: chainIndex, before: timeMs, arrived: nodeIndex) }
        }
        // Read in place: reading `isWaiting` off the subscript copied the whole record first.
        if nodes.update(at: Int(nodeIndex), { $0.isWaiting }), let lookup = chains[Int(chainIndex)].lookup {
            lookup.addWaiting(node: nodeIndex, nodes[Int(nodeIndex)])
        }
        return .indexed
    }

    /// Starts bringing the chain-table slot of the event's chain into the cache ahead of `insert`.
    ///
    /// A new trace's lookup misses the cache (the table is megabytes, keys are random);
    /// prefetching the slots of a group of events one after the other lets those misses overlap,
    /// where inserting each event right away waited for its miss alone. Safe to skip.
    func prefetch(chainOf trace: TraceContext) {
        guard let key = chainKeyQuietly(of: trace) else { return }
        chainByKey.prefetch(hash: chainByKey.hash(key))
    }

    /// Starts bringing the `count` least recently active chains and their first events into the
    /// cache: at the chain cap, each new trace evicts one of them, walking its events, and takes
    /// over its record and its first event's slot, so every line of both is read and then written.
    func prefetchEvictions(count: Int) {
        guard totals.chains >= configuration.maxChains else { return }
        var chain = lruTail
        var prefetched = 0
        while chain != -1, prefetched < count {
            chains.prefetch(Int(chain))
            let first = chains[Int(chain)].first
            if first != -1 { nodes.prefetch(Int(first)) }
            chain = chains[Int(chain)].lruPrevious
            prefetched += 1
        }
    }

    /// Event times the index holds: the years 0000-9999, outside which a timestamp (a record's
    /// is whatever its producer set) is bogus anyway. Held there, durations, latencies and
    /// windows computed from them cannot overflow; an event at `Int64.max` trapped the Traces
    /// list.
    static let heldTimes: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    static func heldTime(_ timeMs: Int64) -> Int64 {
        min(max(timeMs, heldTimes.lowerBound), heldTimes.upperBound)
    }

    /// Remembers that a principal had a publish (to `topic`, when known) denied, for the
    /// `denied` chain status.
    public func noteDeniedPublish(principal: String, topic: String? = nil, timeMs: Int64) {
        let entry = (principal: principals.id(for: principal), topic: topics.id(for: topic), timeMs: timeMs)
        if deniedPublishes.count < configuration.maxDeniedPublishes {
            deniedPublishes.append(entry)
        } else {
            deniedPublishes[nextDeniedSlot] = entry
            nextDeniedSlot = (nextDeniedSlot + 1) % deniedPublishes.count
        }
    }

    /// Marks the event at a record position invalid; remembered (boundedly) if it has not been
    /// inserted yet. Returns whether a retained event was marked.
    @discardableResult
    public func markInvalid(topic: String, partition: Int32, offset: Int64) -> Bool {
        let position = TraceOffsetKey(topic: topics.id(for: topic), partition: partition, offset: offset)
        if let node = retainedNode(at: position) {
            markInvalid(node: node)
            return true
        }
        if earlyInvalid.insert(position).inserted {
            earlyInvalidOrder.append(position)
            if earlyInvalidOrder.count > Self.maxEarlyInvalid {
                earlyInvalid.remove(earlyInvalidOrder.removeFirst())
            }
        }
        return false
    }

    /// Marks the event with this id in the chain with this key invalid. Returns whether one was.
    @discardableResult
    public func markInvalid(eventId: String, chainKey: String) -> Bool {
        guard let key = TraceIdentifier(chainKey), let chain = retainedChain(forKey: key, hash: chainByKey.hash(key)),
            let id = TraceIdentifier(eventId),
            let node = findNode(inChain: chain, eventId: id)
        else { return false }
        markInvalid(node: node)
        return true
    }

    // MARK: Lookups

    /// The retained chain with this key (`hash` is `chainByKey.hash(key)`).
    func retainedChain(forKey key: TraceIdentifier, hash: UInt32) -> Int32? {
        chainByKey.value(hash: hash) { chains[Int($0)].key == key }
    }

    /// The retained node of the record at this position.
    func retainedNode(at position: TraceOffsetKey) -> Int32? {
        nodeByPosition.node(at: position) { index in
            nodes[Int(index)].chain != -1 && nodes[Int(index)].offset == position.offset && nodes[Int(index)].partition == position.partition
                && nodes[Int(index)].topic == position.topic
        }
    }

    // MARK: Linking

    /// `chainKey(of:)` without counting malformed ids (that is `insert`'s to do, once).
    private func chainKeyQuietly(of trace: TraceContext) -> TraceIdentifier? {
        trace.packedTraceId?.validated ?? trace.packedCorrelationId?.validated
    }

    private func chainKey(of trace: TraceContext) -> TraceIdentifier? {
        if let traceId = identifier(trace.packedTraceId) { return traceId }
        return identifier(trace.packedCorrelationId)
    }

    /// The index's view of a decoded id, counting malformed and all-zero ones.
    private func identifier(_ id: TraceIdentifier?) -> TraceIdentifier? {
        guard let id else { return nil }
        guard let valid = id.validated else {
            totals.ignoredIds += 1
            return nil
        }
        return valid
    }

    /// Links the events waiting for `parent` to it; returns whether any was linked.
    private func attachWaitingChildren(of parent: Int32) -> Bool {
        let chainIndex = nodes[Int(parent)].chain
        guard chains[Int(chainIndex)].waitingCount > 0 else { return false }
        let eventId = nodes[Int(parent)].eventId
        let spanId = nodes[Int(parent)].spanId
        guard eventId != nil || spanId != nil else { return false }
        var candidates: [Int32] = []
        if let lookup = chains[Int(chainIndex)].lookup {
            if let eventId, let waiting = lookup.waiting.removeValue(forKey: eventId) { candidates += waiting }
            if let spanId, spanId != eventId, let waiting = lookup.waiting.removeValue(forKey: spanId) { candidates += waiting }
        } else {
            var cursor = chains[Int(chainIndex)].first
            while cursor != -1 {
                let node = nodes[Int(cursor)]
                if node.isWaiting,
                    (eventId != nil && node.pendingCausation == eventId)
                        || (spanId != nil && node.pendingParentSpan == spanId)
                {
                    candidates.append(cursor)
                }
                cursor = node.next
            }
        }
        var linked = false
        for child in candidates where child != parent {
            let node = nodes[Int(child)]
            if eventId != nil, node.pendingCausation == eventId {
                if canLink(child: child, to: parent) {
                    setParent(of: child, to: parent, .causation)
                    linked = true
                } else {
                    totals.cyclesRefused += 1
                }
                setPending(of: child, causation: nil, parentSpan: nil)
            } else if spanId != nil, node.pendingParentSpan == spanId {
                if node.link == .causation {
                    // Already linked by stronger evidence; the span reference is moot.
                } else if canLink(child: child, to: parent) {
                    setParent(of: child, to: parent, .span)
                    linked = true
                } else {
                    totals.cyclesRefused += 1
                }
                setPending(of: child, causation: node.pendingCausation, parentSpan: nil)
            }
            // A child still waiting under one of the ids just taken out of the lookup goes back in.
            if let lookup = chains[Int(chainIndex)].lookup, nodes[Int(child)].isWaiting {
                let still = nodes[Int(child)]
                for wanted in [still.pendingCausation, still.pendingParentSpan] {
                    if let wanted, wanted == eventId || wanted == spanId { lookup.waiting[wanted, default: []].append(child) }
                }
            }
        }
        return linked
    }

    /// Links a new event to its parent by the strongest evidence present now.
    private func linkToParent(_ index: Int32, mayHaveDescendants: Bool) {
        let chainIndex = nodes[Int(index)].chain
        let node = nodes[Int(index)]
        if let wanted = node.pendingCausation, let parent = findNode(inChain: chainIndex, eventId: wanted), parent != index {
            if !mayHaveDescendants || canLink(child: index, to: parent) {
                setParent(of: index, to: parent, .causation)
            } else {
                totals.cyclesRefused += 1
            }
            setPending(of: index, causation: nil, parentSpan: nil)
            return
        }
        if let wanted = node.pendingParentSpan, let parent = findNode(inChain: chainIndex, spanId: wanted), parent != index {
            if !mayHaveDescendants || canLink(child: index, to: parent) {
                setParent(of: index, to: parent, .span)
            } else {
                totals.cyclesRefused += 1
            }
            setPending(of: index, causation: node.pendingCausation, parentSpan: nil)
            if nodes[Int(index)].link != nil { return }
        }
        if node.inferable, let parent = inferredParent(of: index, checkDescendants: mayHaveDescendants) {
            setParent(of: index, to: parent, .inferred)
        }
    }

    /// The latest earlier event of the chain that the event's producer consumes, else the
    /// latest earlier event, looking back over the last `inferenceWindow` arrivals.
    private func inferredParent(of index: Int32, checkDescendants: Bool) -> Int32? {
        let node = nodes[Int(index)]
        let producer = principals.name(node.principal)
        var best: Int32 = -1
        var bestTime = Int64.min
        var consumed: Int32 = -1
        var consumedTime = Int64.min
        var lastTopic = TraceStringTable.absentId
        var lastTopicConsumed = false
        var cursor = chains[Int(node.chain)].last
        var looked = 0
        while cursor != -1, looked < configuration.inferenceWindow {
            let candidate = nodes[Int(cursor)]
            let index32 = cursor
            cursor = candidate.previous
            guard index32 != index else { continue }
            looked += 1
            if node.spanId != nil, candidate.spanId == node.spanId {
                // Published inside the same span (a batch): a sibling, so it shares that span's parent.
                let parent = candidate.parent
                guard parent != -1, parent != index, !checkDescendants || canLink(child: index, to: parent) else { return nil }
                return parent
            }
            guard candidate.timeMs <= node.timeMs, candidate.timeMs > consumedTime else { continue }
            if checkDescendants, !canLink(child: index, to: index32) { continue }
            if candidate.timeMs > bestTime {
                best = index32
                bestTime = candidate.timeMs
            }
            if let producer {
                if candidate.topic != lastTopic {
                    lastTopic = candidate.topic
                    lastTopicConsumed = topics.name(candidate.topic).map { consumers.consumes(producer, $0) } ?? false
                }
                if lastTopicConsumed {
                    consumed = index32
                    consumedTime = candidate.timeMs
                }
            }
        }
        if consumed != -1 { return consumed }
        return best == -1 ? nil : best
    }

    /// After an event arrives with an earlier time than others of its chain, roots that could
    /// only be inferred and are later than it may now have an earlier event to hang from.
    private func reinferLaterRoots(inChain chainIndex: Int32, before timeMs: Int64, arrived: Int32) {
        var cursor = chains[Int(chainIndex)].last
        var looked = 0
        while cursor != -1, looked < configuration.inferenceWindow {
            let node = nodes[Int(cursor)]
            let index = cursor
            cursor = node.previous
            looked += 1
            guard index != arrived, node.parent == -1, node.inferable, node.timeMs >= timeMs else { continue }
            if let parent = inferredParent(of: index, checkDescendants: true) {
                setParent(of: index, to: parent, .inferred)
            }
        }
    }

    /// Whether linking `child` under `parent` keeps the forest acyclic (walks up from `parent`,
    /// bounded by the chain's size so it cannot loop even on corrupt links).
    func canLink(child: Int32, to parent: Int32) -> Bool {
        var cursor = parent
        var steps: Int32 = 0
        let limit = chains[Int(nodes[Int(child)].chain)].nodeCount
        while cursor != -1 {
            if cursor == child { return false }
            steps += 1
            if steps > limit { return false }
            cursor = nodes[Int(cursor)].parent
        }
        return true
    }

    private func setParent(of child: Int32, to parent: Int32, _ kind: TraceLinkKind) {
        nodes[Int(child)].parent = parent
        nodes[Int(child)].link = kind
        // An inferred parent is a guess (and a child arriving before its exact parent is first
        // inferred to some earlier hop): learned from, it taught the demo's recommendation
        // service to "continue" PriceCalculated and denied every checkout it took part in.
        if kind != .inferred { noteContinuation(by: nodes[Int(child)].principal, of: parent) }
    }

    /// Distinct (principal, kind) continuations remembered; a flood of new principals or types
    /// stops adding at this bound rather than growing without one.
    static let maxContinuedKinds = 65_536

    /// The kind of event a hop is, for `continuedKinds`: its topic and type.
    func continuedKind(of node: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: nodes[Int(node)].topic)) << 32 | UInt64(UInt32(bitPattern: nodes[Int(node)].type))
    }

    private func noteContinuation(by principal: Int32, of parent: Int32) {
        // A name past the table's capacity is no one in particular.
        guard principal >= 0 else { return }
        let kind = continuedKind(of: parent)
        if continuedKinds[principal]?.contains(kind) == true || continuedKindCount >= Self.maxContinuedKinds { return }
        continuedKinds[principal, default: []].append(kind)
        continuedKindCount += 1
    }

    private func setPending(of index: Int32, causation: TraceIdentifier?, parentSpan: TraceIdentifier?) {
        let wasWaiting = nodes[Int(index)].isWaiting
        nodes[Int(index)].pendingCausation = causation
        nodes[Int(index)].pendingParentSpan = parentSpan
        let isWaiting = nodes[Int(index)].isWaiting
        if wasWaiting != isWaiting {
            chains[Int(nodes[Int(index)].chain)].waitingCount += isWaiting ? 1 : -1
        }
    }

    func findNode(inChain chainIndex: Int32, eventId: TraceIdentifier) -> Int32? {
        if let lookup = chains[Int(chainIndex)].lookup { return lookup.byEventId[eventId] }
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            if nodes[Int(cursor)].eventId == eventId { return cursor }
            cursor = nodes[Int(cursor)].next
        }
        return nil
    }

    private func findNode(inChain chainIndex: Int32, spanId: TraceIdentifier) -> Int32? {
        if let lookup = chains[Int(chainIndex)].lookup { return lookup.bySpanId[spanId] }
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            if nodes[Int(cursor)].spanId == spanId { return cursor }
            cursor = nodes[Int(cursor)].next
        }
        return nil
    }

    private func markInvalid(node: Int32) {
        nodes[Int(node)].invalid = true
        chains[Int(nodes[Int(node)].chain)].invalid = true
    }

    // MARK: Storage

    /// Links a node, already filled in its slot with `previous` set to the chain's last, at the
    /// end of its chain.
    private func append(node index: Int32, toChain chainIndex: Int32) {
        let previous = nodes[Int(index)].previous
        if previous != -1 { nodes[Int(previous)].next = index } else { chains[Int(chainIndex)].first = index }
        chains[Int(chainIndex)].last = index
        chains[Int(chainIndex)].nodeCount += 1
        if nodes.update(at: Int(index), { $0.isWaiting }) { chains[Int(chainIndex)].waitingCount += 1 }
        totals.nodes += 1
        if let lookup = chains[Int(chainIndex)].lookup {
            if let id = nodes[Int(index)].eventId, lookup.byEventId[id] == nil { lookup.byEventId[id] = index }
            if let span = nodes[Int(index)].spanId, lookup.bySpanId[span] == nil { lookup.bySpanId[span] = index }
        } else if chains[Int(chainIndex)].nodeCount > TraceChainLookup.threshold {
            let lookup = TraceChainLookup()
            var cursor = chains[Int(chainIndex)].first
            while cursor != -1 {
                // The new node's waiting entry is added after linking, once it is known whether it still waits.
                if cursor == index {
                    if let id = nodes[Int(index)].eventId, lookup.byEventId[id] == nil { lookup.byEventId[id] = index }
                    if let span = nodes[Int(index)].spanId, lookup.bySpanId[span] == nil { lookup.bySpanId[span] = index }
                } else {
                    lookup.add(node: cursor, nodes[Int(cursor)])
                }
                cursor = nodes[Int(cursor)].next
            }
            chains[Int(chainIndex)].lookup = lookup
        }
    }

    private func createChain(key: TraceIdentifier, hash: UInt32) -> Int32 {
        if totals.chains >= configuration.maxChains, lruTail != -1 { evict(chain: lruTail) }
        let index: Int32
        if freeChain != -1 {
            index = freeChain
            freeChain = chains[Int(index)].lruNext
            chains[Int(index)] = TraceChainRecord(key: key)
        } else {
            index = Int32(chains.count)
            chains.append(TraceChainRecord(key: key))
        }
        chainByKey.insert(hash: hash, value: index)
        if chainByKey.count >= 2 * configuration.maxChains { sweepChainTable() }
        totals.chains += 1
        return index
    }

    /// A free node slot, evicting least recently active chains other than `sparing` if needed.
    private func allocateNode(sparing: Int32) -> Int32? {
        while freeNode == -1, nodes.count >= configuration.maxNodes {
            var victim = lruTail
            if victim == sparing { victim = chains[Int(victim)].lruPrevious }
            guard victim != -1 else { return nil }
            evict(chain: victim)
        }
        if freeNode != -1 {
            let index = freeNode
            freeNode = nodes[Int(index)].next
            return index
        }
        nodes.append(.unused)
        return Int32(nodes.count - 1)
    }

    func evict(chain index: Int32) {
        totals.evictedChains += 1
        if chains[Int(index)].awaitingEmission { totals.evictedBeforeEmission += 1 }
        var cursor = chains[Int(index)].first
        while cursor != -1 {
            // Only the links change: copying or clearing the whole 136-byte record (with its ids'
            // value witnesses) was a tenth of indexing a new trace; its ids are released when
            // `append` overwrites the slot, and `nodeByPosition` no longer answers it.
            let next = nodes[Int(cursor)].next
            nodes[Int(cursor)].chain = -1
            nodes[Int(cursor)].next = freeNode
            nodeByPosition.release(node: cursor)
            freeNode = cursor
            totals.nodes -= 1
            cursor = next
        }
        releaseChain(index)
    }

    private func releaseChain(_ index: Int32) {
        unlinkLRU(index)
        unlinkEmission(index)
        chains[Int(index)] = TraceChainRecord(key: TraceChainRecord.freeKey)
        chains[Int(index)].lruNext = freeChain
        freeChain = index
        totals.chains -= 1
    }

    // Evicted chains leave their entries in `chainByKey` (and evicted nodes theirs in
    // `nodeByPosition`, which sweeps its own): a lookup confirms every candidate against the live
    // chain, so a stale entry is never returned, and removing each one at eviction cost a cache
    // miss per evicted trace, a large part of indexing a new trace once the index is full. The
    // table is swept when it holds twice its cap, which bounds it and costs one sequential pass
    // per cap's worth of evictions.

    /// Rebuilds `chainByKey` from the retained chains.
    private func sweepChainTable() {
        chainByKey.removeAll()
        for index in chains.indices where !chains[index].isFree {
            chainByKey.insert(hash: chainByKey.hash(chains[index].key), value: Int32(index))
        }
    }

    /// Moves a chain to the front of the activity order and queues it for emission.
    private func touch(chain index: Int32) {
        if lruHead != index {
            unlinkLRU(index)
            chains[Int(index)].lruNext = lruHead
            if lruHead != -1 { chains[Int(lruHead)].lruPrevious = index }
            lruHead = index
            if lruTail == -1 { lruTail = index }
        }
        if emitHead != index {
            unlinkEmission(index)
            chains[Int(index)].emitNext = emitHead
            if emitHead != -1 { chains[Int(emitHead)].emitPrevious = index }
            emitHead = index
            if emitTail == -1 { emitTail = index }
        }
        chains[Int(index)].awaitingEmission = true
    }

    private func unlinkLRU(_ index: Int32) {
        let previous = chains[Int(index)].lruPrevious
        let next = chains[Int(index)].lruNext
        if previous != -1 { chains[Int(previous)].lruNext = next } else if lruHead == index { lruHead = next }
        if next != -1 { chains[Int(next)].lruPrevious = previous } else if lruTail == index { lruTail = previous }
        chains[Int(index)].lruPrevious = -1
        chains[Int(index)].lruNext = -1
    }

    func unlinkEmission(_ index: Int32) {
        guard chains[Int(index)].awaitingEmission else { return }
        let previous = chains[Int(index)].emitPrevious
        let next = chains[Int(index)].emitNext
        if previous != -1 { chains[Int(previous)].emitNext = next } else { emitHead = next }
        if next != -1 { chains[Int(next)].emitPrevious = previous } else { emitTail = previous }
        chains[Int(index)].emitPrevious = -1
        chains[Int(index)].emitNext = -1
        chains[Int(index)].awaitingEmission = false
    }
}
