import Testing

@testable import EventScopeCore

extension TraceIndex {
    /// The `denied` rule by brute force: every denied publish against every hop. A denial is
    /// tied when its principal continues the hop's kind of event (as the index learned), was
    /// denied within the idle timeout after that hop, and produced no child of it nor any hop
    /// whose parent is only inferred.
    func deniedByScan(chain chainIndex: Int32) -> Bool {
        var members: [Int] = []
        var cursor = chains[Int(chainIndex)].first
        while cursor != -1 {
            members.append(Int(cursor))
            cursor = nodes[Int(cursor)].next
        }
        let idle = configuration.idleTimeoutMs
        for denial in deniedPublishes {
            for hop in members {
                let node = nodes[hop]
                let continues = continuedKinds[denial.principal]?.contains(continuedKind(of: Int32(hop))) == true
                guard continues, denial.timeMs >= node.timeMs, denial.timeMs <= node.timeMs + idle else { continue }
                let continued = members.contains {
                    nodes[$0].principal == denial.principal && (nodes[$0].parent == Int32(hop) || nodes[$0].link == .inferred)
                }
                if !continued { return true }
            }
        }
        return false
    }
}

/// The index answers `denied` from denials arranged once per query; random chains and links
/// (exact and inferred), denials by producers of hops, by continuers that did or did not
/// continue a hop, by unknown principals, and window edges must agree with the scan.
@Test(arguments: [UInt64(1), 2, 3, 4]) func deniedStatusMatchesAScanOfEveryDenial(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let principalNames = (0..<12).map { "User:p\($0)" }
    let topicNames = (0..<8).map { "t\($0)" }
    var pairs: [(principal: String, topic: String)] = []
    for p in principalNames { for t in topicNames where random.next() % 5 == 0 { pairs.append((p, t)) } }
    let open: Set<String> = seed % 2 == 0 ? ["t7"] : []
    let index = TraceIndex(
        configuration: TraceIndexConfiguration(maxChains: 400, maxNodes: 2_000, idleTimeoutMs: 60, maxDeniedPublishes: 64),
        consumers: TraceConsumers(pairs: pairs, openTopics: open))
    var compared = 0
    var denied = 0
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
        index.insert(
            TraceFixture.event(
                Int64(step), topic: topicNames[Int(random.next() % 8)], time: time, id: id,
                type: "T\(random.next() % 3)", correlation: "c\(chain)", causation: parent),
            principal: principalNames[Int(random.next() % 12)], nowMs: time)
        if step % 500 == 499 {
            let summaries = index.recentChains(limit: 1_000, nowMs: time)
            var cursor = index.lruHead
            var i = 0
            while cursor != -1 {
                let scanned = index.deniedByScan(chain: cursor)
                #expect((summaries[i].status == .denied) == scanned, "chain \(summaries[i].key)")
                if scanned { denied += 1 }
                compared += 1
                i += 1
                cursor = index.chains[Int(cursor)].lruNext
            }
        }
    }
    #expect(compared > 1_000)
    #expect(denied > 0 && denied < compared)
}
