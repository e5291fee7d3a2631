import Testing
@testable import EventScopeCore

@Suite struct RateCounterTests {
    @Test func ratesOverWindows() {
        var counter = RateCounter()
        counter.add(10, nowMs: 100_000)
        counter.add(20, nowMs: 101_500)
        #expect(counter.history(seconds: 3, nowMs: 102_000) == [0, 10, 20])
        #expect(counter.rate(overSeconds: 2, nowMs: 102_000) == 15)
        #expect(counter.total == 30)
    }

    @Test func oldBucketsExpire() {
        var counter = RateCounter(horizonSeconds: 60)
        counter.add(5, nowMs: 1_000_000)
        counter.advance(to: 1_000_000 + 61_000)
        #expect(counter.history(seconds: 59, nowMs: 1_000_000 + 61_000).allSatisfy { $0 == 0 })
        counter.add(1, nowMs: 1_000_000 + 61_000)
        #expect(counter.history(seconds: 1, nowMs: 1_000_000 + 62_000) == [1])
    }

    @Test func fifteenMinuteRateUsesMinuteBuckets() {
        var counter = RateCounter(horizonSeconds: 60)
        let start: Int64 = 6_000_000  // a whole minute
        for minute in 0..<15 { counter.add(600, nowMs: start + Int64(minute) * 60_000 + 30_000) }
        // At the start of minute 15, the 14 complete minutes before it held 600 each.
        #expect(counter.rate(overSeconds: 900, nowMs: start + 15 * 60_000) == 10)
        #expect(counter.rate(overSeconds: 120, nowMs: start + 15 * 60_000) == 10)
        // Twenty idle minutes later everything has rolled out.
        counter.advance(to: start + 35 * 60_000)
        #expect(counter.rate(overSeconds: 900, nowMs: start + 35 * 60_000) == 0)
    }
}
