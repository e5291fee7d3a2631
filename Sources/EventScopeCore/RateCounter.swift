/// Counts occurrences per second for rates and sparklines, and per minute for 15-minute rates.
///
/// Two fixed rings: `horizonSeconds` one-second buckets (recent rates, sparklines) and 16
/// one-minute buckets (rates over up to 15 minutes). Memory is constant whatever the traffic
/// (about 550 bytes at the default horizon) — it matters with thousands of topics and tens of
/// thousands of principals — and time is passed in, never read from the clock, so tests are exact.
public struct RateCounter: Sendable {
    public let horizonSeconds: Int
    @usableFromInline static let minuteBuckets = 16

    @usableFromInline private(set) var seconds: [UInt32]
    @usableFromInline private(set) var minutes: [UInt32]
    /// The second (epoch seconds) the newest bucket stands for.
    @usableFromInline private(set) var newestSecond: Int64 = 0
    public private(set) var total: UInt64 = 0

    public init(horizonSeconds: Int = 120) {
        self.horizonSeconds = max(2, horizonSeconds)
        seconds = Array(repeating: 0, count: self.horizonSeconds)
        minutes = Array(repeating: 0, count: Self.minuteBuckets)
    }

    /// Adds `count` occurrences at `nowMs` (epoch milliseconds).
    public mutating func add(_ count: Int = 1, nowMs: Int64) {
        advance(to: nowMs)
        let amount = UInt32(clamping: max(0, count))
        seconds[Int(newestSecond % Int64(horizonSeconds))] &+= amount
        minutes[Int((newestSecond / 60) % Int64(Self.minuteBuckets))] &+= amount
        total &+= UInt64(max(0, count))
    }

    /// Moves the window forward so buckets older than the horizon read as zero.
    public mutating func advance(to nowMs: Int64) {
        let second = nowMs / 1000
        guard second > newestSecond else { return }
        if newestSecond == 0 || second - newestSecond >= Int64(horizonSeconds) {
            for i in seconds.indices { seconds[i] = 0 }
        } else {
            var s = newestSecond + 1
            while s <= second {
                seconds[Int(s % Int64(horizonSeconds))] = 0
                s += 1
            }
        }
        let oldMinute = newestSecond / 60
        let newMinute = second / 60
        if newestSecond == 0 || newMinute - oldMinute >= Int64(Self.minuteBuckets) {
            for i in minutes.indices { minutes[i] = 0 }
        } else if newMinute > oldMinute {
            for m in (oldMinute + 1)...newMinute { minutes[Int(m % Int64(Self.minuteBuckets))] = 0 }
        }
        newestSecond = second
    }

    /// Mean rate per second over the last `seconds` complete seconds before `nowMs`. Windows
    /// longer than the second ring use the complete minutes before the current one.
    ///
    /// Inlined into its callers: list screens ask every entity's rate on every frame, and a call
    /// took the counter as an argument, retaining its rings — a cache miss per entity on each
    /// ring's header, 0.06-0.25 ms a frame with 10,000 topics (`bench render`, every cap full).
    /// Seconds are summed with one division per window, then a walk with wrap-around, instead of
    /// one per bucket.
    @inlinable @inline(__always)
    public func rate(overSeconds window: Int, nowMs: Int64) -> Double {
        if window < horizonSeconds {
            let count = max(0, window)
            guard count > 0 else { return 0 }
            let current = nowMs / 1000
            // The seconds still held: the last `horizonSeconds` up to the newest, none before 0.
            let low = max(current - Int64(count), newestSecond - Int64(horizonSeconds) + 1, 0)
            let high = min(current - 1, newestSecond)
            guard low <= high else { return 0 }
            var slot = Int(low % Int64(horizonSeconds))
            var sum: UInt64 = 0
            for _ in 0...(high - low) {
                sum &+= UInt64(seconds[slot])
                slot += 1
                if slot == horizonSeconds { slot = 0 }
            }
            return Double(sum) / Double(count)
        }
        let wholeMinutes = min(Self.minuteBuckets - 1, max(1, window / 60))
        let currentMinute = nowMs / 60_000
        let newestMinute = newestSecond / 60
        let low = max(currentMinute - Int64(wholeMinutes), newestMinute - Int64(Self.minuteBuckets) + 1, 0)
        let high = min(currentMinute - 1, newestMinute)
        guard low <= high else { return 0 }
        var sum: UInt64 = 0
        for minute in low...high { sum &+= UInt64(minutes[Int(minute % Int64(Self.minuteBuckets))]) }
        return Double(sum) / Double(wholeMinutes * 60)
    }

    /// Counts for the last `seconds` complete seconds, oldest first (the current partial second excluded).
    public func history(seconds window: Int, nowMs: Int64) -> [UInt32] {
        let count = min(max(window, 0), horizonSeconds - 1)
        let current = nowMs / 1000
        var out = [UInt32]()
        out.reserveCapacity(count)
        for back in stride(from: count, through: 1, by: -1) {
            let second = current - Int64(back)
            if second > newestSecond || second <= newestSecond - Int64(horizonSeconds) || second < 0 {
                out.append(0)
            } else {
                out.append(seconds[Int(second % Int64(horizonSeconds))])
            }
        }
        return out
    }
}
