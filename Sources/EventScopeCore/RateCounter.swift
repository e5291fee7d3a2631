/// Counts occurrences per whole second over a fixed horizon, for rates and sparklines.
///
/// A fixed ring of one-second buckets (900 = 15 minutes by default, 3.6 KB): memory is
/// constant whatever the traffic, and time is passed in (never read from the clock) so tests
/// are exact. Entities that exist by the hundred thousand (principals) use a shorter horizon.
public struct RateCounter: Sendable {
    public let horizonSeconds: Int

    private var buckets: [UInt32]
    /// The second (epoch seconds) the newest bucket stands for.
    private var newestSecond: Int64
    public private(set) var total: UInt64 = 0

    public init(horizonSeconds: Int = 900) {
        self.horizonSeconds = max(2, horizonSeconds)
        buckets = Array(repeating: 0, count: self.horizonSeconds)
        newestSecond = 0
    }

    /// Adds `count` occurrences at `nowMs` (epoch milliseconds).
    public mutating func add(_ count: Int = 1, nowMs: Int64) {
        advance(to: nowMs)
        let slot = Int(newestSecond % Int64(horizonSeconds))
        buckets[slot] &+= UInt32(clamping: count)
        total &+= UInt64(max(0, count))
    }

    /// Moves the window forward so buckets older than the horizon read as zero.
    public mutating func advance(to nowMs: Int64) {
        let second = nowMs / 1000
        guard second > newestSecond else { return }
        let gap = second - newestSecond
        if gap >= Int64(horizonSeconds) || newestSecond == 0 {
            for i in buckets.indices { buckets[i] = 0 }
        } else {
            var s = newestSecond + 1
            while s <= second {
                buckets[Int(s % Int64(horizonSeconds))] = 0
                s += 1
            }
        }
        newestSecond = second
    }

    /// Mean rate per second over the last `seconds` complete seconds before `nowMs`.
    public func rate(overSeconds seconds: Int, nowMs: Int64) -> Double {
        let series = history(seconds: seconds, nowMs: nowMs)
        guard !series.isEmpty else { return 0 }
        return Double(series.reduce(0, +)) / Double(series.count)
    }

    /// Counts for the last `seconds` complete seconds, oldest first (the current partial second excluded).
    public func history(seconds: Int, nowMs: Int64) -> [UInt32] {
        let count = min(max(seconds, 0), horizonSeconds - 1)
        let current = nowMs / 1000
        var out = [UInt32]()
        out.reserveCapacity(count)
        for back in stride(from: count, through: 1, by: -1) {
            let second = current - Int64(back)
            if second > newestSecond || second <= newestSecond - Int64(horizonSeconds) || second < 0 {
                out.append(0)
            } else {
                out.append(buckets[Int(second % Int64(horizonSeconds))])
            }
        }
        return out
    }
}
