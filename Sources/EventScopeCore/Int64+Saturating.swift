extension Int64 {
    /// `value` rounded to a whole number and held within ±2^62 (NaN becomes 0).
    ///
    /// `Int64(someDouble)` traps when the value is out of range, and durations computed from
    /// options or record fields can be: this conversion cannot, and the headroom left keeps a
    /// later addition of a clock reading from overflowing too.
    public init(saturating value: Double) {
        let limit = Double(Int64(1) << 62)
        if value.isNaN {
            self = 0
        } else {
            self = Int64(Swift.min(Swift.max(value.rounded(), -limit), limit))
        }
    }
}
