// EventScopeApp: the loop that joins sources, the pipeline, UI state and a backend, plus the
// command line. Everything here is testable without Kafka or a terminal.

import EventScopeCore

/// What the headless mode writes as JSON lines.
public enum EmitKind: String, Sendable, CaseIterable {
    case events, decisions, traces, findings
    /// Each source's health at exit, with its unreadable records counted by reason.
    case health
    /// One line at exit with the run's totals (`SummaryTally`), comparable byte for byte.
    case summary
}

/// Severity threshold for `--fail-on`.
public enum SeverityThreshold: String, Sendable, CaseIterable {
    case low, medium, high
}

/// Options shared by every command that reads from Kafka (watch, demo, replay, policy infer).
public struct WatchOptions: Sendable, Equatable {
    public var brokers: String?
    public var topics: [String] = []
    public var auditTopics: [String] = []
    public var auditFiles: [String] = []
    public var properties: [(String, String)] = []
    public var propertyFiles: [String] = []
    public var policyPath: String?
    public var start: StartPosition?
    public var themeName: String?
    public var recordPath: String?
    public var headless = false
    public var emit: [EmitKind] = []
    public var failOn: SeverityThreshold?
    public var exitAtEnd = false
    public var typeField: String?
    public var idField: String?
    public var sourceField: String?
    public var timeField: String?
    public var traceIdleSeconds: Double = 5
    public var reveal = false
    /// `-r` / `--schema-registry`: comma-separated registry URLs (user-info allowed; a secret).
    public var schemaRegistry: String?
    /// `--rollups NAME`: read the rollups agents publish to NAME instead of the topics.
    public var rollups: String?

    public init() {}

    public static func == (a: WatchOptions, b: WatchOptions) -> Bool {
        a.brokers == b.brokers && a.topics == b.topics && a.auditTopics == b.auditTopics && a.auditFiles == b.auditFiles
            && a.properties.map { "\($0.0)=\($0.1)" } == b.properties.map { "\($0.0)=\($0.1)" }
            && a.propertyFiles == b.propertyFiles && a.policyPath == b.policyPath && a.start == b.start
            && a.themeName == b.themeName && a.recordPath == b.recordPath && a.headless == b.headless
            && a.emit == b.emit && a.failOn == b.failOn && a.exitAtEnd == b.exitAtEnd && a.typeField == b.typeField
            && a.idField == b.idField && a.sourceField == b.sourceField && a.timeField == b.timeField
            && a.traceIdleSeconds == b.traceIdleSeconds && a.reveal == b.reveal && a.schemaRegistry == b.schemaRegistry
            && a.rollups == b.rollups
    }
}

/// What makes an `evscope agent` one of a group of agents.
public struct AgentOptions: Sendable, Equatable {
    /// The consumer group the agents share the monitored partitions through.
    public var group: String
    /// Where rollups go; positions go to `<rollupTopic>.positions`.
    public var rollupTopic: String
    /// Stable across restarts, unique within the group: with the group it makes the
    /// transactional id, so a restarted agent fences its previous self.
    public var agentId: String

    public init(group: String, rollupTopic: String, agentId: String) {
        self.group = group
        self.rollupTopic = rollupTopic
        self.agentId = agentId
    }

    public var positionsTopic: String { rollupTopic + ".positions" }
    public var transactionalId: String { "evscope-agent-\(group)-\(agentId)" }
}

/// A parsed command line.
public enum Invocation: Sendable, Equatable {
    case watch(WatchOptions)
    case agent(WatchOptions, AgentOptions)
    case demo(WatchOptions, brokerOnly: Bool, rate: Double)
    case simulate(WatchOptions, rate: Double, durationSeconds: Double?)
    case replay(path: String, WatchOptions, speed: ReplaySpeed)
    case policyCheck(path: String)
    case policyInfer(WatchOptions)
    case policyExample
    case config(WatchOptions)
    case bench(name: String, arguments: [String])
    case help
    case version
}

/// How fast `replay` plays a recording.
public enum ReplaySpeed: Sendable, Equatable {
    case max
    case factor(Double)

    /// The factors accepted: a thousandth of real time up to a million times it, past which
    /// the pacing arithmetic would leave what a millisecond count can hold.
    public static let factorRange: ClosedRange<Double> = 0.001...1_000_000

    public static func parse(_ text: String) -> ReplaySpeed? {
        if text == "max" { return .max }
        let digits = text.hasSuffix("x") ? String(text.dropLast()) : text
        guard let factor = Double(digits), factorRange.contains(factor) else { return nil }
        return .factor(factor)
    }
}

/// A command line the user got wrong: one line, exit code 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
