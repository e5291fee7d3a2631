/// Remembers the principal of recently seen sources, so mapping an event's source costs a
/// string comparison instead of a dictionary probe and a new `User:<source>` string per event.
///
/// Direct-mapped: a source goes to one slot chosen by `NameSlot`, and replaces
/// whatever was there, so the cache never holds more than `slotCount` entries. Sources come from
/// the decoder's interner, so a hit usually compares two references to the same string.
struct PrincipalCache {
    static let slotCount = 64
    private var sources = [String?](repeating: nil, count: slotCount)
    private var principals = [String](repeating: "", count: slotCount)

    /// The principal remembered for `source`, if it is still cached.
    func principal(forSource source: String) -> String? {
        let slot = Self.slot(source)
        guard let cached = sources[slot], cached == source else { return nil }
        return principals[slot]
    }

    /// Remembers a source's principal, replacing whatever shared its slot.
    mutating func remember(source: String, principal: String) {
        let slot = Self.slot(source)
        sources[slot] = source
        principals[slot] = principal
    }

    /// Forgets everything (the mapping changed).
    mutating func removeAll() {
        for slot in 0..<Self.slotCount { sources[slot] = nil }
    }

    private static func slot(_ source: String) -> Int {
        NameSlot.index(of: source, slotCount: slotCount)
    }
}
