/// An open-addressing hash table from a key's 32-bit hash to a slot index, for the trace
/// index's hot lookup of chains by id.
///
/// The keys themselves are not stored: the chain the value points at already holds its key, so
/// a lookup compares hashes and asks the caller to confirm a candidate only when the hash
/// matches. An entry is 8 bytes instead of the 24 a stored key took, so the table of a full
/// index (50,000 chains, entries up to twice that) takes 2 MB and far more of it stays in the CPU caches. Hashes mix the
/// key with a per-process random seed, so ids chosen on the wire cannot be made to collide on
/// purpose. Linear probing, at most 5/8 full (a miss probes about 4 entries, one cache line).
/// Entries are never removed one by one: the index leaves those of evicted chains in place (its
/// confirmation rejects them) and rebuilds the table when it holds twice its cap.
struct TraceFingerprintTable {
    private struct Entry {
        var hash: UInt32
        /// The stored value, or `empty`; values are slot indices, never negative.
        var value: Int32
    }

    private static let empty: Int32 = -1
    private var entries: [Entry]
    private var mask: Int
    private let seed: UInt64
    private(set) var count = 0

    init() {
        entries = Array(repeating: Entry(hash: 0, value: Self.empty), count: 16)
        mask = 15
        seed = UInt64.random(in: 0...UInt64.max) | 1
    }

    // MARK: Hashes of the index's keys

    /// The hash of a trace, span, event or correlation id.
    func hash(_ id: TraceIdentifier) -> UInt32 {
        switch id {
        case .hex(let high, let low, let shape):
            return mix(high ^ UInt64(shape) << 56, low)
        case .text(let text):
            var hasher = Hasher()
            hasher.combine(text)
            return mix(UInt64(bitPattern: Int64(hasher.finalize())), 0x7E47)
        }
    }

    @inline(__always)
    private func mix(_ a: UInt64, _ b: UInt64) -> UInt32 {
        var hash = (a ^ seed) &* 0x9E37_79B9_7F4A_7C15
        hash ^= b &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 29
        hash = hash &* 0x1656_67B1_9E37_79F9
        hash ^= hash >> 32
        return UInt32(truncatingIfNeeded: hash)
    }

    // MARK: Operations

    /// The first value stored under `hash` that `matches` confirms, or nil.
    @inline(__always)
    func value(hash: UInt32, where matches: (Int32) -> Bool) -> Int32? {
        var index = Int(hash) & mask
        while true {
            let entry = entries[index]
            if entry.value == Self.empty { return nil }
            if entry.hash == hash, matches(entry.value) { return entry.value }
            index = (index + 1) & mask
        }
    }

    /// The hash stored in the first slot a lookup of `hash` probes: reading it brings that
    /// slot's cache line in. Callers touch the slots of several keys back to back, so their
    /// cache misses overlap instead of each stalling its own insert.
    @inline(__always)
    func firstProbe(hash: UInt32) -> UInt32 {
        entries[Int(hash) & mask].hash
    }

    /// Stores `value` under `hash`; the caller has checked that its key is not present.
    mutating func insert(hash: UInt32, value: Int32) {
        if (count + 1) * 8 > entries.count * 5 { grow() }
        var index = Int(hash) & mask
        while entries[index].value != Self.empty { index = (index + 1) & mask }
        entries[index] = Entry(hash: hash, value: value)
        count += 1
    }

    /// Empties the table, keeping its capacity.
    mutating func removeAll() {
        for index in entries.indices { entries[index].value = Self.empty }
        count = 0
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(hash: 0, value: Self.empty), count: old.count * 2)
        mask = entries.count - 1
        for entry in old where entry.value != Self.empty {
            var index = Int(entry.hash) & mask
            while entries[index].value != Self.empty { index = (index + 1) & mask }
            entries[index] = entry
        }
    }
}
