/// Who consumes which topics, as far as the trace index is told (policy, audit READ decisions):
/// asked for one principal and topic when picking an inferred parent, on every insert that
/// needs one.
public struct TraceConsumers {
    public var consumes: (_ principal: String, _ topic: String) -> Bool

    public init(consumes: @escaping (_ principal: String, _ topic: String) -> Bool) {
        self.consumes = consumes
    }

    /// A fixed relation: the given principal-topic pairs, and topics anyone may consume.
    public init(pairs: [(principal: String, topic: String)], openTopics: Set<String> = []) {
        var topicsByPrincipal: [String: Set<String>] = [:]
        for pair in pairs { topicsByPrincipal[pair.principal, default: []].insert(pair.topic) }
        self.init(consumes: { principal, topic in openTopics.contains(topic) || topicsByPrincipal[principal]?.contains(topic) == true })
    }

    /// Nobody is known to consume anything.
    public static var none: TraceConsumers { TraceConsumers(pairs: []) }
}
