import Testing
@testable import EventScopeApp

@Suite struct CommandLineParserTests {
    @Test func watchWithKcatStyleOptions() throws {
        let invocation = try CommandLineParser.parse(["-b", "k1:9092,k2:9092", "-t", "orders", "-t", "^cust.*", "--audit-topic", "confluent-audit-log-events", "-X", "security.protocol=SASL_SSL", "-X", "sasl.password=a=b", "--from", "-15m"])
        guard case .watch(let o) = invocation else { Issue.record("expected watch"); return }
        #expect(o.brokers == "k1:9092,k2:9092")
        #expect(o.topics == ["orders", "^cust.*"])
        #expect(o.auditTopics == ["confluent-audit-log-events"])
        #expect(o.properties.count == 2)
        #expect(o.properties[1].0 == "sasl.password" && o.properties[1].1 == "a=b")
        #expect(o.start == .relative(ms: 900_000))
        #expect(!o.headless)
    }

    @Test func headlessEmitAndExitAtEnd() throws {
        guard case .watch(let o) = try CommandLineParser.parse(["watch", "-b", "x:1", "-t", "t", "--headless", "--emit", "events,traces", "-e", "--fail-on", "high"]) else {
            Issue.record("expected watch"); return
        }
        #expect(o.headless && o.exitAtEnd)
        #expect(o.emit == [.events, .traces])
        #expect(o.failOn == .high)
    }

    @Test func subcommands() throws {
        #expect(try CommandLineParser.parse(["demo", "--broker-only"]) == .demo(WatchOptions(), brokerOnly: true, rate: 4))
        #expect(try CommandLineParser.parse(["policy", "check", "p.json"]) == .policyCheck(path: "p.json"))
        #expect(try CommandLineParser.parse(["--version"]) == .version)
        #expect(try CommandLineParser.parse(["bench", "ingest", "--events", "10"]) == .bench(name: "ingest", arguments: ["--events", "10"]))
        guard case .replay(let path, _, let speed) = try CommandLineParser.parse(["replay", "rec.jsonl", "--speed", "10x"]) else {
            Issue.record("expected replay"); return
        }
        #expect(path == "rec.jsonl")
        #expect(speed == .factor(10))
    }

    @Test(arguments: [
        (["-b", "x:1"], "nothing to watch"),
        (["-b", "x:1", "-t", "a", "--from", "yesterday"], "--from wants"),
        (["-b", "x:1", "-t", "a", "-X", "novalue"], "-X wants key=value"),
        (["-b", "x:1", "-t", "a", "--emit", "everything"], "--emit wants"),
        (["-b"], "-b needs a value"),
        (["frobnicate"], "unknown command"),
        (["-b", "x:1", "-t", "a", "--bogus"], "unknown option"),
        (["replay"], "replay needs a file"),
        (["demo", "-b", "x:1"], "demo runs its own cluster"),
    ])
    func usageErrorsAreOneLine(arguments: [String], fragment: String) {
        do {
            _ = try CommandLineParser.parse(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.message.contains(fragment))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func startPositions() {
        #expect(StartPosition.parse("beginning") == .beginning)
        #expect(StartPosition.parse("end") == .end)
        #expect(StartPosition.parse("-2h") == .relative(ms: 7_200_000))
        #expect(StartPosition.parse("2024-05-01T12:00:00Z") == .time(ms: 1_714_564_800_000))
        #expect(StartPosition.parse("-x") == nil)
    }
}
