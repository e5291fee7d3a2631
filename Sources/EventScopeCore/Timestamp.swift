import EventScopeSchema

/// Parses the timestamp forms that appear in events and audit records into epoch milliseconds.
///
/// Hand-written over bytes because Foundation's date formatters cost microseconds per call,
/// which the ingest path cannot afford, and they are not safe to share across threads.
public enum Timestamp {
    /// Parses RFC 3339 / ISO 8601 (`2024-05-01T12:00:00.123Z`, `+02:00` offsets, space instead
    /// of `T`, optional fraction of any length) and the log4j form `2024-05-01 12:00:00,123`
    /// (taken as UTC). Returns nil for anything else.
    public static func parseMs<C: Collection<UInt8>>(_ text: C) -> Int64? where C.Index == Int {
        let bytes = text
        var i = bytes.startIndex
        let end = bytes.endIndex
        func digits(_ count: Int) -> Int? {
            guard end - i >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
                i += 1
            }
            return value
        }
        func expect(_ options: UInt8...) -> Bool {
            guard i < end, options.contains(bytes[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            expect(84, 116, 32), let hour = digits(2), expect(58), let minute = digits(2), expect(58),
            let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var millis = 0
        if i < end, bytes[i] == 46 || bytes[i] == 44 {  // '.' or ','
            i += 1
            var scale = 100
            var seen = 0
            while i < end, bytes[i] >= 48, bytes[i] <= 57 {
                millis += Int(bytes[i] - 48) * scale
                scale /= 10
                seen += 1
                i += 1
            }
            guard seen > 0 else { return nil }
        }
        var offsetSeconds = 0
        if i < end {
            let sign = bytes[i]
            if sign == 90 || sign == 122 {  // Z
                i += 1
            } else if sign == 43 || sign == 45 {
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = expect(58)
                guard let om = digits(2) else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (sign == 43 ? 1 : -1)
            } else {
                return nil
            }
        }
        guard i == end else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    /// Convenience for Swift strings.
    public static func parseMs(_ text: String) -> Int64? {
        parseMs(Array(text.utf8))
    }

    /// Formats epoch milliseconds as RFC 3339 UTC with milliseconds (`2024-05-01T12:00:00.123Z`).
    public static func format(ms: Int64) -> String {
        let (days, msOfDay) = floorDivMod(ms, 86_400_000)
        let (year, month, day) = CivilDate.date(days: days)
        let h = Int(msOfDay / 3_600_000)
        let m = Int(msOfDay / 60_000 % 60)
        let s = Int(msOfDay / 1000 % 60)
        let f = Int(msOfDay % 1000)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
    }

    /// Formats the time of day (`12:00:00`, UTC) for compact table columns.
    public static func formatTimeOfDay(ms: Int64) -> String {
        let (_, msOfDay) = floorDivMod(ms, 86_400_000)
        return "\(pad(Int(msOfDay / 3_600_000), 2)):\(pad(Int(msOfDay / 60_000 % 60), 2)):\(pad(Int(msOfDay / 1000 % 60), 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Floor division and its non-negative remainder (`b` > 0), without overflow for any `a`:
    /// record timestamps come from the wire and may be anywhere in Int64.
    static func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var (q, r) = a.quotientAndRemainder(dividingBy: b)
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }
}
