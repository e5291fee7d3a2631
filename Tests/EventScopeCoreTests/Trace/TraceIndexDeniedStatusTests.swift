import Testing
@testable import EventScopeCore

extension TraceIndex {
    /// The `denied` rule by brute force, as the index once computed it for each chain: every
    /// denied publish in the chain's window, against each principal on the chain and, through
    /// `consumers.consumes`, each topic the chain ends on.
    func deniedByScan(chain chainIndex: Int32) -> Bool {
        var onChain: Set<Int32> = []
        var parents: Set<Int32> = []
        var start = Int64.max, end = Int64.min
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            let n = Int(cursor)
            if nodes[n].principal != TraceStringTable.absentId { onChain.insert(nodes[n].principal) }
            let p = nodes[n].parent
            if p != -1, nodes[Int(p)].chain == chainIndex { parents.insert(p) }
            start = min(start, nodes[n].timeMs); end = max(end, nodes[n].timeMs)
            cursor = nodes[n].next
        }
        var leaf: Set<Int32> = []
        cursor = chains[Int(chainIndex)].first
        while cursor != -1 { if !parents.contains(cursor) { leaf.insert(nodes[Int(cursor)].topic) }; cursor = nodes[Int(cursor)].next }
        let toMs = end + configuration.idleTimeoutMs
        for denial in deniedPublishes where denial.timeMs >= start && denial.timeMs <= toMs {
            if onChain.contains(denial.principal) { return true }
            guard let principal = principals.name(denial.principal), denial.principal >= 0 else { continue }
            for topic in leaf {
                if let name = topics.name(topic), consumers.consumes(principal, name) { return true }
            }
        }
        return false
    }
}

/// The index answers `denied` from denials arranged once per query; random chains, consumer
/// relations (with and without a topic anyone may consume), denials by principals on chains,
/// by consumers, by unknown principals, and window edges must agree with the scan.
@Test(arguments: [UInt64(1), 2, 3, 4]) func deniedStatusMatchesAScanOfEveryDenial(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let principalNames = (0..<12).map { "User:p\($0)" }
    let topicNames = (0..<8).map { "t\($0)" }
    var pairs: [(principal: String, topic: String)] = []
    for p in principalNames { for t in topicNames where random.next() % 5 == 0 { pairs.append((p, t)) } }
    let open: Set<String> = seed % 2 == 0 ? ["t7"] : []
    let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 400, maxNodes: 2_000, idleTimeoutMs: 60, maxDeniedPublishes: 64),
                           consumers: TraceConsumers(pairs: pairs, openTopics: open))
    var compared = 0, denied = 0
    for step in 0..<4_000 {
        let time = Int64(step) * 3 + Int64(random.next() % 50)
        if random.next() % 25 == 0 {
            index.noteDeniedPublish(principal: principalNames[Int(random.next() % 12)] + (random.next() % 7 == 0 ? "-other" : ""), timeMs: time)
            continue
        }
        let chain = random.next() % 300
        let id = "e\(step)"
        let parent = random.next() % 3 == 0 ? nil : "e\(max(0, step - Int(random.next() % 20)))"
        index.insert(TraceFixture.event(Int64(step), topic: topicNames[Int(random.next() % 8)], time: time, id: id, correlation: "c\(chain)", causation: parent),
                     principal: principalNames[Int(random.next() % 12)], nowMs: time)
        if step % 500 == 499 {
            let summaries = index.recentChains(limit: 1_000, nowMs: time)
            var cursor = index.lruHead
            var i = 0
            while cursor != -1 {
                let old = index.deniedByScan(chain: cursor)
                #expect((summaries[i].status == .denied) == old, "chain \(summaries[i].key)")
                if old { denied += 1 }
                compared += 1
                i += 1
                cursor = index.chains[Int(cursor)].lruNext
            }
        }
    }
    #expect(compared > 1_000)
    #expect(denied > 0 && denied < compared)
}

/// The pipeline tells the trace index who consumes what in two ways (see `TraceConsumers`);
/// they must describe one relation, from the policy (closed, open and mixed topics) and the
/// store's READ decisions alike.
@Test func thePipelinesConsumerRelationIsOneRelation() throws {
    let policy = try PolicyParser().parse(#"""
        {"eventTypes":{
          "A":{"topics":["closed"],"consumers":["reader"]},
          "B":{"topics":["open"],"consumers":["*"]},
          "C":{"topics":["mixed"],"consumers":["*"]},
          "D":{"topics":["mixed"],"consumers":["reader","other"]}}}
        """#).get()
    let pipeline = IngestPipeline(policy: policy)
    pipeline.store.ingest(Decision(timeMs: 1, principal: "User:auditor", operation: "READ", resourceType: "TOPIC", resourceName: "unlisted", granted: true, format: .confluent), nowMs: 1_000)
    pipeline.store.ingest(Decision(timeMs: 1, principal: "User:reader", operation: "READ", resourceType: "TOPIC", resourceName: "unlisted", granted: true, format: .confluent), nowMs: 1_000)
    let consumers = pipeline.traceIndex.consumers
    var consuming = 0
    for principal in ["User:reader", "User:other", "User:auditor", "User:nobody"] {
        let listed = Set(consumers.topicsConsumed(principal))
        for topic in ["closed", "open", "mixed", "unlisted", "unknown"] {
            let asked = consumers.consumes(principal, topic)
            #expect(asked == (listed.contains(topic) || consumers.isOpen(topic)), "\(principal) \(topic)")
            if asked { consuming += 1 }
        }
    }
    #expect(consumers.isOpen("open") && consumers.isOpen("mixed") && !consumers.isOpen("closed"))
    #expect(consumers.consumes("User:reader", "closed") && !consumers.consumes("User:other", "closed"))
    #expect(consumers.consumes("User:auditor", "unlisted") && !consumers.consumes("User:nobody", "unlisted"))
    #expect(consuming == 4 * 2 + 2 + 1)
}
