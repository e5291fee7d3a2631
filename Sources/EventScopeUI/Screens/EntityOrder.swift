/// Orders entity lists (topics, event types, principals) by up to two numbers, largest first,
/// then by name, A to Z.
///
/// A list frame orders every entity it shows (10,000 with a cap full). Comparing the entities'
/// own stats structs retained and released each of their fields per comparison, and ties (most
/// entities at the same rate) compared `String`s: 3-8 ms a frame in `bench render` with every cap
/// full. Keys here are plain values: numbers as order-preserving bit patterns, and ASCII names
/// by their first sixteen bytes packed in two words, then byte by byte from a buffer of copies
/// (for ASCII, byte order is the order `String` comparison gives); other names are compared as
/// strings. The order is the one comparing (first, second, name) directly gives.
public struct EntityOrder {
    private struct Key {
        var first: UInt64
        var second: UInt64
        /// The name's first sixteen bytes, big-endian and zero-padded (meaningful for ASCII names).
        var prefixHigh: UInt64
        var prefixLow: UInt64
        /// Where the name's bytes are in `nameBytes`.
        var nameStart: Int32
        var nameCount: Int32
        var asciiName: Bool
    }

    private var keys: [Key] = []
    private var names: [String] = []
    private var nameBytes: [UInt8] = []

    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        names.reserveCapacity(capacity)
        nameBytes.reserveCapacity(capacity * 24)
    }

    /// How many entities were added.
    public var count: Int { keys.count }

    /// Adds the next entity (its index is the number added before it).
    public mutating func add(name: String, first: UInt64, second: UInt64 = 0) {
        var name = name
        let start = nameBytes.count
        let (high, low, ascii) = name.withUTF8 { utf8 -> (UInt64, UInt64, Bool) in
            nameBytes.append(contentsOf: utf8)
            return (Self.pack(utf8, from: 0), Self.pack(utf8, from: 8), !utf8.contains { $0 >= 0x80 })
        }
        keys.append(Key(first: first, second: second, prefixHigh: high, prefixLow: low,
                        nameStart: Int32(truncatingIfNeeded: start), nameCount: Int32(truncatingIfNeeded: nameBytes.count - start),
                        asciiName: ascii))
        names.append(name)
    }

    /// The indices of the added entities, in order.
    public func sortedIndices() -> [Int] {
        // Sorting 4-byte indices moves less than sorting the 48-byte keys themselves.
        var order = (0..<Int32(truncatingIfNeeded: keys.count)).map { $0 }
        keys.withUnsafeBufferPointer { keys in
            names.withUnsafeBufferPointer { names in
                nameBytes.withUnsafeBufferPointer { bytes in
                    order.sort { i, j in
                        let a = keys[Int(i)], b = keys[Int(j)]
                        if a.first != b.first { return a.first > b.first }
                        if a.second != b.second { return a.second > b.second }
                        guard a.asciiName, b.asciiName else { return names[Int(i)] < names[Int(j)] }
                        if a.prefixHigh != b.prefixHigh { return a.prefixHigh < b.prefixHigh }
                        if a.prefixLow != b.prefixLow { return a.prefixLow < b.prefixLow }
                        return Self.bytesPrecede(bytes, a, b)
                    }
                }
            }
        }
        return order.map { Int($0) }
    }

    /// The positions in `entities` of those `addKey` adds to the order (it adds one key, or none
    /// to leave the entity out), ordered by those keys. Each entity's stats are read once: every
    /// read through the dictionary copies the whole struct, retaining each of its fields.
    /// Inlined so `addKey` is too: called through a closure context, it cost up to a third more.
    @inline(__always)
    public static func positions<Stats>(
        in entities: [String: Stats], addKey: (Stats, inout EntityOrder) -> Void
    ) -> [Dictionary<String, Stats>.Index] {
        var positions: [Dictionary<String, Stats>.Index] = []
        positions.reserveCapacity(entities.count)
        var order = EntityOrder(capacity: entities.count)
        for position in entities.indices {
            addKey(entities.values[position], &order)
            if order.count > positions.count { positions.append(position) }
        }
        return order.sortedIndices().map { positions[$0] }
    }

    /// A key that orders doubles (rates) as numbers; NaN sorts with the largest.
    public static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
    }

    /// A key that orders signed integers (times) as numbers.
    public static func key(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: value) ^ (1 << 63)
    }

    /// Eight bytes from `start`, big-endian, zero-padded past the end.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var packed: UInt64 = 0
        for position in start..<(start + 8) {
            packed = packed << 8 | UInt64(position < bytes.count ? bytes[position] : 0)
        }
        return packed
    }

    /// Whether `a`'s name comes before `b`'s, byte by byte (a prefix comes first).
    private static func bytesPrecede(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Key, _ b: Key) -> Bool {
        let common = Int(min(a.nameCount, b.nameCount))
        var x = Int(a.nameStart), y = Int(b.nameStart)
        for _ in 0..<common {
            if bytes[x] != bytes[y] { return bytes[x] < bytes[y] }
            x += 1
            y += 1
        }
        return a.nameCount < b.nameCount
    }
}
