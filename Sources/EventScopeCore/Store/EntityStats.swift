/// Statistics of one store entity (topic, event type, principal): named, and remembering when
/// it was last seen.
///
/// A protocol rather than key paths: the store updates `lastSeenMs` on every event, and a key
/// path literal is instantiated and applied through the runtime at each call.
public protocol EntityStats {
    var name: String { get }
    /// `name`'s place in A-to-Z order, computed once.
    var nameKey: NameOrderKey { get }
    var lastSeenMs: Int64 { get set }
    var firstSeenMs: Int64 { get }
}

extension TopicStats: EntityStats {}
extension EventTypeStats: EntityStats {}
extension PrincipalStats: EntityStats {}
