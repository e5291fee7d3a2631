import CRdKafka
import Foundation

/// Wakes librdkafka's broker threads so fetching resumes as soon as the application has
/// drained the consumer queue, instead of up to a second later.
///
/// In librdkafka 2.0.2 a broker stops fetching while the consumer queue is over
/// `queued.max.messages.kbytes` / `queued.min.messages` and re-checks only when its thread
/// wakes: on network I/O, on a request to send, or after its one-second idle wait (2.1 added
/// `fetch.queue.backoff.ms` for this). A reader faster than that second is idle most of the
/// time unless the queue holds a second of data, which costs hundreds of MB. Asking each
/// leader for a partition's watermarks is a tiny request that wakes exactly that broker
/// thread. It blocks for a round trip, so it runs on its own queue, one wake at a time.
final class FetchWaker: @unchecked Sendable {
    private let queue = DispatchQueue(label: "evscope-kafka-fetch-waker")
    private let lock = NSLock()
    private var inFlight = false
    /// How long one broker may take to answer before the wake gives up on it.
    private let timeoutMs: Int32 = 500

    /// Starts a wake-up of the brokers leading `partitions` (one partition per broker),
    /// unless one is still running.
    func wake(handle: ClientHandle, partitions: [TopicPartition]) {
        guard !partitions.isEmpty, lock.withLock({ inFlight ? false : { inFlight = true; return true }() }) else { return }
        queue.async { [self] in
            for partition in partitions {
                var low: Int64 = 0
                var high: Int64 = 0
                _ = rd_kafka_query_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high, timeoutMs)
            }
            lock.withLock { inFlight = false }
        }
    }

    /// Returns once no wake-up is running.
    func waitUntilIdle() {
        queue.sync {}
    }
}
