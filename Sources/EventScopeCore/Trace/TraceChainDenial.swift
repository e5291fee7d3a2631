/// A denied publish that a chain's `denied` status rests on: the decision, the hop it is tied
/// to, and why that hop.
///
/// Audit decisions carry no trace context, so the tie is by principal and time, never by the
/// record itself: the operator is shown the reasoning so it can be judged.
public struct TraceChainDenial: Sendable, Equatable {
    /// How the denied principal is tied to the chain.
    public enum Relation: String, Sendable, Equatable {
        /// The denied principal produced this hop of the chain.
        case producedHop = "produced-hop"
        /// The denied principal consumes the hop's topic (from the policy's consumers of its
        /// event types, or from audit READ decisions) and has not continued the hop, so it is the
        /// one expected to continue it.
        case expectedToContinue = "expected-to-continue"
    }

    /// The principal the broker denied.
    public var principal: String
    /// When the publish was denied.
    public var timeMs: Int64
    /// The topic it was denied writing to, when the decision names one.
    public var deniedTopic: String?
    public var relation: Relation
    /// The hop the denial is tied to.
    public var hopType: String?
    public var hopTopic: String
    public var hopPartition: Int32
    public var hopOffset: Int64
    public var hopTimeMs: Int64

    /// One line saying what was denied and why it belongs to the chain.
    public var explanation: String {
        let hop = "\(hopType ?? "event") \(hopTopic)/\(hopPartition)@\(hopOffset)"
        switch relation {
        case .producedHop: return "\(principal) produced hop \(hop) of this chain"
        case .expectedToContinue: return "\(principal) consumes \(hopTopic) and never continued hop \(hop)"
        }
    }
}
