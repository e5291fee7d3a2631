import EventScopeCore

/// A seeded pseudo-random generator (SplitMix64), so every fuzz input can be regenerated from its seed.
///
/// The fuzz harness derives one generator per iteration from (run seed, iteration number), so
/// any input a long run found can be replayed alone without replaying the run before it.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// The generator for one iteration of a run.
    public init(runSeed: UInt64, iteration: Int) {
        // Mixing the iteration through one SplitMix step keeps neighbouring iterations unrelated.
        var mixer = FuzzRandom(seed: runSeed ^ (UInt64(truncatingIfNeeded: iteration) &* 0xD1B5_4A32_D192_ED03))
        generator = SplitMix64(seed: mixer.next())
    }

    public mutating func next() -> UInt64 {
        generator.next()
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
