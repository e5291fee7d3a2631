import EventScopeCore
import Testing

@testable import EventScopeApp

@Suite struct CommandLineParserTests {
    @Test func watchWithKcatStyleOptions() throws {
        let invocation = try CommandLineParser.parse([
            "-b", "k1:9092,k2:9092", "-t", "orders", "-t", "^cust.*", "--audit-topic", "confluent-audit-log-events", "-X", "security.protocol=SASL_SSL", "-X",
            "sasl.password=a=b", "--from", "-15m",
        ])
        guard case .watch(let o) = invocation else {
            Issue.record("expected watch")
            return
        }
        #expect(o.brokers == "k1:9092,k2:9092")
        #expect(o.topics == ["orders", "^cust.*"])
        #expect(o.auditTopics == ["confluent-audit-log-events"])
        #expect(o.properties.count == 2)
        #expect(o.properties[1].0 == "sasl.password" && o.properties[1].1 == "a=b")
        #expect(o.start == .ago(ms: 900_000))
        #expect(!o.headless)
    }

    @Test func headlessEmitAndExitAtEnd() throws {
        guard
            case .watch(let o) = try CommandLineParser.parse([
                "watch", "-b", "x:1", "-t", "t", "--headless", "--emit", "events,traces", "-e", "--fail-on", "high",
            ])
        else {
            Issue.record("expected watch")
            return
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
            Issue.record("expected replay")
            return
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
        #expect(StartPosition.parse("-2h") == .ago(ms: 7_200_000))
        #expect(StartPosition.parse("2024-05-01T12:00:00Z") == .time(epochMs: 1_714_564_800_000))
        #expect(StartPosition.parse("-x") == nil)
    }
}

@Suite struct CommandLineValidationTests {
    static func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try CommandLineParser.parse(arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(
        "numbers that would overflow a duration or rate are usage errors echoing the value",
        arguments: [
            (["-b", "x:1", "-t", "a", "--headless", "--trace-idle", "1e16"], "1e16"),
            (["-b", "x:1", "-t", "a", "--trace-idle", "9.3e15"], "9.3e15"),
            (["-b", "x:1", "-t", "a", "--trace-idle", "9223372036854775807"], "9223372036854775807"),
            (["-b", "x:1", "-t", "a", "--trace-idle", "1e300"], "1e300"),
            (["-b", "x:1", "-t", "a", "--trace-idle", "nan"], "nan"),
            (["-b", "x:1", "-t", "a", "--trace-idle", "0"], "'0'"),
            (["replay", "rec.jsonl", "--speed", "1e18x", "--headless"], "1e18x"),
            (["replay", "rec.jsonl", "--speed", "0x"], "0x"),
            (["demo", "--rate", "1e300"], "1e300"),
            (["simulate", "-b", "x:1", "--rate", "60000"], "60000"),
            (["simulate", "-b", "x:1", "--duration", "1e300"], "1e300"),
        ])
    func numbersAreRangeChecked(arguments: [String], echoed: String) throws {
        let message = try #require(Self.usageError(arguments))
        #expect(message.contains(echoed), "\(message)")
        #expect(message.contains(" to "), "the accepted range is stated: \(message)")
    }

    @Test func numbersInRangeAreKept() throws {
        guard case .watch(let o) = try CommandLineParser.parse(["-b", "x:1", "-t", "a", "--trace-idle", "86400"]) else {
            Issue.record("expected watch")
            return
        }
        #expect(o.traceIdleSeconds == 86_400)
        guard case .replay(_, _, let speed) = try CommandLineParser.parse(["replay", "f", "--speed", "1000000x"]) else {
            Issue.record("expected replay")
            return
        }
        #expect(speed == .factor(1_000_000))
    }

    @Test(
        "a malformed -X never echoes the value of a secret-looking property",
        arguments: [
            "sasl.password:SuperSecret123", "ssl.key.password SuperSecret123", "sasl.jaas.config:SuperSecret123",
            "schema.registry.basic.auth.user.info:SuperSecret123", "sasl.oauthbearer.client.secret;SuperSecret123",
            "SuperSecret123",
        ])
    func malformedSecretIsNotEchoed(argument: String) throws {
        let message = try #require(Self.usageError(["-b", "x:1", "-t", "a", "-X", argument]))
        #expect(message.contains("-X wants key=value"), "\(message)")
        #expect(!message.contains("SuperSecret123"), "\(message)")
    }

    @Test func malformedHarmlessPropertyIsEchoed() throws {
        let message = try #require(Self.usageError(["-b", "x:1", "-t", "a", "-X", "client.id:evscope"]))
        #expect(message.contains("'client.id:evscope'"))
    }

    @Test("a stray argument that looks like a secret is not echoed")
    func strayArgumentIsNotEchoed() throws {
        let message = try #require(Self.usageError(["-b", "x:1", "-t", "a", "MySecretValue"]))
        #expect(!message.contains("MySecretValue"))
        #expect(try #require(Self.usageError(["-b", "x:1", "-t", "a", "stray"])).contains("'stray'"))
    }

    @Test(
        "broker lists are checked before librdkafka sees them",
        arguments: [
            ("127.0.0.1:99999", "99999"), ("", "empty"), (" , ", "empty"), ("host:", "port"), (":9092", "no host"),
            ("[::1:9092", "unclosed"), ("host:0", "'0'"), ("host:12ab", "12ab"),
        ])
    func badBrokers(brokers: String, fragment: String) throws {
        let message = try #require(Self.usageError(["-b", brokers, "-t", "a"]))
        #expect(message.hasPrefix("-b "), "\(message)")
        #expect(message.contains(fragment), "\(message)")
    }

    @Test(arguments: ["localhost:9092", "a:1,b:65535", "kafka", "SSL://broker:9093", "[::1]:9092", "::1", " a:1 , b:2 "])
    func goodBrokers(brokers: String) {
        #expect(BrokerList.problem(brokers) == nil)
    }

    @Test(
        "bad values are echoed",
        arguments: [
            (["-b", "x:1", "-t", "a", "--emit", ""], "not ''"),
            (["-b", "x:1", "-t", "a", "--emit", "events,"], "not ''"),
            (["-b", "x:1", "-t", "a", "--fail-on", "critical"], "critical"),
            (["-b", "x:1", "-t", "("], "'('"),
            (["-b", "x:1", "-t", String(repeating: "a", count: 250)], "249"),
            (["-b", "x:1", "--audit-topic", "a b"], "'a b'"),
            (["-b", "x:1", "-t", "a", "--from", "tomorrow"], "tomorrow"),
        ])
    func badValuesAreEchoed(arguments: [String], fragment: String) throws {
        let message = try #require(Self.usageError(arguments))
        #expect(message.contains(fragment), "\(message)")
    }

    @Test func decisionsWithoutAnAuditSourceAreAUsageError() throws {
        let message = try #require(Self.usageError(["-b", "x:1", "-t", "a", "--emit", "decisions"]))
        #expect(message.contains("--audit-topic") && message.contains("--audit-file"))
        #expect(Self.usageError(["-b", "x:1", "-t", "a", "--audit-file", "/var/log/a", "--emit", "decisions"]) == nil)
        #expect(Self.usageError(["-b", "x:1", "-t", "a", "--emit", "events,decisions"]) == nil)
    }

    @Test(
        "typos get a did-you-mean",
        arguments: [
            (["-b", "x:1", "-t", "a", "--trace-idel", "3"], "did you mean --trace-idle?"),
            (["-b", "x:1", "-t", "a", "--headles"], "did you mean --headless?"),
            (["-b", "x:1", "-t", "a", "--brokres", "x"], "did you mean --brokers?"),
            (["replay", "f", "--sped", "2x"], "did you mean --speed?"),
            (["demo", "--brokeronly"], "did you mean --broker-only?"),
            (["reply", "f"], "did you mean 'replay'?"),
        ])
    func didYouMean(arguments: [String], hint: String) throws {
        let message = try #require(Self.usageError(arguments))
        #expect(message.contains(hint), "\(message)")
    }

    @Test func farTyposGetNoSuggestion() throws {
        let message = try #require(Self.usageError(["-b", "x:1", "-t", "a", "--zzzzzzzz"]))
        #expect(!message.contains("did you mean"))
        #expect(OptionSuggestion.nearest(to: "-x", among: ["-X", "-b"]) == "-X")
        #expect(OptionSuggestion.editDistance(Array("--trace-idel"), Array("--trace-idle")) == 1)
    }

    @Test("--help lists every option the parser knows")
    func helpListsEveryOption() {
        let words = Set(HelpText.text.split(whereSeparator: { " ,;[]|()\n".contains($0) }).map(String.init))
        let missing = CommandLineParser.allOptions.filter { !words.contains($0) }.sorted()
        #expect(missing.isEmpty, "not in --help: \(missing)")
    }
}
