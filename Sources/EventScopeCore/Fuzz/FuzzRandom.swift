/// A seeded pseudo-random generator (SplitMix64), so every fuzz input can be regenerated from its seed.
///
/// The fuzz harness derives one generator per iteration from (run seed, iteration number), so
/// any input a long run found can be replayed alone without replaying the run before it.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The generator for one iteration of a run.
    public init(runSeed: UInt64, iteration: Int) {
        // Mixing the iteration through one SplitMix step keeps neighbouring iterations unrelated.
        var mixer = FuzzRandom(seed: runSeed ^ (UInt64(truncatingIfNeeded: iteration) &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound must be positive).
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    /// True with probability 1/n.
    public mutating func oneIn(_ n: Int) -> Bool {
        below(n) == 0
    }
}
