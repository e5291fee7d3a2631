import EventScopeCore
import Testing

/// Rollups: what an agent encodes per interval folds back into the totals of a direct read.
@Suite struct RollupIntervalTests {
    static let denied = #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00Z","data":{"authenticationInfo":{"principal":"User:mallory"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#
    static let granted = #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:01Z","data":{"authenticationInfo":{"principal":"User:orders"},"authorizationInfo":{"granted":true,"operation":"Write","resourceType":"Topic","resourceName":"orders"}}}"#

    static func records(_ range: Range<Int>) -> [Record] {
        range.map { index in
            if index % 5 == 4 {
                return Record(topic: "audit", partition: 0, offset: Int64(index), timestampMs: 1_000, value: Array((index % 10 == 4 ? denied : granted).utf8))
            }
            let value = index % 7 == 0
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
            let interval = RollupInterval(agent: agent, startMs: 0)
            let pipeline = Self.agentPipeline(interval)
            var deltas = FindingDeltas()
            // Three intervals per agent, as a second's worth each.
            for slice in stride(from: 0, to: share.count, by: 30) {
                pipeline.ingest(.records(Array(share[slice..<min(slice + 30, share.count)])), nowMs: 1_000)
                let pending = deltas.pending(in: pipeline.findings)
                for message in interval.messages(endMs: 2_000, findingOccurrences: pending.occurrences, findings: pending.findings) {
                    #expect(folder.fold(message.value) != nil)
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
        let interval = RollupInterval(agent: "a1", startMs: 0)
        let pipeline = Self.agentPipeline(interval)
        pipeline.ingest(.records(Self.records(0..<40)), nowMs: 1_000)
        let hops = interval.messages(endMs: 1_000, findingOccurrences: [:], findings: []).filter {
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

    @Test func abortedIntervalIsForgottenAndItsFindingsJudgedAgain() {
        let interval = RollupInterval(agent: "a1", startMs: 0)
        let pipeline = Self.agentPipeline(interval)
        var deltas = FindingDeltas()
        pipeline.ingest(.records(Self.records(0..<10)), nowMs: 1_000)
        #expect(!deltas.pending(in: pipeline.findings).occurrences.isEmpty)
        // The transaction aborted: nothing of it is published.
        deltas.markPublished(pipeline.findings)
        interval.reset(startMs: 1_000)
        #expect(interval.isEmpty)
        #expect(deltas.pending(in: pipeline.findings).occurrences.isEmpty)
        #expect(deltas.pending(in: pipeline.findings).findings.isEmpty)
    }

    @Test(arguments: [
        #"{"kind":"counters","v":2,"agent":"a","events":5}"#, #"{"kind":"gauges","v":1,"agent":"a"}"#, "not json", "",
        #"{"kind":"counters","v":1}"#,
    ])
    func skipsWhatIsNotARollupOfThisVersion(_ value: String) {
        let folder = RollupFolder()
        #expect(folder.fold(Array(value.utf8)) == nil)
        #expect(folder.skipped == 1)
        #expect(folder.tally.isEmpty)
    }
}
