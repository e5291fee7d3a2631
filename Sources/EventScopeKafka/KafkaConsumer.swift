import CRdKafka
import EventScopeCore
import Foundation

/// A read-only monitor of Kafka topics: starts reading each partition itself, has no consumer
/// group, and hands records to a sink in batches from its own thread.
///
/// Without a group the monitor sends no group request at all (no coordinator lookup, offset
/// fetch, join or commit): on a cluster with ACLs each of those can be denied and written to
/// the very audit trail being watched. It also stays invisible to the teams it watches, has no
/// rebalance duplicates during coordinator outages, and no group-join delay. Partitions are read
/// with librdkafka's simple consumer into one queue of our own, because the high-level
/// consumer's queue exists only with a `group.id`, and a `group.id` alone makes librdkafka look
/// up a coordinator. Topic patterns (`^regex`) are re-resolved periodically so new topics and
/// partitions appear.
///
/// Use: `init` → `connect(timeoutMs:)` (fails fast on bad brokers or credentials) → `start()`
/// → later `stop()` (or `waitUntilFinished()` with `exitAtEnd`). Do not call `stop()` from
/// inside the sink, the status closures, the borrowing sink or what it returns: the first two
/// run on the consumer thread, the borrowing sink on the consumer thread (its share of a batch)
/// and on a lending queue of its own (`LendingPipeline`), which also publishes.
public final class KafkaConsumer: @unchecked Sendable {
    /// Tuning and behaviour knobs; the defaults are what `evscope` uses.
    public struct Options: Sendable {
        /// Finish once every assigned partition has reached its end at least once (kcat `-e`).
        public var exitAtEnd = false
        /// How often topic patterns and partition counts are re-read from metadata.
        public var rescanIntervalMs = 5_000
        /// How often `.lag` is reported.
        public var lagIntervalMs = 1_000
        /// The most records handed to the sink at once.
        /// Large batches measured ~30% faster than 1,000 against the mock cluster; 10,000
        /// rather than 50,000 because a batch in flight is memory `isBackedUp` cannot hold back.
        public var maxBatchSize = 10_000
        /// How long one wait for records may block, which bounds the reaction time to `stop()`.
        public var pollTimeoutMs = 50
        /// Asked before each fetch from librdkafka's queue; while it returns true (the
        /// application has not caught up, e.g. `{ inbox.pendingRecords > 100_000 }`) the
        /// consumer waits instead of copying more records, so librdkafka's bounded queue, not
        /// the application's heap, absorbs the backlog and then fetching pauses.
        public var isBackedUp: (@Sendable () -> Bool)?
        /// When set, each batch is lent to this closure as views into librdkafka's buffers and
        /// the `sink` is not called. For readers that look at each record once and keep nothing
        /// (headless event output), copying into `Record`s is most of the cost. The closure
        /// processes one part of a batch, whose views are valid only during the call, and
        /// returns what publishes the part's result. The lending queue takes each batch, the
        /// consumer thread a `consumerShare` of its first records at the same time (on lanes 1
        /// and 0, one call per lane at a time); results are published one at a time in the
        /// order the records were taken. The end of the topics is reported only after every
        /// batch before it has been published (other status reports may come earlier).
        public var borrowingSink: (@Sendable (UnsafeBufferPointer<RecordView>, _ lane: Int) -> LentPartPublisher)?
        /// The fraction of each lent batch of at least `consumerShareMinimumBatch` records the
        /// consumer thread processes itself, between preparing batches (see `LendingPipeline`).
        public var consumerShare = LendingPipeline.defaultConsumerShare
        public var consumerShareMinimumBatch = 2_000
        /// How much librdkafka may fetch and hold ahead of the application.
        public var fetchBudget = FetchBudget.bounded
        /// The most partitions read at once; topics beyond it (whole topics, in name order) are
        /// not read, and reported as `.partitionsOverCap`. librdkafka 2.0.2 looks topics up by a
        /// linear search of names: a regex matching 10,000 topics (40,000 partitions) kept its
        /// broker threads busy comparing names and never delivered, while 2,000 topics (8,000
        /// partitions) flowed at full rate (Tests/e2e/flood.sh).
        public var maxPartitions = 8_000

        public init(exitAtEnd: Bool = false, isBackedUp: (@Sendable () -> Bool)? = nil) {
            self.exitAtEnd = exitAtEnd
            self.isBackedUp = isBackedUp
        }
    }

    private let bootstrapServers: String
    private let selectors: [TopicSelector]
    private let startPosition: StartPosition
    private let options: Options
    private let nowMs: @Sendable () -> Int64
    private let sink: @Sendable ([Record]) -> Void
    private let handle: ClientHandle
    private let health: BrokerHealthProbe
    /// The queue every partition's records, ends and errors are delivered to.
    private let queue: OpaquePointer
    private let waker: FetchWaker
    /// librdkafka's queue limits (`queued.max.messages.kbytes` in bytes, `queued.min.messages`):
    /// fetching pauses while the queue is over either.
    private let queueLimitBytes: Int
    private let queueLimitRecords: Int

    private let lock = NSLock()
    private var stopRequested = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)
    private var consumedCount = 0

    // Touched only by the consumer thread once started (and by connect before it).
    private var assigned: Set<TopicPartition> = []
    /// Topic handles of the partitions being read, kept until those partitions are stopped.
    private var topicHandles: [String: OpaquePointer] = [:]
    private var leaders: [TopicPartition: Int32] = [:]
    private var reportedUnwatched = 0
    private var reportedMissing: Set<String> = []
    private var connected = false

    /// Creates the consumer handle (no network traffic yet).
    ///
    /// - Parameters:
    ///   - topics: literal names or `^regex` patterns.
    ///   - config: the user's `-X`/`-F` properties; they override our defaults, except the
    ///     settings that keep the monitor read-only (a `group.id` given is ignored).
    ///   - nowMs: the wall clock, used only to resolve `.ago` start positions.
    ///   - status: connection and progress reports (see `KafkaSourceStatus`).
    ///   - sink: receives every record, in order per partition, in batches.
    /// - Throws: `KafkaError.invalidTopicPattern`, `.invalidConfiguration`, `.clientCreationFailed`.
    public init(
        bootstrapServers: String, topics: [String], config: KafkaConfig = KafkaConfig(),
        start: StartPosition = .end, options: Options = Options(),
        nowMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
        status: @escaping @Sendable (KafkaSourceStatus) -> Void,
        sink: @escaping @Sendable ([Record]) -> Void
    ) throws {
        guard !topics.isEmpty else { throw KafkaError.invalidTopicPattern("no topic given") }
        selectors = try topics.map(TopicSelector.init)
        self.bootstrapServers = bootstrapServers
        startPosition = start
        self.options = options
        self.nowMs = nowMs
        self.sink = sink
        let budget = options.fetchBudget
        handle = try ClientHandle(
            consumer: true, config: config,
            defaults: [
                ("bootstrap.servers", bootstrapServers),
                ("client.id", "evscope"),
                ("auto.offset.reset", "earliest"),
                ("queued.min.messages", String(budget.queueRecords)),
                ("queued.max.messages.kbytes", String(budget.queueKilobytes)),
                ("fetch.max.bytes", String(budget.fetchMaxBytes)),
                ("max.partition.fetch.bytes", String(budget.partitionFetchMaxBytes)),
                // How long a broker holds a fetch that finds no new records. The end of a
                // partition is known only from such an empty fetch, so with `exitAtEnd` each one
                // held delayed the exit: `bench consume` measured 50-100 ms from the last record
                // to the last end-of-partition report at 100 ms, none at 10 ms. The price is up to
                // 100 empty fetches a second to a broker whose partitions have all ended while
                // others are still being read, for the rest of a run that is about to end.
                ("fetch.wait.max.ms", options.exitAtEnd ? "10" : "100"),
            ],
            overrides: [
                // An empty group id creates no group (a `group.id` from a shared client
                // properties file would otherwise bring back the coordinator lookups).
                ("group.id", ""),
                ("enable.auto.commit", "false"),
                ("enable.auto.offset.store", "false"),
                ("enable.partition.eof", "true"),
            ],
            context: ClientContext(report: status))
        health = try BrokerHealthProbe(bootstrapServers: bootstrapServers, config: config, report: status)
        guard let queue = rd_kafka_queue_new(handle.pointer) else {
            throw KafkaError.clientCreationFailed("cannot create the consumer queue")
        }
        self.queue = queue
        waker = FetchWaker(handle: handle)
        queueLimitBytes = max(1, (handle.configValue("queued.max.messages.kbytes").flatMap(Int.init) ?? 8_192) * 1024)
        queueLimitRecords = max(1, handle.configValue("queued.min.messages").flatMap(Int.init) ?? 100_000)
    }

    deinit {
        stop()
        // Partitions started by `connect()` without `start()`; the consumer thread stops its own.
        stopReading()
        rd_kafka_queue_destroy(queue)
    }

    /// The effective value of a librdkafka property for this consumer (ours, then the user's).
    func configValue(_ name: String) -> String? { handle.configValue(name) }

    /// Records handed to the sink so far.
    public var recordsConsumed: Int { lock.withLock { consumedCount } }

    /// Requests sent to end librdkafka's fetch pause after a drained queue (see `FetchWaker`).
    public var fetchWakeups: Int { waker.wakeupsSent }

    /// Fetches metadata and starts reading the selected partitions at the start position.
    ///
    /// Call it (at most once) before `start()`: afterwards the consumer thread owns the assignment.
    ///
    /// - Returns: the partitions assigned (may be empty when no topic matches yet).
    /// - Throws: `KafkaError.cannotConnect` (naming the brokers, the reason and the timeout) or
    ///   `.authenticationFailed`, within about `timeoutMs`.
    @discardableResult
    public func connect(timeoutMs: Int = 10_000) throws -> [TopicPartition] {
        let metadata = try handle.fetchMetadata(timeoutMs: timeoutMs, bootstrap: bootstrapServers)
        handle.context.emit(.connected(brokers: metadata.brokers))
        connected = true
        let added = try assignNew(from: metadata, position: startPosition, timeoutMs: timeoutMs)
        return added.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Starts the consumer thread (connecting first with a 10 s timeout if not done yet);
    /// a second call does nothing.
    public func start() throws {
        guard !lock.withLock({ started }) else { return }
        if !connected { try connect() }
        waker.start()
        let thread = Thread { [self] in
            run()
            waker.stop()
            finished.signal()
        }
        thread.name = "evscope-kafka-consumer"
        lock.withLock { started = true }
        thread.start()
    }

    /// Blocks until the consumer thread ends (at the end with `exitAtEnd`, or after `stop()`).
    public func waitUntilFinished() {
        guard lock.withLock({ started }) else { return }
        finished.wait()
        finished.signal()  // Let later callers (stop, deinit) pass too.
    }

    /// Asks the consumer thread to finish and waits for it.
    public func stop() {
        lock.withLock { stopRequested = true }
        waitUntilFinished()
    }

    private var shouldStop: Bool { lock.withLock { stopRequested } }

    private func run() {
        let capacity = max(1, options.maxBatchSize)
        let messages = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: capacity)
        defer { messages.deallocate() }
        var copier = RecordCopier()
        // Runs after the pipeline's drain below (defers run in reverse), so every lent message
        // is released before its partition stops.
        defer { stopReading() }
        let pipeline = options.borrowingSink.map {
            LendingPipeline(
                capacity: capacity, consumerShare: options.consumerShare, minimumSplit: options.consumerShareMinimumBatch, sink: $0)
        }
        // Lines of batches still in the pipeline must be out before the end is reported.
        defer { pipeline?.drain() }
        var reachedEnd: Set<TopicPartition> = []
        var reportedEnd = false
        var intake = (records: 0, bytes: 0)
        let clock = ContinuousClock()
        var nextRescan = clock.now + .milliseconds(options.rescanIntervalMs)
        var nextLag = clock.now + .milliseconds(options.lagIntervalMs)

        while !shouldStop {
            if let isBackedUp = options.isBackedUp, isBackedUp() {
                serveCallbacks()
                usleep(2_000)
                continue
            }
            // Take what is queued without waiting: a timeout here would hold a partial batch
            // until the batch filled or the timeout ran out.
            var count = rd_kafka_consume_batch_queue(queue, 0, messages, capacity)
            if count == 0, let first = rd_kafka_consume_queue(queue, Int32(options.pollTimeoutMs)) {
                messages[0] = first
                count = 1 + rd_kafka_consume_batch_queue(queue, 0, messages + 1, capacity - 1)
            }
            if count == 0 {
                pipeline?.releaseFinished()
            } else {
                // Records move to the front of `messages`; end-of-partition and error reports
                // are handled and released here.
                var dataCount = 0
                var batchBytes = 0
                for index in 0..<count {
                    guard let message = messages[index] else { continue }
                    let code = message.pointee.err
                    if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                        batchBytes += message.pointee.len + message.pointee.key_len
                        messages[dataCount] = message
                        dataCount += 1
                        continue
                    }
                    if code == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                        reachedEnd.insert(
                            TopicPartition(
                                topic: copier.topicName(message.pointee.rkt), partition: message.pointee.partition))
                    } else {
                        report(error: code, in: message, copier: &copier)
                    }
                    rd_kafka_message_destroy(message)
                }
                if dataCount > 0 {
                    endFetchPauseIfDue(took: dataCount, bytes: batchBytes, sinceLastWake: &intake)
                    lock.withLock { consumedCount += dataCount }
                    deliver(messages, count: dataCount, copier: &copier, pipeline: pipeline)
                }
            }
            serveCallbacks()
            let now = clock.now
            if now >= nextRescan {
                nextRescan = now + .milliseconds(options.rescanIntervalMs)
                rescan()
            }
            if now >= nextLag {
                nextLag = now + .milliseconds(options.lagIntervalMs)
                reportLag()
            }
            if !reportedEnd, assigned.isSubset(of: reachedEnd) {
                reportedEnd = true
                pipeline?.drain()
                handle.context.emit(.reachedEnd)
                if options.exitAtEnd { break }
            }
        }
    }

    /// Serves the consumer's error callbacks and the health probe's statistics.
    private func serveCallbacks() {
        rd_kafka_poll(handle.pointer, 0)
        health.poll()
    }

    /// Hands the records to the borrowing sink as views (the pipeline releases the messages),
    /// or to the sink as copies, releasing the messages.
    private func deliver(
        _ messages: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>, count: Int,
        copier: inout RecordCopier, pipeline: LendingPipeline?
    ) {
        if let pipeline {
            pipeline.lend(messages, count: count, copier: &copier)
            return
        }
        var records: [Record] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            guard let message = messages[index] else { continue }
            records.append(copier.copy(message))
            rd_kafka_message_destroy(message)
        }
        sink(records)
    }

    /// Wakes the leaders once the application has taken a quarter of the queue's limit since the
    /// last wake-up and the queue is then under three quarters of it (estimated from this
    /// batch's record size): fetching may have paused at the limit and would now resume. A
    /// trickle of records never reaches the quarter, so an idle monitor sends nothing.
    private func endFetchPauseIfDue(took records: Int, bytes: Int, sinceLastWake intake: inout (records: Int, bytes: Int)) {
        intake.records += records
        intake.bytes += bytes
        guard intake.bytes >= queueLimitBytes / 4 || intake.records >= queueLimitRecords / 4 else { return }
        let queued = Int(rd_kafka_queue_length(queue))
        let averageBytes = bytes / max(1, records)
        guard queued * averageBytes < queueLimitBytes / 4 * 3, queued < queueLimitRecords / 4 * 3 else { return }
        waker.nudge()
        intake = (0, 0)
    }

    private func report(
        error code: rd_kafka_resp_err_t,
        in message: UnsafeMutablePointer<rd_kafka_message_t>, copier: inout RecordCopier
    ) {
        let topic = copier.topicName(message.pointee.rkt)
        let text = rd_kafka_message_errstr(message).map { String(cString: $0) } ?? errorText(code)
        if code == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED {
            handle.context.emit(.authorizationDenied(topic: topic, partition: message.pointee.partition, message: text))
        } else if topic.isEmpty {
            handle.context.emit(.error(text))
        } else {
            handle.context.emit(.error("\(topic)[\(message.pointee.partition)]: \(text)"))
        }
    }

    /// Re-reads metadata and assigns partitions that appeared since the last scan from their
    /// beginning, since everything in them is newer than the monitor's start.
    private func rescan() {
        var pointer: UnsafePointer<rd_kafka_metadata_t>?
        guard rd_kafka_metadata(handle.pointer, 1, nil, &pointer, 1_000) == RD_KAFKA_RESP_ERR_NO_ERROR,
            let pointer
        else { return }
        let metadata = ClusterMetadata(pointer.pointee)
        rd_kafka_metadata_destroy(pointer)
        do {
            _ = try assignNew(from: metadata, position: .beginning, timeoutMs: 1_000)
        } catch {
            handle.context.emit(.error("cannot assign new partitions: \(error)"))
        }
    }

    /// Starts reading the selected partitions not read yet; returns them.
    private func assignNew(
        from metadata: ClusterMetadata, position: StartPosition,
        timeoutMs: Int
    ) throws -> [TopicPartition] {
        var freshByTopic: [(name: String, partitions: [TopicPartition], leaders: [Int32: Int32])] = []
        for topic in metadata.topics where topic.error == RD_KAFKA_RESP_ERR_NO_ERROR {
            guard selectors.contains(where: { $0.matches(topic.name) }) else { continue }
            var topicFresh: [TopicPartition] = []
            for partition in topic.partitions {
                let candidate = TopicPartition(topic: topic.name, partition: partition)
                if !assigned.contains(candidate) {
                    topicFresh.append(candidate)
                } else if let leader = topic.leaders[partition] {
                    leaders[candidate] = leader  // Leaders move; keep the waker's targets current.
                }
            }
            if !topicFresh.isEmpty { freshByTopic.append((topic.name, topicFresh, topic.leaders)) }
        }
        // Whole topics, in name order, while they fit under the cap; the rest are counted and shown.
        var fresh: [TopicPartition] = []
        var room = max(0, options.maxPartitions - assigned.count)
        var unwatched = 0
        for entry in freshByTopic.sorted(by: { $0.name < $1.name }) {
            guard entry.partitions.count <= room else {
                unwatched += entry.partitions.count
                continue
            }
            fresh += entry.partitions
            room -= entry.partitions.count
            for partition in entry.partitions {
                if let leader = entry.leaders[partition.partition] { leaders[partition] = leader }
            }
        }
        if unwatched != reportedUnwatched {
            reportedUnwatched = unwatched
            handle.context.emit(.partitionsOverCap(unwatched: unwatched, cap: options.maxPartitions))
        }
        defer { waker.setTargets(assigned: assigned, leaders: leaders) }
        let known = Set(metadata.topics.filter { $0.error == RD_KAFKA_RESP_ERR_NO_ERROR }.map(\.name))
        for selector in selectors where !selector.isPattern && !known.contains(selector.text) {
            if reportedMissing.insert(selector.text).inserted { handle.context.emit(.topicMissing(selector.text)) }
        }
        guard !fresh.isEmpty else { return [] }
        let offsets = try startOffsets(for: fresh, position: position, timeoutMs: timeoutMs)
        var started: [TopicPartition] = []
        // Report what did start even when a later partition fails.
        defer {
            if !started.isEmpty {
                handle.context.emit(.assigned(partitions: assigned.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }))
            }
        }
        for (partition, offset) in zip(fresh, offsets) {
            try startReading(partition, at: offset)
            assigned.insert(partition)
            started.append(partition)
        }
        return started
    }

    /// Starts fetching one partition into the consumer's queue from a librdkafka offset.
    ///
    /// A logical offset (beginning, end) or an explicit one never reads the offsets stored for a
    /// group, so librdkafka sends ListOffsets at most.
    private func startReading(_ partition: TopicPartition, at offset: Int64) throws {
        let topic: OpaquePointer
        if let known = topicHandles[partition.topic] {
            topic = known
        } else {
            guard let created = rd_kafka_topic_new(handle.pointer, partition.topic, nil) else {
                throw KafkaError.clientCreationFailed("cannot read topic \(partition.topic): \(errorText(rd_kafka_last_error()))")
            }
            topicHandles[partition.topic] = created
            topic = created
        }
        guard rd_kafka_consume_start_queue(topic, partition.partition, offset, queue) == 0 else {
            throw KafkaError.clientCreationFailed("cannot start reading \(partition): \(errorText(rd_kafka_last_error()))")
        }
    }

    /// Stops fetching every partition and releases the topic handles.
    ///
    /// Each stop waits for the partition's broker thread to acknowledge it, so no fetch for the
    /// partition is in flight when its topic handle goes away.
    private func stopReading() {
        for partition in assigned {
            if let topic = topicHandles[partition.topic] { _ = rd_kafka_consume_stop(topic, partition.partition) }
        }
        assigned.removeAll()
        for topic in topicHandles.values { rd_kafka_topic_destroy(topic) }
        topicHandles.removeAll()
    }

    /// The librdkafka offset each partition starts at: a logical offset, or one looked up by time.
    private func startOffsets(
        for partitions: [TopicPartition], position: StartPosition,
        timeoutMs: Int
    ) throws -> [Int64] {
        let logicalBeginning: Int64 = -2  // RD_KAFKA_OFFSET_BEGINNING
        let logicalEnd: Int64 = -1  // RD_KAFKA_OFFSET_END
        let timestamp: Int64
        switch position {
        case .beginning: return partitions.map { _ in logicalBeginning }
        case .end: return partitions.map { _ in logicalEnd }
        // Negative timestamps mean "latest"/"earliest" to ListOffsets: a time before 1970 (or
        // further back than the clock) starts at the first record instead.
        case .ago(let ms): timestamp = max(0, nowMs().subtractingReportingOverflow(ms).partialValue)
        case .time(let epochMs): timestamp = max(0, epochMs)
        }
        guard let list = rd_kafka_topic_partition_list_new(Int32(partitions.count)) else {
            return partitions.map { _ in logicalEnd }
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            // offsets_for_times takes the timestamp in the offset field and replaces it.
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)?.pointee.offset = timestamp
        }
        let code = rd_kafka_offsets_for_times(handle.pointer, list, Int32(timeoutMs))
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.cannotConnect("cannot look up offsets by time: \(errorText(code))")
        }
        var byPartition: [TopicPartition: Int64] = [:]
        for index in 0..<Int(list.pointee.cnt) {
            guard let element = list.pointee.elems?[index], let topic = element.topic else { continue }
            // -1 means no record at or after that time: start at the end.
            let offset = element.err == RD_KAFKA_RESP_ERR_NO_ERROR && element.offset >= 0 ? element.offset : logicalEnd
            byPartition[TopicPartition(topic: String(cString: topic), partition: element.partition)] = offset
        }
        return partitions.map { byPartition[$0] ?? logicalEnd }
    }

    /// Reports, per assigned partition, how many records lie between our position and the end,
    /// using the watermarks librdkafka caches from fetch responses (no extra requests).
    private func reportLag() {
        guard !assigned.isEmpty,
            let list = rd_kafka_topic_partition_list_new(Int32(assigned.count))
        else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let ordered = assigned.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        for partition in ordered { rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition) }
        guard rd_kafka_position(handle.pointer, list) == RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        var lags: [PartitionLag] = []
        for index in 0..<Int(list.pointee.cnt) {
            guard let element = list.pointee.elems?[index], let topic = element.topic else { continue }
            var low: Int64 = -1
            var high: Int64 = -1
            guard
                rd_kafka_get_watermark_offsets(handle.pointer, topic, element.partition, &low, &high)
                    == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0
            else { continue }
            let position = element.offset >= 0 ? element.offset : high
            lags.append(
                PartitionLag(
                    partition: TopicPartition(topic: String(cString: topic), partition: element.partition),
                    highWatermark: high, lag: max(0, high - position)))
        }
        if !lags.isEmpty { handle.context.emit(.lag(lags)) }
    }
}
