/// An open-addressing hash table from a packed key (two words and a tag) to a slot index,
/// for the trace index's hot lookups (chains by packed id, nodes by record position).
///
/// Every insert costs several lookups, inserts and removals in these tables (a new chain, an
/// evicted one, their record positions); with `Dictionary` the per-operation `Hasher` set-up
/// and finalisation was the largest single cost of an insert. This table hashes with a
/// multiply-xorshift mix instead, seeded per process so ids chosen on the wire cannot be made
/// to collide on purpose, and uses linear probing with backward-shift deletion (no tombstones,
/// so probe lengths stay short however many keys come and go).
struct TraceSlotTable {
    private struct Slot {
        var a: UInt64
        var b: UInt64
        var tag: UInt32
        /// The stored value, or `empty`; values are slot indices, never negative.
        var value: Int32
    }

    private static let empty: Int32 = -1
    private var slots: [Slot]
    private var mask: Int
    private let seed: UInt64
    private(set) var count = 0

    init() {
        slots = Array(repeating: Slot(a: 0, b: 0, tag: 0, value: Self.empty), count: 16)
        mask = 15
        seed = UInt64.random(in: 0...UInt64.max) | 1
    }

    @inline(__always)
    private func home(_ a: UInt64, _ b: UInt64, _ tag: UInt32) -> Int {
        var hash = (a ^ seed) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (b &+ UInt64(tag)) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 29
        hash = hash &* 0x1656_67B1_9E37_79F9
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & mask
    }

    /// The slot holding the key, or nil.
    @inline(__always)
    private func find(_ a: UInt64, _ b: UInt64, _ tag: UInt32) -> Int? {
        var index = home(a, b, tag)
        while true {
            let slot = slots[index]
            if slot.value == Self.empty { return nil }
            if slot.a == a, slot.b == b, slot.tag == tag { return index }
            index = (index + 1) & mask
        }
    }

    func value(_ a: UInt64, _ b: UInt64, _ tag: UInt32) -> Int32? {
        find(a, b, tag).map { slots[$0].value }
    }

    mutating func set(_ a: UInt64, _ b: UInt64, _ tag: UInt32, to value: Int32) {
        if let index = find(a, b, tag) {
            slots[index].value = value
            return
        }
        if (count + 1) * 2 > slots.count { grow() }
        var index = home(a, b, tag)
        while slots[index].value != Self.empty { index = (index + 1) & mask }
        slots[index] = Slot(a: a, b: b, tag: tag, value: value)
        count += 1
    }

    @discardableResult
    mutating func remove(_ a: UInt64, _ b: UInt64, _ tag: UInt32) -> Int32? {
        guard var hole = find(a, b, tag) else { return nil }
        let removed = slots[hole].value
        // Backward shift: move later members of the probe run into the hole when their home
        // position allows, so lookups never need tombstones.
        var next = (hole + 1) & mask
        while slots[next].value != Self.empty {
            let wanted = home(slots[next].a, slots[next].b, slots[next].tag)
            let between = hole <= next ? (wanted > hole && wanted <= next) : (wanted > hole || wanted <= next)
            if !between {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole].value = Self.empty
        count -= 1
        return removed
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(a: 0, b: 0, tag: 0, value: Self.empty), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for slot in old where slot.value != Self.empty {
            var index = home(slot.a, slot.b, slot.tag)
            while slots[index].value != Self.empty { index = (index + 1) & mask }
            slots[index] = slot
            count += 1
        }
    }
}

extension TraceSlotTable {
    /// Record positions as keys (the `nodeByOffset` table).
    subscript(position: TraceOffsetKey) -> Int32? {
        get { value(Self.word(position), UInt64(bitPattern: position.offset), 0) }
        set {
            if let newValue {
                set(Self.word(position), UInt64(bitPattern: position.offset), 0, to: newValue)
            } else {
                remove(Self.word(position), UInt64(bitPattern: position.offset), 0)
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey position: TraceOffsetKey) -> Int32? {
        remove(Self.word(position), UInt64(bitPattern: position.offset), 0)
    }

    private static func word(_ position: TraceOffsetKey) -> UInt64 {
        UInt64(UInt32(bitPattern: position.topic)) << 32 | UInt64(UInt32(bitPattern: position.partition))
    }
}
