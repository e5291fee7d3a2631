import EventScopeCore

/// One broker decision the demo world audits, before it is written in an audit format.
struct DemoDecision: Sendable {
    /// The Kafka request behind the decision.
    enum Request: Sendable {
        case produce
        case fetch

        var aclOperation: String { self == .produce ? "WRITE" : "READ" }
        var confluentOperation: String { self == .produce ? "Write" : "Read" }
        var confluentMethod: String { self == .produce ? "kafka.Produce" : "kafka.FetchConsumer" }
        var apiKey: String { self == .produce ? "Produce" : "Fetch" }
        var redpandaOperation: String { self == .produce ? "produce" : "fetch" }
        /// OCSF API Activity: produce is an update (3), fetch a read (2).
        var ocsfActivity: Int64 { self == .produce ? 3 : 2 }
    }

    var actor: DemoActor
    var request: Request
    var topic: String
    var granted: Bool
    /// When the broker decided, epoch ms.
    var timeMs: Int64
    /// How many identical decisions this stands for (Redpanda merges repeats in a window).
    var count: Int64 = 1
    /// The last merged decision's time when `count > 1`.
    var endMs: Int64?
    /// The broker that decided (1...3).
    var brokerId: Int32 = 1
}
