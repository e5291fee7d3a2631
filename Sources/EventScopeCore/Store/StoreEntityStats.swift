/// Statistics of one store entity (topic, event type, principal) that remember when it was last seen.
///
/// A protocol rather than a key path: the store updates `lastSeenMs` on every event, and a key
/// path literal is instantiated and applied through the runtime at each call.
protocol StoreEntityStats {
    var lastSeenMs: Int64 { get set }
}

extension TopicStats: StoreEntityStats {}
extension EventTypeStats: StoreEntityStats {}
extension PrincipalStats: StoreEntityStats {}
