/// One kind of entity (topics, event types or principals): every entity's stats side by side
/// in one array, found by name through an index of positions.
///
/// Why not a dictionary of stats: list screens read two or three fields of every entity on
/// every frame (10,000 with a cap full), and reading a dictionary's value through its getter
/// copied the whole struct whenever the optimiser did not inline the getter, retaining each of
/// its arrays and strings — a cache miss apiece, milliseconds a frame. Here `withStats` lends
/// the array itself, and a field read through a pointer into it loads that field only.
public struct EntityTable<Stats: EntityStats>: RandomAccessCollection {
    private var positions: [String: Int] = [:]
    private var stats = ContiguousArray<Stats>()

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { stats.count }

    /// The stats at a position (positions change when entities are evicted).
    public subscript(position: Int) -> Stats { stats[position] }

    /// The stats of the entity called `name`, if it is held.
    public subscript(name: String) -> Stats? {
        positions[name].map { stats[$0] }
    }

    /// Where the entity called `name` is held, if it is.
    public func position(of name: String) -> Int? { positions[name] }

    /// The names of the entities held, in no particular order.
    public var names: [String] { stats.map(\.name) }

    /// Lends the stats in place, for code that reads a few fields of every entity.
    public func withStats<Result>(_ body: (UnsafeBufferPointer<Stats>) throws -> Result) rethrows -> Result {
        try stats.withUnsafeBufferPointer(body)
    }

    /// Changes the entity called `name` in place, creating it with `make` (after evicting the
    /// least recently seen tenth when `cap` entities are held) when it is new, and marks it
    /// seen at `nowMs`. Returns how many entities were evicted.
    @inline(__always)
    mutating func update(
        _ name: String, nowMs: Int64, cap: Int, make: () -> Stats, _ change: (inout Stats) -> Void
    ) -> UInt64 {
        if let position = positions[name] {
            change(&stats[position])
            stats[position].lastSeenMs = nowMs
            return 0
        }
        let evicted = stats.count >= cap ? evictOldest() : 0
        var value = make()
        change(&value)
        value.lastSeenMs = nowMs
        positions[name] = stats.count
        stats.append(value)
        return evicted
    }

    /// Removes the least recently seen tenth and returns how many went.
    ///
    /// Evicting in bulk keeps the cost amortised O(1) per new name even when an attacker sprays
    /// distinct names; evicting one at a time would cost a full scan per new name. A selection
    /// finds the oldest tenth in linear time, and each victim's place is filled from the end,
    /// so only the names of the victims and of the entities moved are hashed again.
    private mutating func evictOldest() -> UInt64 {
        let victimCount = Swift.max(1, stats.count / 10)
        var candidates = stats.indices.map { (seen: stats[$0].lastSeenMs, position: $0) }
        candidates.withUnsafeMutableBufferPointer { candidates in
            Quickselect.select(rank: victimCount - 1, in: candidates, low: 0, high: candidates.count - 1) { $0.seen < $1.seen }
        }
        // From the highest position down, so the entity moved into each hole is never a victim.
        let victims = candidates.prefix(victimCount).map(\.position).sorted(by: >)
        for victim in victims {
            positions.removeValue(forKey: stats[victim].name)
            let last = stats.count - 1
            if victim != last {
                stats.swapAt(victim, last)
                positions[stats[victim].name] = victim
            }
            stats.removeLast()
        }
        return UInt64(victims.count)
    }
}

extension EntityTable: Sendable where Stats: Sendable {}
