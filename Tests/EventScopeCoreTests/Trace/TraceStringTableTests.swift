import Testing

@testable import EventScopeCore

@Suite struct TraceStringTableTests {
    /// A name built at run time, so equal names get distinct storage (or, when short, are small strings).
    private static func fresh(_ name: String) -> String {
        String(decoding: Array(name.utf8), as: UTF8.self)
    }

    /// Ids follow the name's text, not its storage: equal names from different `String`
    /// values share an id, distinct names never do, and every id gives its name back, also when
    /// hundreds of names share the small cache of recent names and evict each other from it.
    @Test(arguments: [1, 3, 40, 600])
    func idsFollowTextNotStorage(distinctNames: Int) {
        var table = TraceStringTable(capacity: 10_000)
        var expected: [String: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5_000 {
            let number = Int.random(in: 0..<distinctNames, using: &generator)
            // Short names are small strings (held inline), long ones live in heap storage.
            let text = number % 2 == 0 ? "t\(number)" : "com.example.orders.OrderItemShippedWithALongName\(number)"
            let name = round % 3 == 0 ? text : Self.fresh(text)
            let id = table.id(for: name)
            if let known = expected[text] { #expect(id == known) } else { expected[text] = id }
            #expect(table.name(id) == text)
        }
        #expect(Set(expected.values).count == expected.count)
        #expect(table.names.count == expected.count)
    }

    @Test func nilIsAbsentAndEmptyIsAName() {
        var table = TraceStringTable(capacity: 4)
        #expect(table.id(for: nil) == TraceStringTable.absentId)
        #expect(table.name(TraceStringTable.absentId) == nil)
        let empty = table.id(for: "")
        #expect(empty >= 0)
        #expect(table.id(for: Self.fresh("")) == empty)
        #expect(table.name(empty) == "")
    }

    /// Past capacity new names map to the overflow id (counted each time, never cached), while
    /// names interned before keep their ids.
    @Test func overflowIsCountedAndKnownNamesStay() {
        var table = TraceStringTable(capacity: 2)
        let orders = table.id(for: "orders")
        let carts = table.id(for: Self.fresh("carts"))
        #expect(table.id(for: "payments") == TraceStringTable.overflowId)
        #expect(table.id(for: Self.fresh("payments")) == TraceStringTable.overflowId)
        #expect(table.overflowCount == 2)
        #expect(table.id(for: Self.fresh("orders")) == orders)
        #expect(table.id(for: "carts") == carts)
        #expect(table.name(TraceStringTable.overflowId) == TraceStringTable.overflowName)
    }

    /// Over-long names are cut, and a name cut to one already interned shares its id.
    @Test func longNamesAreCutToTheSameId() {
        var table = TraceStringTable(capacity: 8)
        let base = String(repeating: "n", count: TraceStringTable.maxNameBytes)
        let cut = table.id(for: base + "-first")
        #expect(table.name(cut) == base)
        #expect(table.id(for: base + "-second") == cut)
        #expect(table.id(for: Self.fresh(base)) == cut)
        #expect(table.names.count == 1)
    }
}
