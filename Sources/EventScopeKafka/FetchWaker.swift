import CRdKafka
import Foundation

/// Ends librdkafka 2.0.2's fetch pause as soon as the application has drained the queue.
///
/// librdkafka stops fetching a partition while the consumer queue is over
/// `queued.max.messages.kbytes` and re-checks only when the broker's thread next wakes up,
/// which with nothing else to do is up to a second later (`rd_kafka_max_block_ms`; versions
/// from 2.4 make it `fetch.queue.backoff.ms`). A reader slower than the wire hits that limit
/// constantly and spends most of its time waiting: 0.06× kcat's rate in `bench consume`.
/// Any request to a broker wakes its thread, so after a drain this sends the cheapest one the
/// monitor is allowed anyway (ListOffsets for one assigned partition per leader, covered by
/// the READ permission it already uses) from its own thread, so the consumer never blocks.
final class FetchWaker: @unchecked Sendable {
    private let handle: ClientHandle
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var running = false
    /// One assigned partition per leader broker: a request for it reaches that broker's thread.
    private var targets: [TopicPartition] = []
    private var sent = 0
    private let finished = DispatchSemaphore(value: 0)

    init(handle: ClientHandle) {
        self.handle = handle
    }

    /// Wake-up requests sent so far (one per nudge that found the waker idle).
    var wakeupsSent: Int { condition.withLock { sent } }

    /// Picks one assigned partition per leader from the latest metadata.
    func setTargets(assigned: Set<TopicPartition>, leaders: [TopicPartition: Int32]) {
        var byLeader: [Int32: TopicPartition] = [:]
        for partition in assigned.sorted(by: { ($0.topic, $0.partition) < ($1.topic, $1.partition) }) {
            guard let leader = leaders[partition], leader >= 0, byLeader[leader] == nil else { continue }
            byLeader[leader] = partition
        }
        let chosen = byLeader.keys.sorted().compactMap { byLeader[$0] }
        condition.withLock { targets = chosen }
    }

    /// Asks for a wake-up; requests made while one is in flight collapse into one.
    func nudge() {
        condition.withLock {
            requested = true
            condition.signal()
        }
    }

    func start() {
        let alreadyRunning = condition.withLock {
            defer { running = true }
            return running
        }
        guard !alreadyRunning else { return }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "evscope-fetch-waker"
        thread.start()
    }

    /// Stops the thread and waits for it (at most one request's timeout).
    func stop() {
        let wasRunning = condition.withLock {
            stopping = true
            condition.signal()
            return running
        }
        if wasRunning {
            finished.wait()
            finished.signal()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while !requested && !stopping { condition.wait() }
            let shouldStop = stopping
            requested = false
            let partitions = targets
            if !shouldStop && !partitions.isEmpty { sent += 1 }
            condition.unlock()
            if shouldStop { return }
            if !partitions.isEmpty {
                wake(partitions)
                // At most one wake-up per 5 ms: a busy monitor drains its queue hundreds of times
                // a second, and a pause cut short within 5 ms costs nothing measurable.
                usleep(5_000)
            }
        }
    }

    /// Sends ListOffsets (latest) for the partitions; the answer itself is not needed.
    private func wake(_ partitions: [TopicPartition]) {
        guard let list = rd_kafka_topic_partition_list_new(Int32(partitions.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let latest: Int64 = -1
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)?.pointee.offset = latest
        }
        _ = rd_kafka_offsets_for_times(handle.pointer, list, 1_000)
    }
}
