import EventScopeCore

/// The demo world's random choices: SplitMix64, so the world is identical for a given seed.
///
struct DemoRandom: Sendable {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        generator.next()
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
