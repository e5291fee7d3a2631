/// A small deterministic generator (SplitMix64) so fuzz failures reproduce from the seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    /// A random edit of `bytes`: flips, inserts, deletions, truncation, duplicated chunks and
    /// bytes that matter to varints and lengths (0x00, 0x7F, 0x80, 0xFF).
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &self) {
            let position = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &self)
            switch Int.random(in: 0..<8, using: &self) {
            case 0 where !result.isEmpty: result[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &self)
            case 1 where !result.isEmpty: result[position] = [0x00, 0x7F, 0x80, 0xFF, 0x01, 0x02][Int.random(in: 0..<6, using: &self)]
            case 2: result.insert(UInt8.random(in: 0...255, using: &self), at: position)
            case 3 where !result.isEmpty: result.remove(at: position)
            case 4: result = Array(result.prefix(position))
            case 5 where !result.isEmpty:
                let end = min(result.count, position + Int.random(in: 1...8, using: &self))
                result.insert(contentsOf: result[position..<end], at: position)
            case 6: result.insert(contentsOf: Array(repeating: 0xFF, count: Int.random(in: 1...12, using: &self)), at: position)
            default: result.insert(contentsOf: self.bytes(Int.random(in: 1...4, using: &self)), at: position)
            }
        }
        return result
    }
}
