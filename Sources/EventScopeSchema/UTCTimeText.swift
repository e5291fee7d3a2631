/// Formats epoch-based instants, dates and times of day as ISO-8601 text in UTC.
///
/// Operators read timestamps, not epoch counts, and the downstream timeline parses ISO-8601;
/// this does the calendar arithmetic on integers (no Foundation, no allocation) and stays
/// total for hostile values: any 64-bit count formats, with years beyond 9999 written in full.
enum UTCTimeText {
    /// Appends a quoted "YYYY-MM-DDTHH:MM:SS[.fraction]Z".
    ///
    /// - Parameters:
    ///   - seconds: Seconds since 1970-01-01T00:00:00Z.
    ///   - nanoseconds: Sub-second part, 0..<1_000_000_000.
    ///   - fractionDigits: 3, 6 or 9 for a fixed precision, or nil for the shortest of 0, 3, 6, 9
    ///     that shows the value exactly.
    ///   - inUTC: Whether to end with "Z"; false for local date-times, which name no zone.
    static func appendTimestamp(
        seconds: Int64, nanoseconds: Int64, fractionDigits: Int?,
        inUTC: Bool = true, to out: inout JSONOutput
    ) {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400  // in range: |days * 86_400| <= |seconds|
        out.append(UInt8(ascii: "\""))
        appendCivilDate(days: days, to: &out)
        out.append(UInt8(ascii: "T"))
        appendClock(secondOfDay: secondOfDay, nanoseconds: nanoseconds, fractionDigits: fractionDigits, to: &out)
        if inUTC { out.append(UInt8(ascii: "Z")) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a timestamp given as a count of `unitsPerSecond` units since the epoch.
    static func appendEpochCount(_ count: Int64, unitsPerSecond: Int64, inUTC: Bool = true, to out: inout JSONOutput) {
        // Computed from the remainder so the most negative counts cannot overflow.
        var seconds = count / unitsPerSecond
        var remainder = count % unitsPerSecond
        if remainder < 0 {
            remainder += unitsPerSecond
            seconds -= 1
        }
        let nanoseconds = remainder * (1_000_000_000 / unitsPerSecond)
        let digits = unitsPerSecond == 1000 ? 3 : (unitsPerSecond == 1_000_000 ? 6 : 9)
        appendTimestamp(seconds: seconds, nanoseconds: nanoseconds, fractionDigits: digits, inUTC: inUTC, to: &out)
    }

    /// Appends a quoted "YYYY-MM-DD" for a count of days since 1970-01-01.
    static func appendDate(days: Int64, to out: inout JSONOutput) {
        out.append(UInt8(ascii: "\""))
        appendCivilDate(days: days, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a quoted "HH:MM:SS.fff…" for a time of day, or the bare number when the value is
    /// not within one day (a wrong schema should not invent a clock reading).
    static func appendTimeOfDay(_ count: Int64, unitsPerSecond: Int64, to out: inout JSONOutput) {
        guard count >= 0 && count < 86_400 * unitsPerSecond else {
            JSONTextWriter.appendInt(count, to: &out)
            return
        }
        let seconds = count / unitsPerSecond
        let nanoseconds = (count % unitsPerSecond) * (1_000_000_000 / unitsPerSecond)
        out.append(UInt8(ascii: "\""))
        appendClock(
            secondOfDay: seconds, nanoseconds: nanoseconds,
            fractionDigits: unitsPerSecond == 1000 ? 3 : 6, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func appendClock(secondOfDay: Int64, nanoseconds: Int64, fractionDigits: Int?, to out: inout JSONOutput) {
        JSONTextWriter.appendPadded(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONTextWriter.appendPadded(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONTextWriter.appendPadded(secondOfDay % 60, width: 2, to: &out)
        var digits = fractionDigits ?? 9
        if fractionDigits == nil {
            if nanoseconds == 0 {
                digits = 0
            } else if nanoseconds % 1_000_000 == 0 {
                digits = 3
            } else if nanoseconds % 1000 == 0 {
                digits = 6
            }
        }
        guard digits > 0 else { return }
        out.append(UInt8(ascii: "."))
        var value = nanoseconds
        for _ in digits..<9 { value /= 10 }
        JSONTextWriter.appendPadded(value, width: digits, to: &out)
    }

    private static func appendCivilDate(days: Int64, to out: inout JSONOutput) {
        let (year, month, day) = CivilDate.date(days: days)
        JSONTextWriter.appendPadded(Int64(year), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        JSONTextWriter.appendPadded(Int64(month), width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        JSONTextWriter.appendPadded(Int64(day), width: 2, to: &out)
    }
}
