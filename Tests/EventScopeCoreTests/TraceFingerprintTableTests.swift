import Testing
@testable import EventScopeCore

@Suite struct TraceFingerprintTableTests {
    /// Random inserts and removes of record positions on few distinct keys (so probe runs collide,
    /// grow and shift) must always agree with a Dictionary; keys are confirmed against a side
    /// array, as the trace index confirms them against its nodes.
    @Test(arguments: [1, 7, 64, 5_000])
    func agreesWithADictionaryUnderRandomInsertsAndRemoves(distinctKeys: Int) {
        var table = TraceFingerprintTable()
        var model: [TraceOffsetKey: Int32] = [:]
        var keyOfValue: [Int32: TraceOffsetKey] = [:]
        var generator = SystemRandomNumberGenerator()
        func lookup(_ key: TraceOffsetKey) -> Int32? {
            table.value(hash: table.hash(key)) { keyOfValue[$0] == key }
        }
        for step in 0..<20_000 {
            let key = TraceOffsetKey(topic: Int32(Int.random(in: 0..<3, using: &generator)), partition: 0,
                                     offset: Int64(Int.random(in: 0..<distinctKeys, using: &generator)))
            if let existing = model[key] {
                if Bool.random(using: &generator) {
                    let removed = table.remove(hash: table.hash(key), value: existing)
                    #expect(removed)
                    model[key] = nil
                    keyOfValue[existing] = nil
                }
            } else if Bool.random(using: &generator) {
                table.insert(hash: table.hash(key), value: Int32(step))
                model[key] = Int32(step)
                keyOfValue[Int32(step)] = key
            } else {
                let removed = table.remove(hash: table.hash(key), value: Int32(step))
                #expect(!removed)
            }
            #expect(lookup(key) == model[key])
            #expect(table.count == model.count)
        }
        for (key, value) in model { #expect(lookup(key) == value) }
    }

    /// Removing needs the exact value: another value under the same hash stays.
    @Test func removeTakesOnlyTheGivenValue() {
        var table = TraceFingerprintTable()
        table.insert(hash: 42, value: 1)
        table.insert(hash: 42, value: 2)
        let removedAbsent = table.remove(hash: 42, value: 3)
        let removedPresent = table.remove(hash: 42, value: 1)
        #expect(!removedAbsent && removedPresent)
        #expect(table.value(hash: 42) { _ in true } == 2)
        #expect(table.count == 1)
    }

    /// Packed ids of equal value but different shape, and textual ids, hash as different keys
    /// often enough that the index never relies on the hash alone: it confirms every match.
    @Test func identifierHashesAreStableAndShapeAware() {
        let table = TraceFingerprintTable()
        let short = TraceIdentifier("abc")!, padded = TraceIdentifier("0abc")!, text = TraceIdentifier("order#1")!
        #expect(table.hash(short) == table.hash(TraceIdentifier("abc")!))
        #expect(table.hash(text) == table.hash(TraceIdentifier("order#1")!))
        #expect(table.hash(short) != table.hash(padded))
    }
}
