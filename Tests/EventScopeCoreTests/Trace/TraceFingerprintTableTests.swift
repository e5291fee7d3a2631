import Testing

@testable import EventScopeCore

@Suite struct TraceFingerprintTableTests {
    /// Random ids, many repeated (so probe runs collide and the table grows), must
    /// be found exactly when inserted; keys are confirmed against a side array, as the trace index
    /// confirms them against its nodes.
    @Test(arguments: [1, 7, 64, 5_000])
    func findsExactlyWhatWasInserted(distinctKeys: Int) {
        let table = TraceFingerprintTable()
        var model: [TraceIdentifier: Int32] = [:]
        var keyOfValue: [TraceIdentifier] = []
        var generator = SystemRandomNumberGenerator()
        func lookup(_ key: TraceIdentifier) -> Int32? {
            table.value(hash: table.hash(key)) { keyOfValue[Int($0)] == key }
        }
        for _ in 0..<20_000 {
            let key = TraceIdentifier.hex(
                high: UInt64.random(in: 0..<3, using: &generator),
                low: UInt64.random(in: 0..<UInt64(distinctKeys), using: &generator), shape: 32)
            #expect(lookup(key) == model[key])
            if model[key] == nil {
                let value = Int32(keyOfValue.count)
                keyOfValue.append(key)
                table.insert(hash: table.hash(key), value: value)
                model[key] = value
            }
            #expect(table.count == model.count)
        }
        for (key, value) in model { #expect(lookup(key) == value) }
        table.removeAll()
        #expect(table.count == 0)
        for key in model.keys { #expect(lookup(key) == nil) }
    }

    /// A candidate the confirmation rejects (a stale entry) is skipped, and the lookup goes on to
    /// the next entry under the same hash.
    @Test func rejectedCandidatesAreSkipped() {
        let table = TraceFingerprintTable()
        table.insert(hash: 42, value: 1)
        table.insert(hash: 42, value: 2)
        #expect(table.value(hash: 42) { $0 == 2 } == 2)
        #expect(table.value(hash: 42) { _ in false } == nil)
        #expect(table.value(hash: 43) { _ in true } == nil)
    }

    /// Packed ids of equal value but different shape, and textual ids, hash as different keys
    /// often enough that the index never relies on the hash alone: it confirms every match.
    @Test func identifierHashesAreStableAndShapeAware() {
        let table = TraceFingerprintTable()
        let short = TraceIdentifier("abc")!
        let padded = TraceIdentifier("0abc")!
        let text = TraceIdentifier("order#1")!
        #expect(table.hash(short) == table.hash(TraceIdentifier("abc")!))
        #expect(table.hash(text) == table.hash(TraceIdentifier("order#1")!))
        #expect(table.hash(short) != table.hash(padded))
    }
}
