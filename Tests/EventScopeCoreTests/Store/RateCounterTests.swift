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

    /// Rates agree with a sum over every occurrence ever added, kept in full, for random traffic
    /// with gaps longer than either ring, queries at, after and before the newest second, and
    /// windows of every length up to fifteen minutes.
    @Test func ratesMatchASumOverEveryOccurrence() {
        var random = SplitMix64(seed: 7)
        var counter = RateCounter(horizonSeconds: 60)
        var added: [(second: Int64, amount: UInt64)] = []
        var newestSecond: Int64 = 0
        var nowMs: Int64 = 3_600_000
        for _ in 0..<1_500 {
            let step = random.next() % 10
            nowMs += step == 0 ? Int64(random.next() % 1_500_000) : Int64(random.next() % 3_000)
            let amount = Int(random.next() % 5)
            counter.add(amount, nowMs: nowMs)
            // A second already passed is counted in the newest bucket, as `add` documents.
            newestSecond = max(newestSecond, nowMs / 1000)
            added.append((newestSecond, UInt64(amount)))
            let queryMs = nowMs + Int64(random.next() % 200_000) - 50_000
            for window in [1, 2, 10, 59, 60, 61, 120, 900, 1000] {
                let expected: Double
                if window < 60 {
                    let current = queryMs / 1000
                    let sum = added.filter { $0.second >= current - Int64(window) && $0.second < current && $0.second > newestSecond - 60 }
                        .reduce(0) { $0 + $1.amount }
                    expected = Double(sum) / Double(window)
                } else {
                    let minutes = min(15, window / 60)
                    let current = queryMs / 60_000
                    let sum = added.filter {
                        let minute = $0.second / 60
                        return minute >= current - Int64(minutes) && minute < current && minute > newestSecond / 60 - 16
                    }.reduce(0) { $0 + $1.amount }
                    expected = Double(sum) / Double(minutes * 60)
                }
                #expect(counter.rate(overSeconds: window, nowMs: queryMs) == expected, "window \(window) at \(queryMs), newest second \(newestSecond)")
            }
        }
    }
}
