/// Picks a slot for a name in a small direct-mapped cache from its length and three of its
/// bytes: far cheaper than hashing every byte, and good enough to spread the few names
/// (types, topics, services) that repeat event after event.
enum NameSlot {
    /// A slot in `0..<slotCount`; `slotCount` must be a power of two.
    static func index(of name: String, slotCount: Int) -> Int {
        let utf8 = name.utf8
        let count = utf8.count
        guard count > 0 else { return 0 }
        let first = Int(utf8[utf8.startIndex])
        let middle = Int(utf8[utf8.index(utf8.startIndex, offsetBy: count / 2)])
        let last = Int(utf8[utf8.index(before: utf8.endIndex)])
        return (count &* 31 &+ first &* 7 &+ middle &* 13 &+ last) & (slotCount - 1)
    }
}
