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
    // Events repeat a few topics, types and producers over and over; a small direct-mapped cache
    // of recent names in front of the dictionary answers those with one string comparison (usually
    // of two references to the same interned string) instead of hashing the name.
    private static let recentSlots = 64
    private var recentNames = [String?](repeating: nil, count: recentSlots)
    private var recentIds = [Int32](repeating: absentId, count: recentSlots)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The id of a name, interning it when new; `absentId` for nil.
    mutating func id(for name: String?) -> Int32 {
        guard let name else { return Self.absentId }
        let slot = NameSlot.index(of: name, slotCount: Self.recentSlots)
        if let recent = recentNames[slot], recent == name { return recentIds[slot] }
        let id: Int32
        if let known = ids[name] {
            id = known
        } else if names.count < capacity {
            let stored = name.utf8.count > Self.maxNameBytes
                ? String(decoding: name.utf8.prefix(Self.maxNameBytes), as: UTF8.self) : name
            if stored != name, let known = ids[stored] {
                id = known
            } else {
                id = Int32(names.count)
                names.append(stored)
                ids[stored] = id
            }
        } else {
            overflowCount += 1
            return Self.overflowId
        }
        recentNames[slot] = name
        recentIds[slot] = id
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
