/// SplitMix64: a tiny, fast, seedable generator so the demo world is identical for a given seed.
///
/// Foundation's generators are not seedable and `SystemRandomNumberGenerator` is not
/// reproducible; SplitMix64 passes BigCrush and costs a handful of arithmetic operations.
struct DemoRandom: Sendable {
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

    /// A uniform value in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in the closed range (modulo bias is irrelevant for a demo).
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int64(span == 0 ? next() : next() % span)
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A non-zero 64-bit value, as span and trace ids must not be zero.
    mutating func nonZero() -> UInt64 {
        let value = next()
        return value == 0 ? 1 : value
    }
}
