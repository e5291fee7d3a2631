/// Counts per key with a cap on distinct keys; keys beyond the cap are tallied as "other".
///
/// Used for small breakdowns (types on a topic, producers of a type) that must stay bounded
/// even when an attacker sprays distinct names.
public struct BoundedCounter: Sendable {
    public let maxKeys: Int
    public private(set) var counts: [String: UInt64] = [:]
    /// Occurrences whose key did not fit under the cap.
    public private(set) var other: UInt64 = 0

    public init(maxKeys: Int) {
        self.maxKeys = maxKeys
    }

    public mutating func add(_ key: String, _ amount: UInt64 = 1) {
        // One hash lookup for a known key (get-then-set hashed it twice): several counters
        // are updated per ingested event.
        if let index = counts.index(forKey: key) {
            counts.values[index] &+= amount
        } else if counts.count < maxKeys {
            counts[key] = amount
        } else {
            other &+= amount
        }
    }

    public var distinct: Int { counts.count }

    /// Keys by descending count (ties by name), for display.
    public func top(_ limit: Int) -> [(key: String, count: UInt64)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { (key: $0.key, count: $0.value) }
    }
}
