/// Where reading starts, for Kafka partitions and followed files alike.
public enum StartPosition: Sendable, Equatable {
    /// The oldest retained record.
    case beginning
    /// Only records written from now on.
    case end
    /// Records from this many milliseconds before now (`-15m` is `.ago(ms: 900_000)`).
    case ago(ms: Int64)
    /// Records at or after this time, in epoch milliseconds (from an RFC 3339 timestamp).
    case time(epochMs: Int64)

    /// Parses `beginning`, `end`, `-15m` style offsets and RFC 3339 timestamps.
    public static func parse(_ text: String) -> StartPosition? {
        switch text {
        case "beginning", "earliest", "start": return .beginning
        case "end", "latest", "now": return .end
        default: break
        }
        if text.hasPrefix("-"), let unit = text.last, let amount = Int64(text.dropFirst().dropLast()), amount >= 0 {
            let scale: Int64? =
                switch unit {
                case "s": 1_000
                case "m": 60_000
                case "h": 3_600_000
                case "d": 86_400_000
                default: nil
                }
            // Overflow-checked: `-999999999999999999d` is a usage error, not a crash.
            if let scale {
                let (ms, overflow) = amount.multipliedReportingOverflow(by: scale)
                return overflow ? nil : .ago(ms: ms)
            }
        }
        if let ms = Timestamp.parseMs(text) { return .time(epochMs: ms) }
        return nil
    }
}
