import EventScopeCore

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
                    rate = try positiveNumber(value(after: &i, in: args, option: arg), option: arg)
                } else {
                    rest.append(arg)
                    if takesValue(arg) {
                        rest.append(try value(after: &i, in: args, option: arg))
                    }
                }
                i = args.index(after: i)
            }
            options = try parseWatch(rest[...], requireTopics: false)
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
                    rate = try positiveNumber(value(after: &i, in: args, option: arg), option: arg)
                } else if arg == "--duration" {
                    duration = try positiveNumber(value(after: &i, in: args, option: arg), option: arg)
                } else {
                    rest.append(arg)
                    if takesValue(arg) { rest.append(try value(after: &i, in: args, option: arg)) }
                }
                i = args.index(after: i)
            }
            let options = try parseWatch(rest[...], requireTopics: false)
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
                    guard let parsed = ReplaySpeed.parse(text) else { throw UsageError("--speed wants a factor like 10x or 'max', not '\(TerminalText.escape(text, limit: 40))'") }
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
            let options = try parseWatch(rest[...], requireTopics: false)
            return .replay(path: path, options, speed: speed)
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
            return .config(try parseWatch(args.dropFirst(), requireTopics: false))
        case "bench":
            let rest = Array(args.dropFirst())
            guard let name = rest.first else { throw UsageError("usage: evscope bench ingest|consume|render|traces|audit [options]") }
            return .bench(name: name, arguments: Array(rest.dropFirst()))
        default:
            if first.hasPrefix("-") { return .watch(try parseWatch(args)) }
            throw UsageError("unknown command '\(TerminalText.escape(first, limit: 40))' (try evscope --help)")
        }
    }

    static let valueOptions: Set<String> = [
        "-b", "--brokers", "-t", "--topic", "--audit-topic", "--audit-file", "-X", "-F", "--policy", "--from",
        "--theme", "--record", "--emit", "--fail-on", "--type-field", "--id-field", "--source-field",
        "--time-field", "--trace-idle",
    ]

    static func takesValue(_ option: String) -> Bool { valueOptions.contains(option) }

    /// Brokers are not required here: the config file may name them (checked once it is read).
    static func parseWatch(_ args: ArraySlice<String>, requireTopics: Bool = true) throws(UsageError) -> WatchOptions {
        var o = WatchOptions()
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            switch arg {
            case "-b", "--brokers": o.brokers = try value(after: &i, in: args, option: arg)
            case "-t", "--topic":
                let topic = try value(after: &i, in: args, option: arg)
                guard !topic.isEmpty else { throw UsageError("-t wants a topic name or ^regex") }
                o.topics.append(topic)
            case "--audit-topic": o.auditTopics.append(try value(after: &i, in: args, option: arg))
            case "--audit-file": o.auditFiles.append(try value(after: &i, in: args, option: arg))
            case "-X":
                let pair = try value(after: &i, in: args, option: arg)
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                    throw UsageError("-X wants key=value, got '\(TerminalText.escape(String(pair.prefix(40))))'")
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
                for name in try value(after: &i, in: args, option: arg).split(separator: ",") {
                    guard let kind = EmitKind(rawValue: String(name)) else {
                        throw UsageError("--emit wants events, decisions, traces or findings (comma-separated), not '\(TerminalText.escape(String(name), limit: 40))'")
                    }
                    if !o.emit.contains(kind) { o.emit.append(kind) }
                }
            case "--fail-on":
                let text = try value(after: &i, in: args, option: arg)
                guard let level = SeverityThreshold(rawValue: text) else { throw UsageError("--fail-on wants low, medium or high") }
                o.failOn = level
            case "-e", "--exit-at-end": o.exitAtEnd = true
            case "--type-field": o.typeField = try value(after: &i, in: args, option: arg)
            case "--id-field": o.idField = try value(after: &i, in: args, option: arg)
            case "--source-field": o.sourceField = try value(after: &i, in: args, option: arg)
            case "--time-field": o.timeField = try value(after: &i, in: args, option: arg)
            case "--trace-idle":
                o.traceIdleSeconds = try positiveNumber(value(after: &i, in: args, option: arg), option: arg)
            case "--reveal": o.reveal = true
            default:
                throw UsageError("unknown option '\(TerminalText.escape(arg, limit: 40))' (try evscope --help)")
            }
            i = args.index(after: i)
        }
        if requireTopics, o.topics.isEmpty, o.auditTopics.isEmpty, o.auditFiles.isEmpty {
            throw UsageError("nothing to watch: give -b BROKERS with -t TOPIC (or -t '^regex'), --audit-topic or --audit-file — or try `evscope demo`")
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

    static func positiveNumber(_ text: String, option: String) throws(UsageError) -> Double {
        guard let number = Double(text), number > 0, number.isFinite else { throw UsageError("\(option) wants a positive number, not '\(TerminalText.escape(text, limit: 40))'") }
        return number
    }
}
