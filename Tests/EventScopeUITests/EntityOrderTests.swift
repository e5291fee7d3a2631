import EventScopeCore
import Testing
@testable import EventScopeUI

@Suite("EntityOrder")
struct EntityOrderTests {
    private struct Entity {
        let name: String
        let first: UInt64
        let second: UInt64
    }

    /// The order the screens used to compute: numbers largest first, then `String` order.
    private func reference(_ entities: [Entity]) -> [Int] {
        entities.indices.sorted { i, j in
            let a = entities[i], b = entities[j]
            if a.first != b.first { return a.first > b.first }
            if a.second != b.second { return a.second > b.second }
            return a.name < b.name
        }
    }

    private func ordered(_ entities: [Entity]) -> [Int] {
        var order = EntityOrder()
        for entity in entities { order.add(name: entity.name, first: entity.first, second: entity.second) }
        return order.sortedIndices()
    }

    @Test("the same order as comparing numbers then names directly", arguments: [1, 2, 3, 4, 5])
    func matchesDirectComparison(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // Names sharing long prefixes, shorter than, exactly and longer than sixteen bytes, with
        // NUL and non-ASCII bytes (composed and decomposed accents, emoji), numbers mostly tied.
        let stems = ["", "a", "bench.topic-", "com.example.orders.", "com.example.orders.created", "é", "e\u{301}", "Z", "🙂", "a\u{0}", "ab\u{0}c"]
        var names = Set<String>()
        while names.count < 600 {
            let stem = stems[Int(random.next() % UInt64(stems.count))]
            names.insert(stem + String(random.next() % 500) + (random.next() % 4 == 0 ? stems[Int(random.next() % UInt64(stems.count))] : ""))
        }
        let entities = names.map { Entity(name: $0, first: random.next() % 3, second: random.next() % 2) }
        #expect(ordered(entities) == reference(entities))
    }

    @Test("numeric keys keep the order of the numbers", arguments: [
        [-1.5, 0, 2.5, 1e300, -1e300, 0.000_1], [3, 2, 1, 0],
    ])
    func doubleKeysOrder(values: [Double]) {
        let keys = values.map(EntityOrder.key)
        for (a, b) in zip(values.indices, values.indices.dropFirst()) {
            #expect((values[a] < values[b]) == (keys[a] < keys[b]))
        }
        #expect(EntityOrder.key(Int64(-5)) < EntityOrder.key(Int64(0)))
        #expect(EntityOrder.key(Int64(0)) < EntityOrder.key(Int64.max))
        #expect(EntityOrder.key(Int64.min) < EntityOrder.key(Int64(-5)))
    }

    @Test("an empty list orders to nothing")
    func empty() {
        #expect(EntityOrder().sortedIndices().isEmpty)
    }
}
