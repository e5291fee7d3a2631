/// Recent denials of one principal in ten time buckets spanning the burst window: fixed memory
/// per principal whatever the rate.
struct DenialWindow {
    static let bucketCount = 10
    private var counts = [UInt64](repeating: 0, count: DenialWindow.bucketCount)
    /// Index (time / bucket width) of the newest bucket.
    private(set) var newestBucket: Int64 = Int64.min
    /// Whether the principal is over the threshold right now (a burst in progress).
    var inBurst = false

    /// Adds `count` denials at `timeMs`; returns the total within the window afterwards.
    /// Denials older than the window (out-of-order audit records) are ignored.
    mutating func add(_ count: UInt64, timeMs: Int64, windowMs: Int64) -> UInt64 {
        let width = max(1, windowMs / Int64(Self.bucketCount))
        let bucket = timeMs / width
        if newestBucket == Int64.min || bucket - newestBucket >= Int64(Self.bucketCount) {
            for index in counts.indices { counts[index] = 0 }
            newestBucket = bucket
        } else if bucket > newestBucket {
            for skipped in (newestBucket + 1)...bucket { counts[Self.slot(skipped)] = 0 }
            newestBucket = bucket
        } else if newestBucket - bucket >= Int64(Self.bucketCount) {
            return total
        }
        counts[Self.slot(bucket)] &+= count
        return total
    }

    var total: UInt64 { counts.reduce(0, &+) }

    private static func slot(_ bucket: Int64) -> Int {
        Int(((bucket % Int64(bucketCount)) + Int64(bucketCount)) % Int64(bucketCount))
    }
}
