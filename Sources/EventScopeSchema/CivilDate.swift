/// Dates of the proleptic Gregorian calendar as day counts since 1970-01-01 and back, by era
/// arithmetic that needs no tables and no Foundation calendar (too slow for the ingest path).
/// The algorithm is Howard Hinnant's public-domain civil-calendar arithmetic.
public enum CivilDate {
    /// Day counts beyond this are not dates anyone means; clamping keeps the arithmetic from overflowing.
    static let dayLimit: Int64 = 1_000_000_000_000

    /// Days since 1970-01-01 of a year, month (1–12) and day (1–31).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of a day count since 1970-01-01 (clamped to ±10¹² days).
    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(min(max(days, -dayLimit), dayLimit)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
