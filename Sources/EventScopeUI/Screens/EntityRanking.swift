/// Entities by rank, ordered a window at a time around the ranks asked for: a frame asks for
/// the rows it shows, in order, and a window covers them with one selection.
///
/// A class so the row formatter of a `ListModel` can keep the window it ordered.
public final class EntityRanking {
    /// Ranks ordered on each side of the one asked for, when it is outside the current window.
    static let reach = 256

    private let order: EntityOrder
    private let positions: [Int]
    private let name: (Int) -> String
    private var window = 0..<0
    private var ranked: [Int] = []

    init(order: EntityOrder, positions: [Int], name: @escaping (Int) -> String) {
        self.order = order
        self.positions = positions
        self.name = name
    }

    /// How many entities are ranked.
    public var count: Int { positions.count }

    /// The position in its table of the entity ranked `rank` (0 is the first).
    public subscript(rank: Int) -> Int {
        if !window.contains(rank) {
            window = max(0, rank - Self.reach)..<min(count, rank + Self.reach)
            ranked = order.indices(ranked: window, name: name)
        }
        return positions[ranked[rank - window.lowerBound]]
    }

    /// The rank of the entity at table position `position`, or nil when it is not ranked (a
    /// filter left it out).
    public func rank(ofPosition position: Int) -> Int? {
        // Positions were added in table order, so they are ascending.
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        guard low < positions.count, positions[low] == position else { return nil }
        if let offset = ranked.firstIndex(of: low) { return window.lowerBound + offset }
        return order.rank(of: low, name: name)
    }

    /// The positions of the first `limit` entities, in order.
    public func first(_ limit: Int) -> [Int] {
        order.indices(ranked: 0..<max(0, min(limit, count)), name: name).map { positions[$0] }
    }
}
