import Testing
@testable import EventScopeCore

@Suite struct TraceSlotTableTests {
    /// Random sets and removes on few distinct keys (so probe runs collide, grow and shift)
    /// must always agree with a Dictionary.
    @Test(arguments: [1, 7, 64, 5_000])
    func agreesWithADictionaryUnderRandomSetsAndRemoves(distinctKeys: Int) {
        var table = TraceSlotTable()
        var model: [TraceOffsetKey: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            let key = TraceOffsetKey(topic: Int32(Int.random(in: 0..<3, using: &generator)), partition: 0,
                                     offset: Int64(Int.random(in: 0..<distinctKeys, using: &generator)))
            if Bool.random(using: &generator) {
                table[key] = Int32(step)
                model[key] = Int32(step)
            } else {
                #expect(table.removeValue(forKey: key) == model.removeValue(forKey: key))
            }
            #expect(table[key] == model[key])
            #expect(table.count == model.count)
        }
        for (key, value) in model { #expect(table[key] == value) }
    }

    @Test func identifiersOfEqualValueButDifferentShapeAreDifferentKeys() {
        var table = TraceIdentifierTable()
        let short = TraceIdentifier("abc"), padded = TraceIdentifier("0abc"), text = TraceIdentifier("order#1")
        table[short!] = 1
        table[padded!] = 2
        table[text!] = 3
        #expect(table[short!] == 1 && table[padded!] == 2 && table[text!] == 3)
        #expect(table.removeValue(forKey: short!) == 1)
        #expect(table[short!] == nil && table[padded!] == 2 && table.count == 2)
    }
}
