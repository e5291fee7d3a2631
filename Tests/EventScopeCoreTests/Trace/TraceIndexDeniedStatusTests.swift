import Testing
@testable import EventScopeCore

extension TraceIndex {
    /// The `denied` rule by brute force: every denied publish against every hop. A denial is
    /// tied when its principal produced a hop and it falls in the chain's window, or when its
    /// principal consumes a hop's topic by name (not as "anyone"), falls within the idle timeout
    /// after that hop, and produced no child of that hop.
    func deniedByScan(chain chainIndex: Int32, namedReaders: [String: Set<String>]) -> Bool {
        var members: [Int] = []
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 { members.append(Int(cursor)); cursor = nodes[Int(cursor)].next }
        let start = members.map { nodes[$0].timeMs }.min() ?? 0
        let end = members.map { nodes[$0].timeMs }.max() ?? 0
        let idle = configuration.idleTimeoutMs
        for denial in deniedPublishes {
            let byHop = members.contains { nodes[$0].principal == denial.principal }
            if byHop {
                if denial.timeMs >= start && denial.timeMs <= end + idle { return true }
                continue
            }
            guard let principal = principals.name(denial.principal) else { continue }
            for hop in members where denial.timeMs >= nodes[hop].timeMs && denial.timeMs <= nodes[hop].timeMs + idle {
                guard let topic = topics.name(nodes[hop].topic), namedReaders[principal]?.contains(topic) == true else { continue }
                let continued = members.contains { nodes[$0].parent == Int32(hop) && nodes[$0].principal == denial.principal }
                if !continued { return true }
            }
        }
        return false
    }
}

/// The index answers `denied` from denials arranged once per query; random chains, consumer
/// relations (with and without a topic anyone may consume, which ties no one), denials by
/// principals on chains, by consumers that did or did not continue a hop, by unknown
/// principals, and window edges must agree with the scan.
@Test(arguments: [UInt64(1), 2, 3, 4]) func deniedStatusMatchesAScanOfEveryDenial(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let principalNames = (0..<12).map { "User:p\($0)" }
    let topicNames = (0..<8).map { "t\($0)" }
    var pairs: [(principal: String, topic: String)] = []
    for p in principalNames { for t in topicNames where random.next() % 5 == 0 { pairs.append((p, t)) } }
    let namedReaders = Dictionary(grouping: pairs, by: \.principal).mapValues { Set($0.map(\.topic)) }
    let open: Set<String> = seed % 2 == 0 ? ["t7"] : []
    let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 400, maxNodes: 2_000, idleTimeoutMs: 60, maxDeniedPublishes: 64),
                           consumers: TraceConsumers(pairs: pairs, openTopics: open))
    var compared = 0, denied = 0
    for step in 0..<4_000 {
        let time = Int64(step) * 3 + Int64(random.next() % 50)
        if random.next() % 25 == 0 {
            index.noteDeniedPublish(
                principal: principalNames[Int(random.next() % 12)] + (random.next() % 7 == 0 ? "-other" : ""),
                topic: topicNames[Int(random.next() % 8)], timeMs: time)
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
                let old = index.deniedByScan(chain: cursor, namedReaders: namedReaders)
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
            let anyoneMay = topic == "open" || topic == "mixed"
            #expect(listed.contains(topic) ? asked : asked == anyoneMay, "\(principal) \(topic)")
            if asked { consuming += 1 }
        }
    }
    #expect(!consumers.topicsConsumed("User:other").contains("mixed"))
    #expect(consumers.consumes("User:reader", "closed") && !consumers.consumes("User:other", "closed"))
    #expect(consumers.consumes("User:auditor", "unlisted") && !consumers.consumes("User:nobody", "unlisted"))
    #expect(consuming == 4 * 2 + 2 + 1)
}
