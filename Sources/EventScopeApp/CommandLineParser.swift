import EventScopeCore
import Foundation

/// Parses `evscope` arguments (kcat-style short options plus long options) into an `Invocation`.
public enum CommandLineParser {
    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var args = arguments[...]
        guard let first = args.first else { return .watch(try parseWatch([])) }
        switch first {
        case "-h", "--help", "help": return .help
        case "-V", "--version", "version": return .version
        case "watch":
            args = args.dropFirst()
            return .watch(try parseWatch(args))
        case "demo":
            var options = WatchOptions()
            var brokerOnly = false
            var rate = 4.0
            var rest: [String] = []
            var i = args.index(after: args.startIndex)
            while i < args.endIndex {
                let arg = args[i]
                if arg == "--broker-only" {
                    brokerOnly = true
                } else if arg == "--rate" {
                    rate = try number(value(after: &i, in: args, option: arg), option: arg, in: NumericLimits.rate)
                } else {
                    rest.append(arg)
                    if takesValue(arg) {
                        rest.append(try value(after: &i, in: args, option: arg))
                    }
                }
                i = args.index(after: i)
            }
            options = try parseWatch(rest[...], requireTopics: false, command: "demo")
            if options.brokers != nil { throw UsageError("demo runs its own cluster; -b is for `evscope watch` or `evscope simulate`") }
            return .demo(options, brokerOnly: brokerOnly, rate: rate)
        case "simulate":
            var rate = 4.0
            var duration: Double?
            var rest: [String] = []
            var i = args.index(after: args.startIndex)
            while i < args.endIndex {
                let arg = args[i]
                if arg == "--rate" {
                    rate = try number(value(after: &i, in: args, option: arg), option: arg, in: NumericLimits.rate)
                } else if arg == "--duration" {
                    duration = try number(value(after: &i, in: args, option: arg), option: arg, in: NumericLimits.durationSeconds)
                } else {
                    rest.append(arg)
                    if takesValue(arg) { rest.append(try value(after: &i, in: args, option: arg)) }
                }
                i = args.index(after: i)
            }
            let options = try parseWatch(rest[...], requireTopics: false, command: "simulate")
            return .simulate(options, rate: rate, durationSeconds: duration)
        case "replay":
            var path: String?
            var speed = ReplaySpeed.factor(1)
            var rest: [String] = []
            var i = args.index(after: args.startIndex)
            while i < args.endIndex {
                let arg = args[i]
                if arg == "--speed" {
                    let text = try value(after: &i, in: args, option: arg)
                    guard let parsed = ReplaySpeed.parse(text) else {
                        throw UsageError(
                            "--speed wants a factor from \(NumericLimits.describe(ReplaySpeed.factorRange)) like 10x, or 'max', not '\(TerminalText.escape(text, limit: 40))'"
                        )
                    }
                    speed = parsed
                } else if !arg.hasPrefix("-") && path == nil {
                    path = arg
                } else {
                    rest.append(arg)
                    if takesValue(arg) { rest.append(try value(after: &i, in: args, option: arg)) }
                }
                i = args.index(after: i)
            }
            guard let path else { throw UsageError("replay needs a file: evscope replay FILE [--speed 10x|max] [--headless]") }
            let options = try parseWatch(rest[...], requireTopics: false, command: "replay")
            return .replay(path: path, options, speed: speed)
        case "agent":
            var group: String?
            var rollupTopic: String?
            var agentId: String?
            var rest: [String] = []
            var i = args.index(after: args.startIndex)
            while i < args.endIndex {
                let arg = args[i]
                switch arg {
                case "--group": group = try value(after: &i, in: args, option: arg)
                case "--rollup-topic": rollupTopic = try topic(value(after: &i, in: args, option: arg), option: arg)
                case "--agent-id": agentId = try value(after: &i, in: args, option: arg)
                default:
                    rest.append(arg)
                    if takesValue(arg) { rest.append(try value(after: &i, in: args, option: arg)) }
                }
                i = args.index(after: i)
            }
            var options = try parseWatch(rest[...], command: "agent")
            guard let group, !group.isEmpty, let rollupTopic, !rollupTopic.hasPrefix("^") else {
                throw UsageError("agent needs --group ID and --rollup-topic NAME: evscope agent -b BROKERS -t TOPIC --group ID --rollup-topic NAME")
            }
            if options.rollups != nil || options.headless || !options.emit.isEmpty {
                throw UsageError("an agent writes rollups, not JSON lines: --headless, --emit and --rollups are for watch")
            }
            options.headless = true
            let id = agentId ?? ProcessInfo.processInfo.hostName
            guard !id.isEmpty, id.utf8.count <= 100 else { throw UsageError("--agent-id wants a name of 1 to 100 bytes") }
            return .agent(options, AgentOptions(group: group, rollupTopic: rollupTopic, agentId: id))
        case "policy":
            let rest = args.dropFirst()
            switch rest.first {
            case "check":
                guard let path = rest.dropFirst().first, rest.count == 2 else { throw UsageError("usage: evscope policy check FILE") }
                return .policyCheck(path: path)
            case "infer":
                return .policyInfer(try parseWatch(rest.dropFirst()))
            case "example":
                return .policyExample
            default:
                throw UsageError("usage: evscope policy check FILE | policy infer -b BROKERS -t TOPIC ... | policy example")
            }
        case "config":
            return .config(try parseWatch(args.dropFirst(), requireTopics: false, command: "config"))
        case "bench":
            let rest = Array(args.dropFirst())
            guard let name = rest.first else { throw UsageError("usage: evscope bench ingest|consume|render|traces|audit [options]") }
            return .bench(name: name, arguments: Array(rest.dropFirst()))
        default:
            if first.hasPrefix("-") { return .watch(try parseWatch(args)) }
            let hint = OptionSuggestion.nearest(to: first, among: commands).map { "did you mean '\($0)'? " } ?? ""
            throw UsageError("unknown command '\(TerminalText.escape(first, limit: 40))' (\(hint)try evscope --help)")
        }
    }

    static let commands = ["watch", "agent", "demo", "simulate", "replay", "policy", "config", "bench", "help", "version"]

    /// Options that take no value, per command (shared watch options first).
    static let flagOptions: Set<String> = ["--headless", "-e", "--exit-at-end", "--reveal"]
    static let commandOptions: [String: Set<String>] = [
        "demo": ["--broker-only", "--rate"], "agent": ["--group", "--rollup-topic", "--agent-id"], "simulate": ["--rate", "--duration"], "replay": ["--speed"],
    ]

    /// Every option any command knows, for `--help` and the tests that keep them in step.
    public static var allOptions: Set<String> {
        valueOptions.union(flagOptions).union(commandOptions.values.joined()).union(["-h", "--help", "-V", "--version"])
    }

    static let valueOptions: Set<String> = [
        "-b", "--brokers", "-t", "--topic", "--audit-topic", "--audit-file", "-X", "-F", "--policy", "--from",
        "--theme", "--record", "--emit", "--fail-on", "--type-field", "--id-field", "--source-field",
        "--time-field", "--trace-idle", "-r", "--schema-registry", "--rollups",
    ]

    static func takesValue(_ option: String) -> Bool { valueOptions.contains(option) }

    /// Brokers are not required here: the config file may name them (checked once it is read).
    static func parseWatch(_ args: ArraySlice<String>, requireTopics: Bool = true, command: String = "watch") throws(UsageError) -> WatchOptions {
        var o = WatchOptions()
        var emitGiven = false
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            switch arg {
            case "-b", "--brokers":
                let brokers = try value(after: &i, in: args, option: arg)
                if let problem = BrokerList.problem(brokers) { throw UsageError("\(arg) \(problem)") }
                o.brokers = brokers
            case "-t", "--topic":
                o.topics.append(try topic(value(after: &i, in: args, option: arg), option: arg))
            case "--audit-topic": o.auditTopics.append(try topic(value(after: &i, in: args, option: arg), option: arg))
            case "--audit-file": o.auditFiles.append(try value(after: &i, in: args, option: arg))
            case "-X":
                let pair = try value(after: &i, in: args, option: arg)
                // A key that is not a plain name (`sasl.password:x=y`) is a typo whose tail may be the secret.
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex,
                    SecretPropertyName.leadingName(of: pair[..<eq]).endIndex == eq
                else {
                    throw UsageError("-X wants key=value, got \(shownAssignment(pair))")
                }
                o.properties.append((String(pair[..<eq]), String(pair[pair.index(after: eq)...])))
            case "-F": o.propertyFiles.append(try value(after: &i, in: args, option: arg))
            case "--policy": o.policyPath = try value(after: &i, in: args, option: arg)
            case "--from":
                let text = try value(after: &i, in: args, option: arg)
                guard let start = StartPosition.parse(text) else {
                    throw UsageError("--from wants beginning, end, -15m (s/m/h/d) or an RFC 3339 time, not '\(TerminalText.escape(text, limit: 40))'")
                }
                o.start = start
            case "--theme": o.themeName = try value(after: &i, in: args, option: arg)
            case "--record": o.recordPath = try value(after: &i, in: args, option: arg)
            case "--headless": o.headless = true
            case "--emit":
                emitGiven = true
                for name in try value(after: &i, in: args, option: arg).split(separator: ",", omittingEmptySubsequences: false) {
                    guard let kind = EmitKind(rawValue: String(name)) else {
                        throw UsageError(
                            "--emit wants events, decisions, traces, findings, health or summary (comma-separated), not '\(TerminalText.escape(String(name), limit: 40))'"
                        )
                    }
                    if !o.emit.contains(kind) { o.emit.append(kind) }
                }
            case "--fail-on":
                let text = try value(after: &i, in: args, option: arg)
                guard let level = SeverityThreshold(rawValue: text) else {
                    throw UsageError("--fail-on wants low, medium or high, not '\(TerminalText.escape(text, limit: 40))'")
                }
                o.failOn = level
            case "-e", "--exit-at-end": o.exitAtEnd = true
            case "--type-field": o.typeField = try value(after: &i, in: args, option: arg)
            case "--id-field": o.idField = try value(after: &i, in: args, option: arg)
            case "--source-field": o.sourceField = try value(after: &i, in: args, option: arg)
            case "--time-field": o.timeField = try value(after: &i, in: args, option: arg)
            case "--trace-idle":
                o.traceIdleSeconds = try number(value(after: &i, in: args, option: arg), option: arg, in: NumericLimits.traceIdleSeconds)
            case "--reveal": o.reveal = true
            case "-r", "--schema-registry": o.schemaRegistry = try value(after: &i, in: args, option: arg)
            case "--rollups":
                let name = try topic(value(after: &i, in: args, option: arg), option: arg)
                guard !name.hasPrefix("^") else { throw UsageError("--rollups wants the rollup topic's name, not a pattern") }
                o.rollups = name
            default:
                let known = valueOptions.union(flagOptions).union(commandOptions[command] ?? [])
                let hint = OptionSuggestion.nearest(to: arg, among: known).map { "did you mean \($0)? " } ?? ""
                // A stray value (no leading dash) may be a password given after the wrong flag.
                let shown = arg.hasPrefix("-") ? "option '\(TerminalText.escape(arg, limit: 40))'" : "argument \(shownArgument(arg))"
                throw UsageError("unknown \(shown) (\(hint)try evscope --help)")
            }
            i = args.index(after: i)
        }
        if requireTopics, o.topics.isEmpty, o.auditTopics.isEmpty, o.auditFiles.isEmpty, o.rollups == nil {
            throw UsageError("nothing to watch: give -b BROKERS with -t TOPIC (or -t '^regex'), --audit-topic or --audit-file — or try `evscope demo`")
        }
        if command == "watch", emitGiven, o.emit == [.decisions], o.auditTopics.isEmpty, o.auditFiles.isEmpty {
            throw UsageError("--emit decisions needs an audit source: --audit-topic TOPIC or --audit-file PATH")
        }
        if o.headless, o.emit.isEmpty { o.emit = [.findings, .decisions] }
        if !o.headless, !o.emit.isEmpty { o.headless = true }
        return o
    }

    static func value(after i: inout ArraySlice<String>.Index, in args: ArraySlice<String>, option: String) throws(UsageError) -> String {
        let next = args.index(after: i)
        guard next < args.endIndex else { throw UsageError("\(option) needs a value") }
        i = next
        return args[next]
    }

    /// A number within `range`, or a usage error echoing the text: every number that becomes
    /// a duration, count or rate is bounded here, so converting it later cannot trap.
    static func number(_ text: String, option: String, in range: ClosedRange<Double>) throws(UsageError) -> Double {
        guard let number = Double(text), range.contains(number) else {
            throw UsageError("\(option) wants a number from \(NumericLimits.describe(range)), not '\(TerminalText.escape(text, limit: 40))'")
        }
        return number
    }

    /// A topic name Kafka could hold (letters, digits, `.`, `_`, `-`, at most 249 characters),
    /// or a `^regex`.
    static func topic(_ text: String, option: String) throws(UsageError) -> String {
        if text.hasPrefix("^"), text.count > 1 { return text }
        let legal = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.topicName.contains($0)) }
        guard !text.isEmpty, text.count <= 249, legal, text != ".", text != ".." else {
            throw UsageError(
                "\(option) wants a topic name (letters, digits, '.', '_', '-'; at most 249) or ^regex, not '\(TerminalText.escape(text, limit: 40))'")
        }
        return text
    }

    /// A malformed `-X` argument as it may be shown: the whole of it, unless it names a secret
    /// property, in which case only that leading name.
    static func shownAssignment(_ text: String) -> String {
        guard SecretPropertyName.looksSecret(text) else { return "'\(TerminalText.escape(String(text.prefix(60))))'" }
        let name = SecretPropertyName.leadingName(of: text)
        guard !name.isEmpty, name.count < text.count else { return "an argument that looks like a secret (not shown)" }
        return "'\(TerminalText.escape(String(name), limit: 60))' followed by text not shown (it may be a secret)"
    }

    static func shownArgument(_ text: String) -> String {
        SecretPropertyName.looksSecret(text) ? "(not shown: it looks like a secret)" : "'\(TerminalText.escape(text, limit: 40))'"
    }
}

extension CharacterSet {
    fileprivate static let topicName = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
}
