/// Who consumes which topics, as far as the trace index is told (policy, audit READ decisions).
///
/// Asked two ways: `consumes` for one principal and topic (picking inferred parents, on every
/// insert that needs one), and as an enumeration — the topics a principal is known to consume,
/// plus the topics anyone may consume — to find the principals expected to continue a chain:
/// asked pair by pair, for every denial against every chain, that cost a Traces frame 18 ms in
/// a denial flood (see `TraceIndex.DeniedPublishWindows`). Both ways must describe the same
/// relation: `consumes(p, t)` exactly when `t` is among `topicsConsumed(p)` or `isOpen(t)`.
public struct TraceConsumers {
    public var consumes: (_ principal: String, _ topic: String) -> Bool
    public var topicsConsumed: (_ principal: String) -> [String]
    /// Whether any principal may consume the topic.
    public var isOpen: (_ topic: String) -> Bool

    public init(
        consumes: @escaping (_ principal: String, _ topic: String) -> Bool,
        topicsConsumed: @escaping (_ principal: String) -> [String],
        isOpen: @escaping (_ topic: String) -> Bool
    ) {
        self.consumes = consumes
        self.topicsConsumed = topicsConsumed
        self.isOpen = isOpen
    }

    /// A fixed relation: the given principal-topic pairs, and topics anyone may consume.
    public init(pairs: [(principal: String, topic: String)], openTopics: Set<String> = []) {
        var topicsByPrincipal: [String: Set<String>] = [:]
        for pair in pairs { topicsByPrincipal[pair.principal, default: []].insert(pair.topic) }
        self.init(
            consumes: { principal, topic in openTopics.contains(topic) || topicsByPrincipal[principal]?.contains(topic) == true },
            topicsConsumed: { topicsByPrincipal[$0].map(Array.init) ?? [] },
            isOpen: { openTopics.contains($0) })
    }

    /// Nobody is known to consume anything.
    public static var none: TraceConsumers { TraceConsumers(pairs: []) }
}
