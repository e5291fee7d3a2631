import EventScopeCore
import Testing

/// The dashboard on rollups: agents' rollups folded into a pipeline give the screens' model
/// what one pipeline reading every record has (counts per topic, type and source, principals'
/// decisions, findings, trace chains).
@Suite struct RollupModelTests {
    /// Two agents' rollups for their shares of `all`, as records of a rollup topic.
    static func rollupRecords(_ all: [Record]) -> [Record] {
        var out: [Record] = []
        for (agent, share) in [("a1", all.filter { $0.offset % 3 == 0 }), ("a2", all.filter { $0.offset % 3 != 0 })] {
            let interval = RollupInterval(agent: agent, run: 1, startMs: 0)
            let pipeline = RollupIntervalTests.agentPipeline(interval)
            var deltas = FindingDeltas()
            for (seq, slice) in stride(from: 0, to: share.count, by: 25).enumerated() {
                pipeline.ingest(.records(Array(share[slice..<min(slice + 25, share.count)])), nowMs: 1_000)
                let pending = deltas.pending(in: pipeline.findings)
                let messages = interval.messages(
                    seq: Int64(seq), endMs: 2_000, findingOccurrences: pending.occurrences, findings: pending.findings,
                    status: RollupInterval.AgentStatus(partitions: 2, lag: 7))
                deltas.markPublished(pipeline.findings)
                interval.reset(startMs: 2_000)
                // Every other interval shows twice, the first copy cut short, as a broker that
                // keeps an aborted transaction's records shows an interval sent again.
                let copies = seq % 2 == 1 ? [messages.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), messages] : [messages]
                for message in copies.joined() {
                    out.append(
                        Record(
                            topic: "roll", partition: RollupIntervalTests.partition(message.key), offset: Int64(out.count), timestampMs: 2_000,
                            value: message.value))
                }
            }
        }
        return out
    }

    @Test func rollupsFoldIntoTheModelADirectReadBuilds() throws {
        let all = RollupIntervalTests.records(0..<300)
        let direct = IngestPipeline(auditTopics: ["audit"])
        direct.ingest(.records(all), nowMs: 1_000)

        let reader = IngestPipeline()
        reader.stages = [.aggregates, .traces]
        reader.ingest(.rollups(Self.rollupRecords(all)), nowMs: 1_000)

        #expect(reader.store.totalEvents == direct.store.totalEvents)
        #expect(reader.store.totalDecisions == direct.store.totalDecisions)
        #expect(reader.store.totalDenied == direct.store.totalDenied)
        #expect(reader.store.eventsByFormat == direct.store.eventsByFormat)
        #expect(Set(reader.store.topics.names) == Set(direct.store.topics.names))
        for name in direct.store.topics.names {
            let want = try #require(direct.store.topics[name])
            let got = try #require(reader.store.topics[name])
            #expect(got.events == want.events)
            #expect(got.bytes == want.bytes)
            #expect(got.eventTypes.distinct == want.eventTypes.distinct)
            #expect(got.declaredSources.count(of: "svc-1") == want.declaredSources.count(of: "svc-1"))
            #expect(got.deniedDecisions == want.deniedDecisions)
        }
        #expect(Set(reader.store.eventTypes.names) == Set(direct.store.eventTypes.names))
        for name in direct.store.principals.names {
            let want = try #require(direct.store.principals[name])
            let got = try #require(reader.store.principals[name])
            #expect((got.granted, got.denied, got.writes, got.deniedPublishes) == (want.granted, want.denied, want.writes, want.deniedPublishes))
        }
        // The denied decisions come whole: the Decisions screen lists the same ones.
        #expect(reader.store.recentDenied.newestFirst.map(\.principal) == direct.store.recentDenied.newestFirst.map(\.principal))
        #expect(reader.store.recentDenied.newestFirst.map(\.timeMs) == direct.store.recentDenied.newestFirst.map(\.timeMs))

        // Findings of both agents with one rule and identity are one, with every occurrence.
        let want = direct.findings.findings.map { "\($0.rule.rawValue) \($0.principal ?? "-") \($0.topic ?? "-") \($0.count)" }.sorted()
        let got = reader.findings.findings.map { "\($0.rule.rawValue) \($0.principal ?? "-") \($0.topic ?? "-") \($0.count)" }.sorted()
        #expect(!want.isEmpty)
        #expect(got == want)

        // Chains from the hops: the same keys and hops. (Which hop is taken for the root of a
        // chain without parent links depends on arrival order, which differs between the two
        // as it does between two direct reads of several partitions.)
        let directChains = direct.traceIndex.recentChains(limit: 100, nowMs: 1_000).map { "\($0.key) \($0.hops)" }.sorted()
        let readerChains = reader.traceIndex.recentChains(limit: 100, nowMs: 1_000).map { "\($0.key) \($0.hops)" }.sorted()
        #expect(directChains.count == 4)
        #expect(readerChains == directChains)

        #expect(reader.rollups.agents["a1"]?.partitions == 2)
        #expect(reader.rollups.agents["a2"]?.lag == 7)
        #expect(reader.rollups.copies > 0)
    }

    /// A rollup record that is not one (or of another version) changes nothing in the model.
    @Test func whatIsNotARollupLeavesTheModelAlone() {
        let reader = IngestPipeline()
        reader.stages = [.aggregates, .traces]
        let values = ["not json", #"{"kind":"counters","v":2,"agent":"a","run":1,"seq":0,"mix":[["t",null,null,"envelope",5,10]]}"#]
        reader.ingest(
            .rollups(values.enumerated().map { Record(topic: "roll", partition: 0, offset: Int64($0.offset), timestampMs: 0, value: Array($0.element.utf8)) }),
            nowMs: 1_000)
        #expect(reader.store.totalEvents == 0)
        #expect(reader.rollups.skipped == 2)
    }
}
