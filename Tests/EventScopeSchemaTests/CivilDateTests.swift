import EventScopeSchema
import Testing

@Suite struct CivilDateTests {
    @Test func knownDates() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilDate.date(days: 11_016) == (2000, 2, 29))
        #expect(CivilDate.date(days: -719_528) == (0, 1, 1))
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        // 400 years is one full cycle of the Gregorian calendar, leap-century rules included.
        let start = CivilDate.days(year: 1800, month: 1, day: 1)
        for days in start..<(start + 146_097) {
            let (year, month, day) = CivilDate.date(days: Int64(days))
            #expect(CivilDate.days(year: year, month: month, day: day) == days)
        }
    }

    @Test func extremeDayCountsAreClampedNotTrapped() {
        let (year, _, _) = CivilDate.date(days: .max)
        #expect(year > 2_000_000_000)
        let (past, _, _) = CivilDate.date(days: .min)
        #expect(past < -2_000_000_000)
    }
}
