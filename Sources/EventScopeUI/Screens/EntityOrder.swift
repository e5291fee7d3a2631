import EventScopeCore

/// Orders entity lists (topics, event types, principals) by up to two numbers, largest first,
/// then by name, A to Z (by code points, see `NameOrderKey`), a window of ranks at a time.
///
/// A list frame orders every entity it holds (10,000 with a cap full) but shows a screenful.
/// Keys are plain values read once per entity: numbers as order-preserving bit patterns and the
/// name's `NameOrderKey`, computed when the entity was created; names themselves are compared
/// only when their keys cannot tell. The ranks a frame shows are found by selection (linear)
/// and only they are sorted. With every cap full, sorting all keys and reading every entity's
/// whole stats made these frames 1.5-2.9 ms (mean; 2.3-4.1 ms p99) in `bench render`.
public struct EntityOrder {
    private struct Key {
        var first: UInt64
        var second: UInt64
        var name: NameOrderKey
    }

    private var keys: [Key] = []

    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
    }

    /// Adds the next entity (its index is the number added before it).
    public mutating func add(name: NameOrderKey, first: UInt64, second: UInt64 = 0) {
        keys.append(Key(first: first, second: second, name: name))
    }

    /// The indices of the entities ranked `ranks` (0 is the first), in order. `name` gives an
    /// entity's name by index; it is asked only for names whose keys cannot tell them apart.
    public func indices(ranked ranks: Range<Int>, name: (Int) -> String) -> [Int] {
        let ranks = ranks.clamped(to: 0..<keys.count)
        guard !ranks.isEmpty else { return [] }
        // Selecting and sorting 4-byte indices moves less than moving the keys themselves.
        var order = (0..<Int32(truncatingIfNeeded: keys.count)).map { $0 }
        keys.withUnsafeBufferPointer { keys in
            func precedes(_ i: Int32, _ j: Int32) -> Bool { Self.precedes(Int(i), Int(j), keys, name) }
            order.withUnsafeMutableBufferPointer { order in
                // The first `upperBound` ranks to the front, then the window's start within them.
                Quickselect.select(rank: ranks.upperBound - 1, in: order, low: 0, high: order.count - 1, by: precedes)
                Quickselect.select(rank: ranks.lowerBound, in: order, low: 0, high: ranks.upperBound - 1, by: precedes)
                var window = UnsafeMutableBufferPointer(rebasing: order[ranks])
                window.sort(by: precedes)
            }
        }
        return order[ranks].map { Int($0) }
    }

    /// The rank of entity `index`: how many entities precede it. One pass over the keys, so
    /// finding where a selected item moved costs the same as ranking one window.
    public func rank(of index: Int, name: (Int) -> String) -> Int {
        keys.withUnsafeBufferPointer { keys in
            var rank = 0
            for other in keys.indices where other != index && Self.precedes(other, index, keys, name) { rank += 1 }
            return rank
        }
    }

    @inline(__always)
    private static func precedes(_ i: Int, _ j: Int, _ keys: UnsafeBufferPointer<Key>, _ name: (Int) -> String) -> Bool {
        let a = keys[i]
        let b = keys[j]
        if a.first != b.first { return a.first > b.first }
        if a.second != b.second { return a.second > b.second }
        return a.name.precedes(b.name) ?? NameOrderKey.precedes(name(i), name(j))
    }

    /// The entities of `table` that `key` gives numbers for (nil leaves one out), ranked by
    /// those numbers and then by name; the ranking orders a window of ranks when a row in it is
    /// first asked for.
    ///
    /// `key` reads an entity through a pointer into the table, which loads only the fields it
    /// reads: passing the stats by value copied the whole struct, retaining each of its arrays
    /// and strings — a cache miss apiece, most of a frame with 10,000 entities.
    @inline(__always)
    public static func ranking<Stats>(
        of table: EntityTable<Stats>, key: (UnsafePointer<Stats>) -> (first: UInt64, second: UInt64)?
    ) -> EntityRanking {
        var positions: [Int] = []
        positions.reserveCapacity(table.count)
        var order = EntityOrder(capacity: table.count)
        table.withStats { stats in
            guard let base = stats.baseAddress else { return }
            for position in stats.indices {
                guard let numbers = key(base + position) else { continue }
                order.add(name: stats[position].nameKey, first: numbers.first, second: numbers.second)
                positions.append(position)
            }
        }
        return EntityRanking(order: order, positions: positions) { index in
            table.withStats { $0[positions[index]].name }
        }
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
}
