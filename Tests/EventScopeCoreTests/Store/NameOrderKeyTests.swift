import Testing

@testable import EventScopeCore

@Suite struct NameOrderKeyTests {
    /// Names around the places the key can go wrong: NUL (zero padding), sixteen bytes (the
    /// end of the packed words), composed and decomposed accents, emoji, the empty name.
    static let names: [String] = {
        let sixteen = String(repeating: "a", count: 16)
        return [
            "", "a", "a\u{0}", "a\u{0}b", "ab", "b", sixteen, sixteen + "b", sixteen + "c", sixteen + "\u{0}",
            String(repeating: "a", count: 15), String(repeating: "a", count: 17), "é", "e\u{301}", "é285", "e\u{301}285a",
            "🙂", "Z", "z", "\u{7F}", "\u{80}",
        ]
    }()

    /// Where the key decides, it agrees with byte order; where it cannot, it says so; and the
    /// full comparison is byte order.
    @Test func agreesWithByteOrderOrDefers() {
        for a in Self.names {
            for b in Self.names {
                let bytes = Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
                #expect(NameOrderKey.precedes(a, b) == bytes, "\(a.debugDescription) < \(b.debugDescription)")
                if let decided = NameOrderKey(a).precedes(NameOrderKey(b)) {
                    #expect(decided == bytes, "key: \(a.debugDescription) < \(b.debugDescription)")
                }
            }
        }
    }

    @Test func wholeOnlyForShortNamesWithoutNul() {
        #expect(NameOrderKey("a").isWhole)
        #expect(NameOrderKey(String(repeating: "a", count: 16)).isWhole)
        #expect(!NameOrderKey(String(repeating: "a", count: 17)).isWhole)
        #expect(!NameOrderKey("a\u{0}").isWhole)
        // Equal words decide nothing unless both names are whole.
        #expect(NameOrderKey("a").precedes(NameOrderKey("a\u{0}")) == nil)
        #expect(NameOrderKey("a").precedes(NameOrderKey("a")) == false)
    }
}
