/// One record an agent writes to its rollup topic: the key picks the partition (a trace id
/// keeps all hops of a chain in one partition), the value is compact versioned JSON.
public struct RollupMessage: Sendable, Equatable {
    public var key: [UInt8]
    public var value: [UInt8]

    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }

    /// The format version every value carries as `"v"`; readers skip values of other versions.
    public static let version = 1

    /// The kinds of value, each named by its `"kind"`.
    public enum Kind: String, Sendable, CaseIterable {
        /// Per-interval event counts per topic, type and declared source; allowed decisions per
        /// principal; finding occurrences per rule.
        case counters
        /// Every denied decision of the interval, in full.
        case denied
        /// Findings raised or updated in the interval, with how many occurrences are new.
        case findings
        /// The trace hops of one chain seen in the interval.
        case hops
    }
}
