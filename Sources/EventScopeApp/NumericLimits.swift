/// The accepted range of each numeric option.
///
/// Each bound keeps the value far from what its later conversion to whole milliseconds or a
/// count can hold (a trace idle time of 1e16 s overflowed `Int64` and trapped), and beyond what
/// anyone would mean: a day of trace idleness, a year of simulation.
public enum NumericLimits {
    /// `--trace-idle`, in seconds.
    public static let traceIdleSeconds: ClosedRange<Double> = 0.01...86_400
    /// `--rate` of `demo` and `simulate`, in cascades per second (the demo world's own cap).
    public static let rate: ClosedRange<Double> = 0.001...50_000
    /// `simulate --duration`, in seconds.
    public static let durationSeconds: ClosedRange<Double> = 0.1...31_536_000

    /// "0.01 to 86400": a range as the usage error states it.
    public static func describe(_ range: ClosedRange<Double>) -> String {
        "\(plain(range.lowerBound)) to \(plain(range.upperBound))"
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
