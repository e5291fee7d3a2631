import EventScopeCore
import Testing

/// Rollups: what an agent encodes per interval folds back into the totals of a direct read.
@Suite struct RollupIntervalTests {
    static let denied =
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00Z","data":{"authenticationInfo":{"principal":"User:mallory"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#
    static let granted =
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:01Z","data":{"authenticationInfo":{"principal":"User:orders"},"authorizationInfo":{"granted":true,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#

    static func records(_ range: Range<Int>) -> [Record] {
        range.map { index in
            if index % 5 == 4 {
                return Record(topic: "audit", partition: 0, offset: Int64(index), timestampMs: 1_000, value: Array((index % 10 == 4 ? denied : granted).utf8))
            }
            let value =
                index % 7 == 0
                ? "not json"
                : #"{"eventType":"T\#(index % 3)","source":"svc-\#(index % 2)","eventId":"e\#(index)","traceparent":"00-4bf92f35\#(String(repeating: "0", count: 23))\#(index % 4)-00f067aa0000000\#(index % 8)-01","mail":"x\#(index)@example.com"}"#
            return Record(topic: index % 2 == 0 ? "orders" : "carts", partition: 0, offset: Int64(index), timestampMs: 1_000, value: Array(value.utf8))
        }
    }

    /// A pipeline set up like an agent's, publishing into `interval`.
    static func agentPipeline(_ interval: RollupInterval) -> IngestPipeline {
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        pipeline.stages = [.findings]
        pipeline.onEvent = { event, _, _ in interval.observe(event: event) }
        pipeline.onDecision = { interval.observe(decision: $0) }
        return pipeline
    }

    /// The direct read: every record through one pipeline, with the summary tally.
    static func directLine(_ records: [Record]) -> [UInt8] {
        let pipeline = IngestPipeline(auditTopics: ["audit"])
        pipeline.stages = [.findings]
        let tally = SummaryTally()
        pipeline.summary = tally
        pipeline.ingest(.records(records), nowMs: 1_000)
        for (rule, count) in pipeline.findings.recordOccurrencesByRule() { tally.count(findings: count, rule: rule) }
        return tally.line()
    }

    @Test func intervalsOfTwoAgentsFoldIntoTheDirectTotals() {
        let all = Self.records(0..<200)
        let folder = RollupFolder()
        for (agent, share) in [("a1", all.filter { $0.offset % 3 == 0 }), ("a2", all.filter { $0.offset % 3 != 0 })] {
            let interval = RollupInterval(agent: agent, run: 7, startMs: 0)
            let pipeline = Self.agentPipeline(interval)
            var deltas = FindingDeltas()
            // Three intervals per agent, as a second's worth each.
            for (seq, slice) in stride(from: 0, to: share.count, by: 30).enumerated() {
                pipeline.ingest(.records(Array(share[slice..<min(slice + 30, share.count)])), nowMs: 1_000)
                let pending = deltas.pending(in: pipeline.findings)
                for message in interval.messages(seq: Int64(seq), endMs: 2_000, findingOccurrences: pending.occurrences, findings: pending.findings) {
                    #expect(folder.fold(message.value, partition: Self.partition(message.key)) != nil)
                }
                deltas.markPublished(pipeline.findings)
                interval.reset(startMs: 2_000)
            }
        }
        #expect(String(decoding: folder.tally.line(), as: UTF8.self) == String(decoding: Self.directLine(all), as: UTF8.self))
        #expect(folder.agents.keys.sorted() == ["a1", "a2"])
        #expect(folder.tally.findingsByRule["denied-publish"] == 20)
        #expect(folder.skipped == 0)
    }

    @Test func hopsOfAChainShareOneMessageKeyedByTheTraceId() {
        let interval = RollupInterval(agent: "a1", run: 7, startMs: 0)
        let pipeline = Self.agentPipeline(interval)
        pipeline.ingest(.records(Self.records(0..<40)), nowMs: 1_000)
        let hops = interval.messages(seq: 0, endMs: 1_000, findingOccurrences: [:], findings: []).filter {
            String(decoding: $0.value, as: UTF8.self).hasPrefix(#"{"kind":"hops""#)
        }
        #expect(hops.count == 4)
        for message in hops {
            let key = String(decoding: message.key, as: UTF8.self)
            let value = String(decoding: message.value, as: UTF8.self)
            #expect(value.contains(#""trace":"\#(key)""#))
            #expect(key.hasPrefix("4bf92f35"))
        }
    }

    /// Three rollup partitions, picked by key as a producer would.
    static func partition(_ key: [UInt8]) -> Int32 { Int32(key.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % 3) }

    /// An interval sent again after an aborted transaction, on a broker that keeps aborted
    /// records visible: the reader sees part of the first copy, then all of the second,
    /// interleaved per partition as the producer writes them, and folds each record once.
    @Test func anIntervalSentAgainFoldsOnce() {
        let all = Self.records(0..<120)
        let interval = RollupInterval(agent: "a1", run: 7, startMs: 0)
        let pipeline = Self.agentPipeline(interval)
        var deltas = FindingDeltas()
        let folder = RollupFolder()
        for (seq, slice) in [0..<60, 60..<120].enumerated() {
            pipeline.ingest(.records(Array(all[slice])), nowMs: 1_000)
            let pending = deltas.pending(in: pipeline.findings)
            let messages = interval.messages(seq: Int64(seq), endMs: 2_000, findingOccurrences: pending.occurrences, findings: pending.findings)
            deltas.markPublished(pipeline.findings)
            interval.reset(startMs: 2_000)
            // The aborted attempt got every other record through; the second got all.
            for message in messages.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
                folder.fold(message.value, partition: Self.partition(message.key))
            }
            for message in messages { folder.fold(message.value, partition: Self.partition(message.key)) }
        }
        #expect(String(decoding: folder.tally.line(), as: UTF8.self) == String(decoding: Self.directLine(all), as: UTF8.self))
        #expect(folder.copies >= 2)
        #expect(folder.agents["a1"]?.intervals == 2)
    }

    /// Copies are told by writer: the same interval number from another run of the agent (a
    /// restart), or from another agent, is not a copy.
    @Test func theSameSeqFromAnotherRunOrAgentIsNotACopy() {
        let folder = RollupFolder()
        for (agent, run) in [("a1", 1), ("a1", 2), ("a2", 1), ("a1", 2)] {
            let value =
                #"{"kind":"counters","v":1,"agent":"\#(agent)","run":\#(run),"seq":0,"fromMs":0,"toMs":1,"events":5,"mix":[["t",null,null,"envelope",5,50]],"allowed":[],"findings":{}}"#
            folder.fold(Array(value.utf8), partition: 0)
        }
        #expect(folder.tally.events == 15)
        #expect(folder.copies == 1)
        // An older interval of a writer after a newer one, in one partition, is a late copy.
        folder.fold(Array(#"{"kind":"counters","v":1,"agent":"a1","run":2,"seq":1,"mix":[["t",null,null,"envelope",1,10]]}"#.utf8), partition: 0)
        folder.fold(Array(#"{"kind":"counters","v":1,"agent":"a1","run":2,"seq":0,"mix":[["t",null,null,"envelope",5,50]]}"#.utf8), partition: 0)
        #expect(folder.tally.events == 16)
        #expect(folder.copies == 2)
    }

    @Test func aForgottenIntervalHasItsFindingsJudgedAgain() {
        let interval = RollupInterval(agent: "a1", run: 7, startMs: 0)
        let pipeline = Self.agentPipeline(interval)
        var deltas = FindingDeltas()
        pipeline.ingest(.records(Self.records(0..<10)), nowMs: 1_000)
        #expect(!deltas.pending(in: pipeline.findings).occurrences.isEmpty)
        // The group took the partitions away: nothing of the interval is published.
        deltas.markPublished(pipeline.findings)
        interval.reset(startMs: 1_000)
        #expect(interval.isEmpty)
        #expect(deltas.pending(in: pipeline.findings).occurrences.isEmpty)
        #expect(deltas.pending(in: pipeline.findings).findings.isEmpty)
    }

    @Test(arguments: [
        #"{"kind":"counters","v":2,"agent":"a","events":5}"#, #"{"kind":"gauges","v":1,"agent":"a"}"#, "not json", "",
        #"{"kind":"counters","v":1}"#, #"{"kind":"counters","v":1,"agent":"a","events":5}"#,
    ])
    func skipsWhatIsNotARollupOfThisVersion(_ value: String) {
        let folder = RollupFolder()
        #expect(folder.fold(Array(value.utf8), partition: 0) == nil)
        #expect(folder.skipped == 1)
        #expect(folder.tally.isEmpty)
    }
}
