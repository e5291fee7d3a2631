import CPrefetch

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
///
/// A class over raw storage rather than a struct over an array: the index reads it several
/// times per event, and each read of an array held in a class's stored struct retained and
/// released the array, atomic operations that also waited for the read's cache miss.
final class TraceFingerprintTable {
    private struct Entry {
        var hash: UInt32
        /// The stored value, or `empty`; values are slot indices, never negative.
        var value: Int32
    }

    private static let empty: Int32 = -1
    private var entries: UnsafeMutablePointer<Entry>
    /// Entries allocated, a power of two; `mask` is one less.
    private var capacity: Int
    private var mask: Int
    private let seed: UInt64
    private(set) var count = 0

    init() {
        capacity = 16
        mask = 15
        entries = Self.allocateEmpty(capacity: 16)
        seed = UInt64.random(in: 0...UInt64.max) | 1
    }

    deinit {
        entries.deallocate()
    }

    private static func allocateEmpty(capacity: Int) -> UnsafeMutablePointer<Entry> {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        entries.initialize(repeating: Entry(hash: 0, value: empty), count: capacity)
        return entries
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

    /// Starts bringing the first slot a lookup of `hash` probes into the cache. Callers prefetch
    /// the slots of several keys back to back, so their cache misses overlap instead of each
    /// stalling its own insert.
    @inline(__always)
    func prefetch(hash: UInt32) {
        evscope_prefetch_write(entries + (Int(hash) & mask))
    }

    /// Stores `value` under `hash`; the caller has checked that its key is not present.
    func insert(hash: UInt32, value: Int32) {
        if (count + 1) * 8 > capacity * 5 { grow() }
        var index = Int(hash) & mask
        while entries[index].value != Self.empty { index = (index + 1) & mask }
        entries[index] = Entry(hash: hash, value: value)
        count += 1
    }

    /// Empties the table, keeping its capacity.
    func removeAll() {
        for index in 0..<capacity { entries[index].value = Self.empty }
        count = 0
    }

    private func grow() {
        let old = entries
        let oldCapacity = capacity
        capacity *= 2
        mask = capacity - 1
        entries = Self.allocateEmpty(capacity: capacity)
        for oldIndex in 0..<oldCapacity where old[oldIndex].value != Self.empty {
            let entry = old[oldIndex]
            var index = Int(entry.hash) & mask
            while entries[index].value != Self.empty { index = (index + 1) & mask }
            entries[index] = entry
        }
        old.deallocate()
    }
}
