import Testing

@testable import EventScopeCore

@Suite struct NameInternerTests {
    private func intern(_ interner: inout NameInterner, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { interner.name($0) }
    }

    /// Whatever the bytes, the interned name is what `String(decoding:as:)` makes of them.
    @Test(arguments: [
        [UInt8](), Array("a".utf8), Array("ItemAddedToCart".utf8), Array("com.example.RecommendationsGenerated".utf8),
        Array("Größe-ändern".utf8), [0xFF, 0x41], [0xE2, 0x82], Array(repeating: 0x61, count: NameInterner.maxNameBytes + 1),
    ])
    func namesEqualTheirDecodedBytes(bytes: [UInt8]) {
        var interner = NameInterner(capacity: 8)
        let expected = String(decoding: bytes, as: UTF8.self)
        #expect(intern(&interner, bytes) == expected)
        #expect(intern(&interner, bytes) == expected)
    }

    @Test func repeatedNamesAreHeldOnceAndDistinctOnesApart() {
        var interner = NameInterner(capacity: 16)
        let names = ["CartUpdated", "OrderItemShipped", "customer-service", "recommendation-service", "a", "b"]
        for _ in 0..<3 {
            for name in names { #expect(intern(&interner, Array(name.utf8)) == name) }
        }
        #expect(interner.count == names.count)
        #expect(interner.resets == 0)
    }

    /// Invalid UTF-8 comes back repaired but never takes a slot (it could never be found again).
    @Test func invalidUTF8IsNotHeld() {
        var interner = NameInterner(capacity: 4)
        for _ in 0..<10 { #expect(intern(&interner, [0x61, 0xC3]) == "a\u{FFFD}") }
        #expect(interner.count == 0)
    }

    @Test func longNamesAreMadeButNotHeld() {
        var interner = NameInterner(capacity: 4)
        let long = String(repeating: "x", count: NameInterner.maxNameBytes + 1)
        #expect(intern(&interner, Array(long.utf8)) == long)
        #expect(interner.count == 0)
    }

    /// A spray of distinct names never holds more than the capacity, and names still come out right.
    @Test func sprayedNamesStayBoundedByCapacity() {
        var interner = NameInterner(capacity: 32)
        for index in 0..<1_000 {
            let name = "type-\(index)"
            #expect(intern(&interner, Array(name.utf8)) == name)
            #expect(interner.count <= 32)
        }
        #expect(interner.resets == 1_000 / 32 - (1_000 % 32 == 0 ? 1 : 0))
        #expect(intern(&interner, Array("type-999".utf8)) == "type-999")
    }

    @Test func disabledInternerHoldsNothing() {
        var interner = NameInterner.disabled
        #expect(intern(&interner, Array("CartUpdated".utf8)) == "CartUpdated")
        #expect(interner.count == 0)
    }
}
