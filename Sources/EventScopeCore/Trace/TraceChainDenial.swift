/// A denied publish that a chain's `denied` status rests on: the decision, the hop it is tied
/// to, and why that hop.
///
/// Audit decisions carry no trace context, so the tie is by principal, kind of event and time,
/// never by the record itself: the operator is shown the reasoning so it can be judged. The
/// denied principal is the one expected to continue the hop — it has been seen continuing events
/// of the hop's type on the hop's topic — it never continued this one, and it was denied within
/// the idle timeout after the hop.
public struct TraceChainDenial: Sendable, Equatable {
    /// The principal the broker denied.
    public var principal: String
    /// When the publish was denied.
    public var timeMs: Int64
    /// The topic it was denied writing to, when the decision names one.
    public var deniedTopic: String?
    /// The hop the denial is tied to.
    public var hopType: String?
    public var hopTopic: String
    public var hopPartition: Int32
    public var hopOffset: Int64
    public var hopTimeMs: Int64

    /// One line saying why the denial belongs to the chain.
    public var explanation: String {
        let hop = "\(hopType ?? "event") \(hopTopic)/\(hopPartition)@\(hopOffset)"
        return "\(principal) continues \(hopType ?? "untyped") events on \(hopTopic) but never continued hop \(hop); "
            + "denied \(max(0, timeMs - hopTimeMs)) ms after it"
    }
}
