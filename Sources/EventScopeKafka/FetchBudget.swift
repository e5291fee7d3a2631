import CRdKafka

/// How much librdkafka may fetch and hold ahead of the application: its queue limits and
/// fetch response sizes (each overridable with -X).
///
/// The queue is what fills whenever the application is slower than the wire, and it costs
/// several times its nominal size in RSS for small records (each one carries librdkafka's
/// per-message bookkeeping); a fetch response may overshoot the limits by up to
/// `fetchMaxBytes` per broker, because the limits are checked before a fetch is sent.
/// librdkafka 2.0.2 also pauses fetching for up to a second at these limits, which
/// `FetchWaker` ends early, so small limits no longer starve a reader.
public struct FetchBudget: Sendable, Equatable {
    /// `queued.max.messages.kbytes`
    public var queueKilobytes: Int
    /// `queued.min.messages`: with ~150-byte records, the record count binds long before the bytes.
    public var queueRecords: Int
    /// `fetch.max.bytes` (librdkafka requires at least `message.max.bytes`, 1,000,000 by default).
    public var fetchMaxBytes: Int
    /// `max.partition.fetch.bytes`
    public var partitionFetchMaxBytes: Int

    public init(queueKilobytes: Int, queueRecords: Int, fetchMaxBytes: Int, partitionFetchMaxBytes: Int) {
        self.queueKilobytes = queueKilobytes
        self.queueRecords = queueRecords
        self.fetchMaxBytes = fetchMaxBytes
        self.partitionFetchMaxBytes = partitionFetchMaxBytes
    }

    /// For readers that keep what they read (the dashboard), inside the 150 MB budget.
    /// Measured on the dashboard under Tests/e2e/flood.sh at 1M events, 100k sources: peak
    /// 174 MB with 8 MB / no record limit / 2 MB fetches, 164 MB with a 20,000-record limit,
    /// 144 MB with that and 1 MB fetches, 143 MB with 10,000 records and 256 KB per partition.
    public static let bounded = FetchBudget(
        queueKilobytes: 8_192, queueRecords: 10_000, fetchMaxBytes: 1_048_576, partitionFetchMaxBytes: 262_144)

    /// For readers that keep nothing (headless event lines): larger fetches, no record limit.
    /// `bench consume --rounds 5` (1M records, 100 partitions, 3 brokers), fastest rounds:
    /// 8 MB queue / 2 MB fetches 1.16 s at ~100 MB peak RSS; 8 MB / 4 MB 1.31 s, 111 MB;
    /// 16 MB / 4 MB 1.12 s, 137 MB; 16 MB / 8 MB 1.06-1.09 s, 137 MB; 32 MB / 8 MB 1.06 s but
    /// 170 MB, past the 150 MB budget. Fewer, larger fetches mean fewer round trips per record.
    public static let streaming = FetchBudget(
        queueKilobytes: 16_384, queueRecords: 1_000_000, fetchMaxBytes: 8_388_608, partitionFetchMaxBytes: 1_048_576)

    /// Stops glibc from handing freed memory back to the kernel and from mapping large blocks
    /// afresh, for a process that streams with this budget. Streaming headless output
    /// allocates and frees multi-megabyte line buffers and fetch responses many times a second,
    /// and with the default (dynamic) thresholds each cycle cost page faults and heap
    /// consolidation; the process keeps what it needed at its peak instead.
    public static func keepFreedMemoryForReuse() {
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    }
}
