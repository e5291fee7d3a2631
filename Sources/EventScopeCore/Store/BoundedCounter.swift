/// Counts per key with a cap on distinct keys; keys beyond the cap are tallied as "other".
///
/// Used for small breakdowns (types on a topic, producers of a type) that must stay bounded
/// even when an attacker sprays distinct names. Stored as two small arrays searched linearly:
/// with a handful of keys that is as fast as hashing, and tens of thousands of entities each
/// holding several counters cost a fraction of what as many dictionaries would.
public struct BoundedCounter: Sendable {
    public let maxKeys: Int
    public private(set) var keys: [String] = []
    private var values: [UInt64] = []
    /// Occurrences whose key did not fit under the cap.
    public private(set) var other: UInt64 = 0

    public init(maxKeys: Int) {
        self.maxKeys = maxKeys
    }

    public mutating func add(_ key: String, _ amount: UInt64 = 1) {
        if let index = keys.firstIndex(of: key) {
            values[index] &+= amount
        } else if keys.count < maxKeys {
            keys.append(key)
            values.append(amount)
        } else {
            other &+= amount
        }
    }

    public var distinct: Int { keys.count }

    /// The count of one key, or nil when it was never counted under its own name.
    public func count(of key: String) -> UInt64? {
        keys.firstIndex(of: key).map { values[$0] }
    }

    public func contains(_ key: String) -> Bool { keys.contains(key) }

    /// All counts as a dictionary (for display code and reports, not the ingest path).
    public var counts: [String: UInt64] {
        Dictionary(uniqueKeysWithValues: zip(keys, values))
    }

    /// Keys by descending count (ties by name), for display.
    public func top(_ limit: Int) -> [(key: String, count: UInt64)] {
        zip(keys, values).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(limit).map { (key: $0.0, count: $0.1) }
    }
}
