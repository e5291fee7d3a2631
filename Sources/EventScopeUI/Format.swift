/// Compact number, rate, size and age formatting for narrow table columns.
public enum Format {
    /// The row marker of a topic, event type or principal first seen in the last minutes.
    public static let newMarker: Character = "+"

    /// ` · N new` for a list summary (the `new` filter lists them), or nothing.
    public static func newNote(_ count: Int) -> String {
        count > 0 ? " · \(count) new (+, / new)" : ""
    }

    /// `999`, `1.2k`, `34.5k`, `1.2M`, `3.4G`.
    public static func count(_ value: UInt64) -> String {
        if value < 1_000 { return String(value) }
        return scaled(Double(value), units: ["", "k", "M", "G", "T"])
    }

    /// `0`, `0.5`, `12`, `1.2k` per second (no unit; column titles say `/s`).
    public static func rate(_ value: Double) -> String {
        if value <= 0 { return "0" }
        if value < 10 { return decimal(value, places: 1) }
        if value < 1_000 { return String(Int(value.rounded())) }
        return scaled(value, units: ["", "k", "M", "G"])
    }

    /// `512B`, `1.5KiB`, `3.2MiB`.
    public static func bytes(_ value: UInt64) -> String {
        if value < 1024 { return "\(value)B" }
        var v = Double(value)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            v /= 1024
            if v < 1024 || unit == "TiB" { return decimal(v, places: v < 10 ? 1 : 0) + unit }
        }
        return "\(value)B"
    }

    /// How long ago, compactly: `now`, `12s`, `5m`, `3h`, `2d`.
    public static func age(_ ms: Int64?, nowMs: Int64) -> String {
        guard let ms else { return "-" }
        let seconds = max(0, (nowMs - ms) / 1000)
        if seconds < 1 { return "now" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }

    /// A duration in milliseconds: `850ms`, `1.2s`, `3m`.
    public static func duration(ms: Int64) -> String {
        if ms < 1_000 { return "\(max(0, ms))ms" }
        if ms < 60_000 { return decimal(Double(ms) / 1000, places: 1) + "s" }
        return "\(ms / 60_000)m"
    }

    private static func scaled(_ value: Double, units: [String]) -> String {
        var v = value
        var index = 0
        while v >= 1_000, index < units.count - 1 {
            v /= 1_000
            index += 1
        }
        return decimal(v, places: v < 100 ? 1 : 0) + units[index]
    }

    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        if places == 0 { return String(Int(value.rounded())) }
        let factor = places == 1 ? 10.0 : 100.0
        let scaled = Int((value * factor).rounded())
        let whole = scaled / Int(factor)
        let fraction = abs(scaled % Int(factor))
        let fractionText = places == 2 && fraction < 10 ? "0\(fraction)" : String(fraction)
        return "\(whole).\(fractionText)"
    }
}
