/// Who consumes which topics, as far as the trace index is told (policy, audit READ decisions).
///
/// Asked two ways: `consumes` for one principal and topic (picking inferred parents, on every
/// insert that needs one), and as an enumeration — the topics a principal is known by name to
/// consume — to find the principals expected to continue a chain (see
/// `TraceIndex.DeniedPublishWindows`). `consumes(p, t)` holds for every `t` in
/// `topicsConsumed(p)`, and also for topics anyone may consume; those are left out of the
/// enumeration because "anyone may read it" names nobody in particular as the continuer.
public struct TraceConsumers {
    public var consumes: (_ principal: String, _ topic: String) -> Bool
    public var topicsConsumed: (_ principal: String) -> [String]

    public init(
        consumes: @escaping (_ principal: String, _ topic: String) -> Bool,
        topicsConsumed: @escaping (_ principal: String) -> [String]
    ) {
        self.consumes = consumes
        self.topicsConsumed = topicsConsumed
    }

    /// A fixed relation: the given principal-topic pairs, and topics anyone may consume.
    public init(pairs: [(principal: String, topic: String)], openTopics: Set<String> = []) {
        var topicsByPrincipal: [String: Set<String>] = [:]
        for pair in pairs { topicsByPrincipal[pair.principal, default: []].insert(pair.topic) }
        self.init(
            consumes: { principal, topic in openTopics.contains(topic) || topicsByPrincipal[principal]?.contains(topic) == true },
            topicsConsumed: { topicsByPrincipal[$0].map(Array.init) ?? [] })
    }

    /// Nobody is known to consume anything.
    public static var none: TraceConsumers { TraceConsumers(pairs: []) }
}
