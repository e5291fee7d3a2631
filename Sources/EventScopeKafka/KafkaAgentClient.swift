import CRdKafka
import EventScopeCore
import Foundation

/// The Kafka side of `evscope agent`: a consumer in the agents' own group that shares the
/// monitored partitions (cooperative-sticky), and a transactional producer that writes each
/// interval's rollups together with the positions they cover.
///
/// Positions live on a topic of their own (`<rollup topic>.positions`, one record per source
/// partition, keyed `topic:partition`, value `{"v":1,"next":OFFSET,"by":WRITER}`) rather than in
/// the group's offsets: they are written in the same transaction as the rollups, and a
/// partition taken over starts from the last committed one, so nothing is lost or counted
/// twice. The group's offsets are committed only inside the transactions, where the group's
/// generation fences an agent that lost its partitions mid-commit; they are never read.
///
/// A batch whose transaction aborts is sent again unchanged, never re-read: a broker that keeps
/// aborted records visible (librdkafka 2.0.2's mock cluster) then shows copies a reader folds
/// once, instead of an interval and its re-read. When the group takes the partitions away
/// meanwhile, the batch is held until the next assignment: sent then if they all come back
/// with no one else's position since, dropped otherwise (their owners read its records again).
///
/// Everything runs on the thread that calls `poll`: assignments and revocations are handled
/// inside it (`onRevoke` is called there before partitions go away, to publish what was read
/// from them). Not thread-safe otherwise.
public final class KafkaAgentClient: @unchecked Sendable {
    public struct Settings: Sendable {
        public var bootstrapServers: String
        public var topics: [String]
        public var group: String
        public var transactionalId: String
        public var positionsTopic: String
        /// Names this agent process in the positions it writes (`agent/run`).
        public var writer: String
        /// Where partitions without a committed position start.
        public var start: StartPosition
        public var config: KafkaConfig

        public init(
            bootstrapServers: String, topics: [String], group: String, transactionalId: String, positionsTopic: String,
            writer: String, start: StartPosition, config: KafkaConfig
        ) {
            self.bootstrapServers = bootstrapServers
            self.topics = topics
            self.group = group
            self.transactionalId = transactionalId
            self.positionsTopic = positionsTopic
            self.writer = writer
            self.start = start
            self.config = config
        }
    }

    /// One interval's rollups and the next offset to read per source partition they cover.
    public struct Batch: Sendable {
        public var messages: [RollupMessage]
        public var positions: [TopicPartition: Int64]

        public init(messages: [RollupMessage], positions: [TopicPartition: Int64]) {
            self.messages = messages
            self.positions = positions
        }
    }

    /// A batch that did not commit.
    public enum TransactionError: Error, CustomStringConvertible {
        /// Its transaction aborted and the partitions went away (or the agent is stopping)
        /// before it could be sent again: it is held until the next assignment decides.
        case held(String)
        /// The producer cannot go on (e.g. fenced by a newer agent with the same id).
        case fatal(String)

        public var description: String {
            switch self {
            case .held(let reason): "transaction aborted (\(reason)), interval held until the partitions come back"
            case .fatal(let reason): "transactions failed for good: \(reason)"
            }
        }
    }

    /// Why one transaction did not commit (it was aborted, or the producer cannot go on).
    private enum AttemptError: Error {
        case aborted(String)
        case fatal(String)
    }

    private let settings: Settings
    private let consumer: ClientHandle
    private let producer: ClientHandle
    private var copier = RecordCopier()
    private var producerTopics: [String: OpaquePointer] = [:]
    private let status: @Sendable (KafkaSourceStatus) -> Void

    /// Called inside `poll` before partitions are revoked (and at `close`), while they are
    /// still assigned: the caller publishes what it read, with `commit`.
    public var onRevoke: (([TopicPartition]) -> Void)?
    /// Asked between attempts to send a batch whose transaction aborted; false holds the batch
    /// (the agent is stopping).
    public var keepTrying: () -> Bool = { true }
    /// Called inside `poll` when the group took partitions away without a revocation (this
    /// agent's session expired): they may already be read by another agent, so nothing read
    /// since the last commit may be published; the caller forgets it. The partitions still
    /// assigned are rewound to their committed positions.
    public var onLost: (([TopicPartition]) -> Void)?
    /// Called inside `poll` with partitions just given to this agent and the committed
    /// position each starts from (nil: none, `start` applies).
    public var onAssign: (([TopicPartition: Int64?]) -> Void)?
    /// Partitions being read, with the position each started from (nil: `start` applied).
    public private(set) var assignment: [TopicPartition: Int64?] = [:]
    /// The last committed position per partition this agent read.
    public private(set) var committed: [TopicPartition: Int64] = [:]
    public private(set) var rebalances = 0
    /// A batch whose transaction aborted and which could not be sent again before the
    /// partitions went away, with the committed positions it started from.
    private var held: (rollupTopic: String, batch: Batch, from: [TopicPartition: Int64])?
    /// Batches sent again after their transaction aborted, and held ones dropped because
    /// another agent took their partitions.
    public private(set) var resent = 0
    public private(set) var droppedHeld = 0
    /// Bumped by `rewind()`: records `poll` collected before it are dropped.
    private var rewinds = 0
    /// Every position this agent committed, kept after its partitions go: a committed
    /// position is a fact, and reading the positions topic right after a rebalance was seen to
    /// return an older one.
    private var ownCommits: [TopicPartition: Int64] = [:]
    /// Partitions whose position on the positions topic was older than this agent's own commit.
    public private(set) var stalePositionsRead = 0

    /// Creates both clients (no network traffic yet).
    ///
    /// - Throws: `KafkaError.invalidConfiguration` or `.clientCreationFailed`.
    public init(settings: Settings, status: @escaping @Sendable (KafkaSourceStatus) -> Void) throws {
        self.settings = settings
        self.status = status
        let consumerContext = ClientContext(report: status)
        producer = try ClientHandle(
            consumer: false, config: settings.config,
            // Hops are most of a rollup's bytes and repeat names and ids: zstd shrinks them several times.
            defaults: [
                ("bootstrap.servers", settings.bootstrapServers), ("client.id", "evscope-agent"), ("linger.ms", "20"),
                ("compression.type", "zstd"),
                // An agent that dies holds its open transaction, and with it every
                // `read_committed` reader of the rollups, until the coordinator aborts it (or
                // the agent restarts): an agent commits each second, so 10 s is ample.
                ("transaction.timeout.ms", "10000"),
            ],
            overrides: [("transactional.id", settings.transactionalId), ("enable.idempotence", "true")],
            context: ClientContext(report: status))
        // The context's rebalance hook needs `self`, which exists only once every property is
        // set; it is installed with a placeholder and pointed here below.
        let relay = RebalanceRelay()
        consumerContext.onRebalance = { handle, code, partitions in relay.client?.rebalance(handle, code, partitions) }
        consumer = try ClientHandle(
            consumer: true, config: settings.config,
            defaults: [
                ("bootstrap.servers", settings.bootstrapServers), ("client.id", "evscope-agent"),
                ("auto.offset.reset", settings.start == .end ? "latest" : "earliest"),
            ],
            overrides: [
                ("group.id", settings.group),
                ("partition.assignment.strategy", "cooperative-sticky"),
                ("enable.auto.commit", "false"),
                ("enable.auto.offset.store", "false"),
                ("isolation.level", "read_committed"),
            ],
            context: consumerContext)
        relay.client = self
        rd_kafka_poll_set_consumer(consumer.pointer)
    }

    deinit {
        for topic in producerTopics.values { rd_kafka_topic_destroy(topic) }
        consumer.skipsGroupLeave = !leftGroup
    }

    /// Reaches the cluster, fences older agents with the same transactional id (aborting any
    /// transaction they left open) and joins the group.
    ///
    /// - Throws: `KafkaError.cannotConnect` or `.authenticationFailed`.
    public func connect(timeoutMs: Int = 30_000) throws {
        _ = try consumer.fetchMetadata(timeoutMs: min(timeoutMs, 10_000), bootstrap: settings.bootstrapServers)
        try check(rd_kafka_init_transactions(producer.pointer, Int32(timeoutMs)), what: "cannot start transactions")
        guard let list = rd_kafka_topic_partition_list_new(Int32(settings.topics.count)) else {
            throw KafkaError.clientCreationFailed("cannot allocate a topic list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in settings.topics { rd_kafka_topic_partition_list_add(list, topic, -1) }  // RD_KAFKA_PARTITION_UA
        let code = rd_kafka_subscribe(consumer.pointer, list)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.cannotConnect("cannot join group \(settings.group): \(errorText(code))") }
    }

    /// Returns up to `max` records, waiting up to `timeoutMs` for the first; serves
    /// assignments and revocations meanwhile.
    public func poll(max: Int, timeoutMs: Int) -> [Record] {
        var records: [Record] = []
        var wait = Int32(timeoutMs)
        var seenRebalances = rebalances
        var seenRewinds = rewinds
        while records.count < max, let message = rd_kafka_consumer_poll(consumer.pointer, wait) {
            wait = 0
            defer { rd_kafka_message_destroy(message) }
            // Callbacks ran inside that poll: records collected before a rewind are read again,
            // and those of partitions given up belong to their next owner.
            if rewinds != seenRewinds {
                records.removeAll()
                seenRewinds = rewinds
            }
            if rebalances != seenRebalances {
                records.removeAll { assignment[TopicPartition(topic: $0.topic, partition: $0.partition)] == nil }
                seenRebalances = rebalances
            }
            let code = message.pointee.err
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                records.append(copier.copy(message))
            } else if code != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                let text = rd_kafka_message_errstr(message).map { String(cString: $0) } ?? errorText(code)
                status(.error(text))
            }
        }
        rd_kafka_poll(producer.pointer, 0)
        return records
    }

    /// Writes the batch's messages to the rollup topic and its positions to the positions
    /// topic in one transaction, sending it again while its transaction aborts, the partitions
    /// stay assigned and `keepTrying()` says so.
    ///
    /// - Throws: `TransactionError.held` (the caller goes on; what it read since is forgotten
    ///   when the partitions go) or `.fatal`.
    public func commit(rollupTopic: String, _ batch: Batch) throws(TransactionError) {
        try deliver(rollupTopic: rollupTopic, batch, from: committed)
    }

    /// Records behind the high watermarks (as last fetched) of the assigned partitions, given
    /// the next offset the agent will read of each; partitions not fetched yet count nothing.
    public func lag(positions: [TopicPartition: Int64]) -> Int64 {
        var total: Int64 = 0
        for (partition, started) in assignment {
            var low: Int64 = -1
            var high: Int64 = -1
            guard rd_kafka_get_watermark_offsets(consumer.pointer, partition.topic, partition.partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR,
                high >= 0, let next = positions[partition] ?? started
            else { continue }
            total &+= max(0, high - next)
        }
        return total
    }

    /// Whether a batch is held (its transaction aborted and it is not sent yet).
    public var holdsBatch: Bool { held != nil }

    private func deliver(rollupTopic: String, _ batch: Batch, from: [TopicPartition: Int64]) throws(TransactionError) {
        var attempts = 0
        while true {
            do throws(AttemptError) {
                try transaction(rollupTopic: rollupTopic, batch)
                break
            } catch {
                switch error {
                case .fatal(let reason): throw .fatal(reason)
                case .aborted(let reason):
                    // Lost partitions may already be another agent's, which reads them from the
                    // committed positions: sending the batch now could count them twice.
                    if rd_kafka_assignment_lost(consumer.pointer) != 0 || !keepTrying() {
                        held = (rollupTopic, batch, from)
                        throw .held(reason)
                    }
                    attempts += 1
                    resent += 1
                    status(.error("transaction aborted (\(reason)); sending the same interval again"))
                    usleep(UInt32(min(attempts, 10)) * 200_000)
                }
            }
        }
        for (partition, next) in batch.positions {
            committed[partition] = next
            ownCommits[partition] = max(next, ownCommits[partition] ?? next)
        }
    }

    private func transaction(rollupTopic: String, _ batch: Batch) throws(AttemptError) {
        if let error = rd_kafka_begin_transaction(producer.pointer) { try fail(error) }
        do {
            for message in batch.messages { try send(topic: rollupTopic, key: message.key, value: message.value) }
            for (partition, next) in batch.positions.sorted(by: { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }) {
                try send(topic: settings.positionsTopic, key: Array(Self.positionKey(partition).utf8), value: Self.positionValue(next, writer: settings.writer))
            }
        } catch {
            try abort()
            throw .aborted(error.description)
        }
        try fenceByGeneration(batch.positions)
        // A retriable error leaves the commit's outcome open: only retrying settles it.
        if let error = waitInSlices(upToMs: 600_000, { rd_kafka_commit_transaction(producer.pointer, $0) }) { try fail(error) }
    }

    /// Runs a blocking transactional call in one-second slices (a call that times out is
    /// retriable, and calling again resumes the wait), so a stop request (`keepTrying`) is seen
    /// within a second even while the cluster is unreachable, instead of after minutes.
    /// Returns the error that ended it, nil on success.
    private func waitInSlices(upToMs limitMs: Int, _ call: (Int32) -> OpaquePointer?) -> OpaquePointer? {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            guard let error = call(1_000) else { return nil }
            let retriable = rd_kafka_error_is_retriable(error) != 0 && rd_kafka_error_is_fatal(error) == 0
            let waitedMs = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            guard retriable, waitedMs < limitMs, keepTrying() else { return error }
            rd_kafka_error_destroy(error)
        }
    }

    /// Adds the positions to the transaction as the group's offsets, with the consumer's group
    /// generation: a broker then refuses to commit the transaction of an agent whose session
    /// expired and whose partitions went to another (the commit aborts, and the batch is held).
    /// The offsets themselves are never read back: the positions topic stays the source of
    /// truth (librdkafka 2.0.2's mock cluster neither stores them nor checks generations).
    private func fenceByGeneration(_ positions: [TopicPartition: Int64]) throws(AttemptError) {
        guard !positions.isEmpty, let offsets = rd_kafka_topic_partition_list_new(Int32(positions.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(offsets) }
        for (partition, next) in positions {
            rd_kafka_topic_partition_list_add(offsets, partition.topic, partition.partition)?.pointee.offset = next
        }
        guard let metadata = rd_kafka_consumer_group_metadata(consumer.pointer) else { return }
        defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
        if let error = waitInSlices(upToMs: 30_000, { rd_kafka_send_offsets_to_transaction(producer.pointer, offsets, metadata, $0) }) {
            try fail(error)
        }
    }

    /// Seeks every partition still assigned back to its last committed position (or where it
    /// started), after the group took some away.
    private func rewind() {
        rewinds += 1
        guard !assignment.isEmpty, let list = rd_kafka_topic_partition_list_new(Int32(assignment.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, started) in assignment {
            let offset = committed[partition] ?? started ?? Self.logicalOffset(settings.start)
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)?.pointee.offset = offset
        }
        if let error = rd_kafka_seek_partitions(consumer.pointer, list, 10_000) {
            status(.error("cannot rewind: \(String(cString: rd_kafka_error_string(error)))"))
            rd_kafka_error_destroy(error)
        }
    }

    /// Leaves the group (publishing through `onRevoke` first) and flushes the producer, waiting
    /// at most `limitMs` for the group: with the coordinator unreachable, librdkafka's close
    /// waits without end. Returns false when it did not finish in time; the group then drops
    /// this agent when its session expires.
    public func close(withinMs limitMs: Int = 15_000) -> Bool {
        let finished = DispatchSemaphore(value: 0)
        let handle = consumer
        Thread.detachNewThread {
            _ = rd_kafka_consumer_close(handle.pointer)
            finished.signal()
        }
        guard finished.wait(timeout: .now() + .milliseconds(limitMs)) == .success else {
            // The close still runs on its thread inside the handles, so they must outlive it:
            // this client is kept (never deinitialised) until the process exits.
            _ = Unmanaged.passRetained(self)
            return false
        }
        leftGroup = true
        _ = rd_kafka_flush(producer.pointer, 10_000)
        return true
    }

    /// Whether `close` left the group; a client destroyed without it skips leaving.
    private var leftGroup = false

    static func positionKey(_ partition: TopicPartition) -> String { "\(partition.topic):\(partition.partition)" }

    static func positionValue(_ next: Int64, writer: String) -> [UInt8] {
        var value = Array(#"{"v":1,"next":"#.utf8)
        JSONLineWriter.appendInt(next, to: &value)
        value.append(contentsOf: #","by":"#.utf8)
        JSONLineWriter.appendString(writer, to: &value)
        value.append(UInt8(ascii: "}"))
        return value
    }

    /// A committed position: the next offset to read, and which agent process wrote it.
    public struct Position: Sendable, Equatable {
        public var next: Int64
        public var by: String?
    }

    /// The last committed position per `topic:partition` key, read to the end of the positions
    /// topic with `read_committed` (an open transaction of a dead agent ends the read where it starts).
    public static func readPositions(bootstrapServers: String, topic: String, config: KafkaConfig) throws -> [String: Position] {
        var readerConfig = config
        readerConfig.set("isolation.level", "read_committed")
        let collected = PositionsCollector()
        let reader = try KafkaConsumer(
            bootstrapServers: bootstrapServers, topics: [topic], config: readerConfig, start: .beginning,
            options: KafkaConsumer.Options(exitAtEnd: true), status: { _ in },
            sink: { records in collected.add(records) })
        try reader.connect(timeoutMs: 10_000)
        try reader.start()
        reader.waitUntilFinished()
        return collected.positions
    }

    // MARK: Rebalancing

    private func rebalance(_ handle: OpaquePointer, _ code: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        rebalances += 1
        let partitions = (0..<Int(list.pointee.cnt)).compactMap { index -> TopicPartition? in
            guard let element = list.pointee.elems?[index], let topic = element.topic else { return nil }
            return TopicPartition(topic: String(cString: topic), partition: element.partition)
        }
        if code == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
            assign(partitions, list: list, handle: handle)
        } else {
            // A lost assignment (session timed out) may already belong to another agent: what
            // was read since the last commit is dropped and read again by the new owner.
            let lost = rd_kafka_assignment_lost(handle) != 0
            if lost { onLost?(partitions) } else { onRevoke?(partitions) }
            for partition in partitions {
                assignment.removeValue(forKey: partition)
                committed.removeValue(forKey: partition)
            }
            release(rd_kafka_incremental_unassign(handle, list))
            if lost { rewind() }
        }
    }

    private func assign(_ partitions: [TopicPartition], list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, handle: OpaquePointer) {
        var known: [String: Position] = [:]
        do {
            known = try Self.readPositions(bootstrapServers: settings.bootstrapServers, topic: settings.positionsTopic, config: settings.config)
        } catch {
            status(.error("cannot read \(settings.positionsTopic): \(error)"))
        }
        let resumeHeld = decideHeld(given: Set(partitions), known: known)
        for index in 0..<Int(list.pointee.cnt) {
            guard let element = list.pointee.elems.map({ $0 + index }) else { continue }
            guard let topic = element.pointee.topic else { continue }
            let partition = TopicPartition(topic: String(cString: topic), partition: element.pointee.partition)
            var position = known[Self.positionKey(partition)]?.next
            if let own = ownCommits[partition], own > position ?? -1 {
                stalePositionsRead += 1
                position = own
            }
            if let next = resumeHeld[partition] { position = next }  // The held batch covers up to there.
            element.pointee.offset = position ?? Self.logicalOffset(settings.start)
            assignment[partition] = position
            if let position { committed[partition] = position }
        }
        status(.assigned(partitions: assignment.keys.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }))
        release(rd_kafka_incremental_assign(handle, list))
        onAssign?(Dictionary(uniqueKeysWithValues: partitions.map { ($0, assignment[$0] ?? nil) }))
    }

    /// Settles the held batch at the first assignment after it: sent now if all its partitions
    /// are given back and no other agent committed a position on them since it was made,
    /// dropped otherwise. Returns where its partitions resume when it was sent (after it).
    private func decideHeld(given: Set<TopicPartition>, known: [String: Position]) -> [TopicPartition: Int64] {
        guard let pending = held else { return [:] }
        held = nil
        let untouched = pending.batch.positions.keys.allSatisfy { partition in
            guard given.contains(partition) else { return false }
            guard let last = known[Self.positionKey(partition)] else { return true }
            return last.by == settings.writer || last.next == pending.from[partition]
        }
        if untouched {
            do throws(TransactionError) {
                try deliver(rollupTopic: pending.rollupTopic, pending.batch, from: pending.from)
                resent += 1
                status(.error("sent the interval held since its transaction aborted: its \(pending.batch.positions.count) partitions came back unchanged"))
                return pending.batch.positions
            } catch {
                held = nil
                status(.error("\(error)"))
            }
        }
        droppedHeld += 1
        status(.error("dropped an interval whose transaction aborted: its partitions did not all come back unchanged, their owners read them again"))
        return [:]
    }

    private func release(_ error: OpaquePointer?) {
        guard let error else { return }
        status(.error(String(cString: rd_kafka_error_string(error))))
        rd_kafka_error_destroy(error)
    }

    /// librdkafka's logical offset for a start position; a time goes to the beginning, since
    /// an agent that has never committed must not skip what its share holds.
    static func logicalOffset(_ start: StartPosition) -> Int64 {
        start == .end ? -1 : -2  // RD_KAFKA_OFFSET_END, RD_KAFKA_OFFSET_BEGINNING
    }

    // MARK: Producing

    private func send(topic: String, key: [UInt8], value: [UInt8]) throws(KafkaError) {
        let topicHandle: OpaquePointer
        if let known = producerTopics[topic] {
            topicHandle = known
        } else {
            guard let created = rd_kafka_topic_new(producer.pointer, topic, nil) else { throw .produceFailed("cannot open \(topic)") }
            producerTopics[topic] = created
            topicHandle = created
        }
        var attempts = 0
        while true {
            let code: rd_kafka_resp_err_t = key.withUnsafeBytes { keyBytes in
                value.withUnsafeBytes { valueBytes in
                    var fields = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 5)
                    fields[0].vtype = RD_KAFKA_VTYPE_RKT
                    fields[0].u.rkt = topicHandle
                    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION
                    fields[1].u.i32 = -1
                    fields[2].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    fields[2].u.i = 0x2  // RD_KAFKA_MSG_F_COPY
                    fields[3].vtype = RD_KAFKA_VTYPE_KEY
                    fields[3].u.mem.ptr = UnsafeMutableRawPointer(mutating: keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
                    fields[3].u.mem.size = keyBytes.count
                    fields[4].vtype = RD_KAFKA_VTYPE_VALUE
                    fields[4].u.mem.ptr = UnsafeMutableRawPointer(mutating: valueBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
                    fields[4].u.mem.size = valueBytes.count
                    guard let error = rd_kafka_produceva(producer.pointer, fields, fields.count) else { return RD_KAFKA_RESP_ERR_NO_ERROR }
                    defer { rd_kafka_error_destroy(error) }
                    return rd_kafka_error_code(error)
                }
            }
            if code == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if code == RD_KAFKA_RESP_ERR__QUEUE_FULL, attempts < 600, keepTrying() {
                attempts += 1
                rd_kafka_poll(producer.pointer, 100)
                continue
            }
            throw .produceFailed("\(topic): \(errorText(code))")
        }
    }

    /// Aborts the open transaction, retrying while librdkafka says it may; an abort that does
    /// not complete (within ten minutes, or before a requested stop) leaves the transaction's
    /// outcome unknown, which only a restart (fencing this agent's id) settles, so it is fatal.
    private func abort() throws(AttemptError) {
        guard let error = waitInSlices(upToMs: 600_000, { rd_kafka_abort_transaction(producer.pointer, $0) }) else { return }
        let text = String(cString: rd_kafka_error_string(error))
        rd_kafka_error_destroy(error)
        throw .fatal("cannot abort the transaction: \(text)")
    }

    /// Aborts the transaction (unless the producer cannot go on) and throws what the caller
    /// must do next.
    private func fail(_ error: OpaquePointer) throws(AttemptError) {
        let text = String(cString: rd_kafka_error_string(error))
        let fatal = rd_kafka_error_is_fatal(error) != 0
        rd_kafka_error_destroy(error)
        if fatal { throw .fatal(text) }
        try abort()
        throw .aborted(text)
    }

    private func check(_ error: OpaquePointer?, what: String) throws {
        guard let error else { return }
        let text = String(cString: rd_kafka_error_string(error))
        rd_kafka_error_destroy(error)
        throw KafkaError.cannotConnect("\(what): \(text)")
    }
}

/// Points the consumer context's rebalance hook at the client once it exists.
private final class RebalanceRelay: @unchecked Sendable {
    weak var client: KafkaAgentClient?
}

/// Collects the last position per key from the positions topic (on the reader's thread).
private final class PositionsCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let parser = JSONParser()
    private var latest: [String: KafkaAgentClient.Position] = [:]

    var positions: [String: KafkaAgentClient.Position] { lock.withLock { latest } }

    func add(_ records: [Record]) {
        lock.withLock {
            for record in records {
                guard let key = record.key, let value = record.value, let object = try? parser.parse(value),
                    case .integer(let next)? = object["next"], next >= 0
                else { continue }
                var by: String?
                if case .string(let writer)? = object["by"] { by = writer }
                latest[String(decoding: key, as: UTF8.self)] = KafkaAgentClient.Position(next: next, by: by)
            }
        }
    }
}
