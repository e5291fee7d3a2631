import EventScopeCore

/// Decides when each replayed record is due and what time the replayed screen shows.
///
/// Record time is mapped to wall time linearly: the first timestamped record anchors both
/// clocks, and a record `d` ms later in the recording is due `d / speed` ms later on the wall.
/// Gaps longer than `maxIdleWallMs` of wall time are shortened (the anchor moves) so a
/// recording spanning a night does not sit idle for hours at 1x. Records out of order or
/// without a timestamp are due at once. Pure: the wall clock is always passed in.
public struct ReplayPacer: Sendable {
    /// Playback speed: a factor of real time, or nil for as fast as possible.
    public let speed: Double?
    public let maxIdleWallMs: Int64
    private var anchor: (recordMs: Int64, wallMs: Int64)?
    /// The newest record time handed out, which the screen clock never goes beyond at `max`.
    public private(set) var latestRecordMs: Int64?
    private var endedAtRecordMs: Int64?

    public init(speed: Double?, maxIdleWallMs: Int64 = 5_000) {
        self.speed = speed.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        self.maxIdleWallMs = max(0, maxIdleWallMs)
    }

    /// Milliseconds of wall time to wait before handing out a record stamped `recordMs`.
    ///
    /// Call once per record, in file order; it notes the record as handed out.
    public mutating func waitMs(forRecordMs recordMs: Int64?, wallNowMs: Int64) -> Int64 {
        guard let recordMs else { return 0 }
        defer { latestRecordMs = max(latestRecordMs ?? recordMs, recordMs) }
        guard let speed else { return 0 }
        guard let current = anchor else {
            anchor = (recordMs, wallNowMs)
            return 0
        }
        // In doubles and saturated: record times come from the file and may be anything.
        let wait = Int64(saturating: Double(current.wallMs) + (Double(recordMs) - Double(current.recordMs)) / speed - Double(wallNowMs))
        if wait > maxIdleWallMs {
            // Re-anchor so this record is due after the idle cap, keeping later spacing intact.
            anchor = (recordMs, wallNowMs + maxIdleWallMs)
            return maxIdleWallMs
        }
        return max(0, wait)
    }

    /// Marks the end of the recording: the clock stops at the last record's time.
    public mutating func finish() {
        endedAtRecordMs = latestRecordMs
    }

    /// The time the replayed dashboard shows at `wallNowMs` (nil before the first timestamp).
    ///
    /// At a factor it advances smoothly with the wall clock between records; at `max` it is
    /// the newest record's time. It never passes the end of the recording once finished.
    public func replayNowMs(wallNowMs: Int64) -> Int64? {
        if let endedAtRecordMs { return endedAtRecordMs }
        guard let speed, let anchor else { return latestRecordMs }
        let projected = Int64(saturating: Double(anchor.recordMs) + (Double(wallNowMs) - Double(anchor.wallMs)) * speed)
        return max(projected, anchor.recordMs)
    }
}
