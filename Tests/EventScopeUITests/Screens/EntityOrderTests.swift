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

    /// Numbers largest first, then names by their UTF-8 bytes, compared directly.
    private func reference(_ entities: [Entity]) -> [Int] {
        entities.indices.sorted { i, j in
            let a = entities[i]
            let b = entities[j]
            if a.first != b.first { return a.first > b.first }
            if a.second != b.second { return a.second > b.second }
            return Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8))
        }
    }

    private func order(_ entities: [Entity]) -> EntityOrder {
        var order = EntityOrder()
        for entity in entities { order.add(name: NameOrderKey(entity.name), first: entity.first, second: entity.second) }
        return order
    }

    private func ordered(_ entities: [Entity]) -> [Int] {
        order(entities).indices(ranked: 0..<entities.count) { entities[$0].name }
    }

    /// Names sharing long prefixes, shorter than, exactly and longer than sixteen bytes, with
    /// NUL and non-ASCII bytes (composed and decomposed accents, emoji), numbers mostly tied.
    private func entities(count: Int, seed: UInt64) -> [Entity] {
        var random = SplitMix64(seed: seed)
        let stems = [
            "", "a", "bench.topic-", "com.example.orders.", "com.example.orders.created", "é", "e\u{301}", "Z", "🙂", "a\u{0}", "ab\u{0}c", "abcdefghijklmnop",
        ]
        var names = Set<String>()
        while names.count < count {
            let stem = stems[Int(random.next() % UInt64(stems.count))]
            names.insert(stem + String(random.next() % 500) + (random.next() % 4 == 0 ? stems[Int(random.next() % UInt64(stems.count))] : ""))
        }
        return names.sorted().shuffled(using: &random).map { Entity(name: $0, first: random.next() % 3, second: random.next() % 2) }
    }

    @Test("the same order as comparing numbers then names directly", arguments: [1, 2, 3, 4, 5])
    func matchesDirectComparison(seed: UInt64) {
        let entities = entities(count: 600, seed: seed)
        #expect(ordered(entities) == reference(entities))
    }

    @Test("any window of ranks holds what the full order holds there", arguments: [6, 7, 8])
    func windowsMatchTheFullOrder(seed: UInt64) {
        let entities = entities(count: 700, seed: seed)
        let expected = reference(entities)
        let order = order(entities)
        var random = SplitMix64(seed: seed)
        for _ in 0..<40 {
            let start = Int(random.next() % 720)
            let length = Int(random.next() % 80)
            let window = start..<(start + length)
            let clamped = window.clamped(to: 0..<entities.count)
            #expect(order.indices(ranked: window) { entities[$0].name } == Array(expected[clamped]), "ranks \(window)")
        }
    }

    @Test("a ranking answers ranks asked in any order, across its windows")
    func rankingAcrossWindows() {
        let entities = entities(count: 1_500, seed: 9)
        let expected = reference(entities)
        let byName = Dictionary(uniqueKeysWithValues: entities.map { ($0.name, $0) })
        let store = Store()
        for (offset, entity) in entities.enumerated() {
            let event = Event(
                topic: entity.name, partition: 0, offset: Int64(offset), timeMs: nil, type: "T", id: nil, source: nil, format: .envelope, bytes: 1)
            store.ingest(event, record: Record(topic: entity.name), nowMs: 1_000)
        }
        let stats = store.topics
        #expect(stats.count == entities.count)
        let ranking = EntityOrder.ranking(of: stats) { t in (byName[t.pointee.name]!.first, byName[t.pointee.name]!.second) }
        #expect(ranking.count == entities.count)
        let asked = Array(0..<60) + Array((0..<1_500).reversed()) + [1_499, 0, 700, 3, 1_200, 256, 257, 255]
        for rank in asked {
            #expect(stats[ranking[rank]].name == entities[expected[rank]].name, "rank \(rank)")
        }
        #expect(ranking.first(5).map { stats[$0].name } == expected.prefix(5).map { entities[$0].name })
        // Where an entity ranks, found from its name, inside and outside the window last ordered.
        for rank in [0, 1, 300, 1_100, 1_498, 1_499, 3, 255] {
            let name = entities[expected[rank]].name
            #expect(stats.position(of: name).flatMap(ranking.rank(ofPosition:)) == rank, "\(name) at rank \(rank)")
        }
        let leftOut = EntityOrder.ranking(of: stats) { t in byName[t.pointee.name]!.first == 0 ? nil : (0, 0) }
        #expect(leftOut.count == entities.filter { $0.first != 0 }.count)
        let outside = entities.first { $0.first == 0 }!.name
        #expect(stats.position(of: outside).flatMap(leftOut.rank(ofPosition:)) == nil)
    }

    @Test(
        "numeric keys keep the order of the numbers",
        arguments: [
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
        #expect(EntityOrder().indices(ranked: 0..<10) { _ in "" }.isEmpty)
        #expect(EntityOrder.ranking(of: Store().topics) { _ in (0, 0) }.first(10).isEmpty)
    }
}
