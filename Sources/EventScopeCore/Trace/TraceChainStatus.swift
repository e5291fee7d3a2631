/// The state of a trace chain, derived when asked from the time passed in.
///
/// One chain can qualify for several states; the reported one is the first that applies in the
/// order of the cases below, because security-relevant states must not hide behind "complete".
public enum TraceChainStatus: String, Sendable, CaseIterable {
    /// A principal on the chain, or one that consumes a topic the chain ends on (and so was
    /// expected to continue it), had a publish denied within the chain's time window.
    case denied
    /// An event on the chain was marked invalid (malformed, failed its schema).
    case invalid
    /// Idle for the idle timeout with a hop whose declared parent was never seen.
    case broken
    /// Had activity within the idle timeout; more hops may still arrive.
    case open
    /// Idle for the idle timeout and every declared parent resolved.
    case complete
}
