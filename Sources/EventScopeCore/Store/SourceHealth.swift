/// The kind of input a source is.
public enum SourceKind: String, Sendable {
    case kafka
    case auditTopic = "audit-topic"
    case auditFile = "audit-file"
    case replay
    /// A Schema Registry (or the demo's schemas): not a source of records, but of what decodes them.
    case schemaRegistry = "schema-registry"
    /// An `evscope agent` whose rollups a reader folds: it reads its share of the topics.
    case agent
}

/// How a source is doing, as shown in the status bar and the Sources detail.
public enum SourceState: Sendable, Equatable {
    case connecting
    case connected
    /// Working, but something is wrong (a broker down, an authorisation error on one partition).
    case degraded(String)
    /// Not delivering (all brokers down, authentication failed, file missing).
    case down(String)
    /// Reached the end of its input (`-e`, end of a replay).
    case finished

    public var label: String {
        switch self {
        case .connecting: "connecting"
        case .connected: "up"
        case .degraded(let why): "degraded: \(why)"
        case .down(let why): "down: \(why)"
        case .finished: "done"
        }
    }
}

/// The health of one source: its state, how much it delivered, and when it last did.
public struct SourceHealth: Sendable {
    public let id: Int
    public let name: String
    public let kind: SourceKind
    public var state: SourceState = .connecting
    public var records: UInt64 = 0
    public var unparseable: UInt64 = 0
    public var lastRecordMs: Int64?
    public var rate = RateCounter(horizonSeconds: 60)
    /// Messages behind the partitions' high watermarks, when the source knows.
    public var lag: Int64?
    /// Offset jumps seen on an audit topic (records missing between two we read).
    public var offsetGaps: UInt64 = 0
    /// Partitions of the selected topics not read because the source's partition cap is full.
    public var unwatchedPartitions = 0
    /// What else the source reports (a registry: schemas cached, records waiting, fetch errors).
    public var detail: String?
    /// The latest records or lines that could not be used, with their reasons, newest last.
    public var recentProblems = RingBuffer<SourceProblem>(capacity: SourceHealth.recentProblemLimit)
    /// Unusable records by kind of reason (`SourceProblem.kind(of:)`), at most `maxProblemKinds`
    /// kinds; the rest are counted under `otherProblemKind`.
    public var problemCounts: [String: UInt64] = [:]

    public static let recentProblemLimit = 20
    public static let maxProblemKinds = 32
    public static let otherProblemKind = "other reasons"

    /// Counts one unusable record or line and keeps it among the recent ones.
    public mutating func noteProblem(_ problem: SourceProblem) {
        unparseable &+= 1
        recentProblems.append(problem)
        var kind = SourceProblem.kind(of: problem.reason)
        if problemCounts[kind] == nil, problemCounts.count >= Self.maxProblemKinds { kind = Self.otherProblemKind }
        problemCounts[kind, default: 0] &+= 1
    }

    public init(id: Int, name: String, kind: SourceKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
