/// Interns names that repeat across many events (types, topics, principals, services) into
/// small integer ids, so a trace node stores four `Int32`s instead of four strings.
///
/// The table never shrinks (chain eviction does not know which names are still shared), so it is
/// capped: past `capacity` distinct names every new name maps to `overflowId` and is counted.
/// Names are cut to `maxNameBytes` so one hostile value cannot pin a large allocation.
struct TraceStringTable {
    static let absentId: Int32 = -1
    static let overflowId: Int32 = -2
    static let overflowName = "(name table full)"
    static let maxNameBytes = 256

    let capacity: Int
    private(set) var names: [String] = []
    private(set) var overflowCount = 0
    private var ids: [String: Int32] = [:]

    /// A name recently looked up: the two words of its `String` value and its id.
    private struct Recent {
        var first: UInt64
        var second: UInt64
        var id: Int32
    }

    // Events repeat a few topics, types and producers over and over, and the decoder hands the
    // same interned `String` for each, so a small cache keyed by the string value's own two words
    // (its storage reference, or a small string's bytes) answers them without reading the name's
    // bytes: locating a slot by length and bytes walked `String.Index`es, a tenth of an insert.
    // Equal words mean an equal name only while that storage stays alive, so the cache also holds
    // the names themselves. Two adjacent slots per location, so two hot names that land together
    // do not evict each other on every event.
    private static let recentSlots = 128
    private static let wordsCoverString = MemoryLayout<String>.size == 2 * MemoryLayout<UInt64>.size
    private var recent = [Recent](repeating: Recent(first: 0, second: 0, id: absentId), count: recentSlots)
    private var recentNames = [String?](repeating: nil, count: recentSlots)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The id of a name, interning it when new; `absentId` for nil.
    mutating func id(for name: String?) -> Int32 {
        guard let name else { return Self.absentId }
        guard Self.wordsCoverString else { return internedId(for: name) }
        let words = withUnsafeBytes(of: name) { ($0.load(fromByteOffset: 0, as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        var mixed = (words.0 ^ 0x5851_F42D_4C95_7F2D) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ words.1) &* 0xC2B2_AE3D_27D4_EB4F
        let slot = Int(truncatingIfNeeded: mixed >> 57) & (Self.recentSlots - 2)
        // A filled slot has an id other than `absentId`; the words of a live String are never both zero.
        if recent[slot].first == words.0, recent[slot].second == words.1, recent[slot].id != Self.absentId { return recent[slot].id }
        if recent[slot + 1].first == words.0, recent[slot + 1].second == words.1, recent[slot + 1].id != Self.absentId {
            return recent[slot + 1].id
        }
        let id = internedId(for: name)
        guard id != Self.overflowId else { return id }
        // The newcomer takes the first slot and the name there moves to the second.
        recent[slot + 1] = recent[slot]
        recentNames[slot + 1] = recentNames[slot]
        recent[slot] = Recent(first: words.0, second: words.1, id: id)
        recentNames[slot] = name
        return id
    }

    /// The id of a name through the dictionary, interning it when new.
    private mutating func internedId(for name: String) -> Int32 {
        if let known = ids[name] { return known }
        guard names.count < capacity else {
            overflowCount += 1
            return Self.overflowId
        }
        let stored =
            name.utf8.count > Self.maxNameBytes
            ? String(decoding: name.utf8.prefix(Self.maxNameBytes), as: UTF8.self) : name
        if stored != name, let known = ids[stored] { return known }
        let id = Int32(names.count)
        names.append(stored)
        ids[stored] = id
        return id
    }

    /// The id of a name already interned, without interning it.
    func existingId(for name: String) -> Int32? {
        ids[name]
    }

    /// The name behind an id, nil for `absentId`.
    func name(_ id: Int32) -> String? {
        if id >= 0, Int(id) < names.count { return names[Int(id)] }
        return id == Self.overflowId ? Self.overflowName : nil
    }
}
