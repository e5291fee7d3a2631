import CRdKafka
import EventScopeCore
import Foundation

/// The Kafka side of `evscope agent`: a consumer in the agents' own group that shares the
/// monitored partitions (cooperative-sticky), and a transactional producer that writes each
/// interval's rollups together with the positions they cover.
///
/// Positions live on a topic of their own (`<rollup topic>.positions`, one record per source
/// partition, keyed `topic:partition`, value `{"v":1,"next":OFFSET}`) rather than in the
/// group's offsets: they are written in the same transaction as the rollups, and a partition
/// taken over starts from the last committed one, so nothing is lost or counted twice. The
/// group's own offsets are never committed.
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
        /// Where partitions without a committed position start.
        public var start: StartPosition
        public var config: KafkaConfig

        public init(bootstrapServers: String, topics: [String], group: String, transactionalId: String, positionsTopic: String,
                    start: StartPosition, config: KafkaConfig) {
            self.bootstrapServers = bootstrapServers
            self.topics = topics
            self.group = group
            self.transactionalId = transactionalId
            self.positionsTopic = positionsTopic
            self.start = start
            self.config = config
        }
    }

    /// A transaction that did not commit.
    public enum TransactionError: Error, CustomStringConvertible {
        /// Aborted: nothing of it is visible; read again from the last committed positions.
        case aborted(String)
        /// The producer cannot go on (e.g. fenced by a newer agent with the same id).
        case fatal(String)

        public var description: String {
            switch self {
            case .aborted(let reason): "transaction aborted: \(reason)"
            case .fatal(let reason): "transactions failed for good: \(reason)"
            }
        }
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

    /// Writes `messages` to the rollup topic and, per partition, the next offset to read to the
    /// positions topic, in one transaction.
    ///
    /// - Throws: `TransactionError.aborted` (nothing written; rewind with `rewind()`) or `.fatal`.
    public func commit(rollupTopic: String, messages: [RollupMessage], positions: [TopicPartition: Int64]) throws(TransactionError) {
        if let error = rd_kafka_begin_transaction(producer.pointer) { try fail(error) }
        do {
            for message in messages { try send(topic: rollupTopic, key: message.key, value: message.value) }
            for (partition, next) in positions.sorted(by: { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }) {
                try send(topic: settings.positionsTopic, key: Array(Self.positionKey(partition).utf8), value: Array(#"{"v":1,"next":\#(next)}"#.utf8))
            }
        } catch {
            try abort()
            throw .aborted(error.description)
        }
        // A retriable error leaves the commit's outcome open: only retrying settles it.
        var attempts = 0
        while let error = rd_kafka_commit_transaction(producer.pointer, 60_000) {
            attempts += 1
            if rd_kafka_error_is_retriable(error) != 0, rd_kafka_error_is_fatal(error) == 0, attempts < 10 {
                rd_kafka_error_destroy(error)
                continue
            }
            try fail(error)
        }
        for (partition, next) in positions {
            committed[partition] = next
            ownCommits[partition] = max(next, ownCommits[partition] ?? next)
        }
    }

    /// Seeks every assigned partition back to its last committed position (or where it
    /// started), after an aborted transaction.
    public func rewind() {
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

    /// Leaves the group (publishing through `onRevoke` first) and flushes the producer.
    public func close() {
        _ = rd_kafka_consumer_close(consumer.pointer)
        _ = rd_kafka_flush(producer.pointer, 10_000)
    }

    static func positionKey(_ partition: TopicPartition) -> String { "\(partition.topic):\(partition.partition)" }

    /// The last committed position per `topic:partition` key, read to the end of the positions
    /// topic with `read_committed` (an open transaction of a dead agent ends the read where it starts).
    public static func readPositions(bootstrapServers: String, topic: String, config: KafkaConfig) throws -> [String: Int64] {
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
        var known: [String: Int64] = [:]
        do {
            known = try Self.readPositions(bootstrapServers: settings.bootstrapServers, topic: settings.positionsTopic, config: settings.config)
        } catch {
            status(.error("cannot read \(settings.positionsTopic): \(error)"))
        }
        for index in 0..<Int(list.pointee.cnt) {
            guard let element = list.pointee.elems.map({ $0 + index }) else { continue }
            guard let topic = element.pointee.topic else { continue }
            let partition = TopicPartition(topic: String(cString: topic), partition: element.pointee.partition)
            var position = known[Self.positionKey(partition)]
            if let own = ownCommits[partition], own > position ?? -1 {
                stalePositionsRead += 1
                position = own
            }
            element.pointee.offset = position ?? Self.logicalOffset(settings.start)
            assignment[partition] = position
            if let position { committed[partition] = position }
        }
        status(.assigned(partitions: assignment.keys.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }))
        release(rd_kafka_incremental_assign(handle, list))
        onAssign?(Dictionary(uniqueKeysWithValues: partitions.map { ($0, assignment[$0] ?? nil) }))
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
            if code == RD_KAFKA_RESP_ERR__QUEUE_FULL, attempts < 600 {
                attempts += 1
                rd_kafka_poll(producer.pointer, 100)
                continue
            }
            throw .produceFailed("\(topic): \(errorText(code))")
        }
    }

    /// Aborts the open transaction, retrying while librdkafka says it may; an abort that does
    /// not complete leaves the transaction's outcome unknown, which only a restart (fencing
    /// this agent's id) settles, so it is fatal.
    private func abort() throws(TransactionError) {
        for _ in 0..<10 {
            guard let error = rd_kafka_abort_transaction(producer.pointer, 60_000) else { return }
            let text = String(cString: rd_kafka_error_string(error))
            let retriable = rd_kafka_error_is_retriable(error) != 0 && rd_kafka_error_is_fatal(error) == 0
            rd_kafka_error_destroy(error)
            if !retriable { throw .fatal("cannot abort the transaction: \(text)") }
        }
        throw .fatal("cannot abort the transaction")
    }

    /// Aborts the transaction (unless the producer cannot go on) and throws what the caller
    /// must do next.
    private func fail(_ error: OpaquePointer) throws(TransactionError) {
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
    private var latest: [String: Int64] = [:]

    var positions: [String: Int64] { lock.withLock { latest } }

    func add(_ records: [Record]) {
        lock.withLock {
            for record in records {
                guard let key = record.key, let value = record.value else { continue }
                let text = String(decoding: value, as: UTF8.self)
                guard let range = text.range(of: #""next":"#),
                      let next = Int64(text[range.upperBound...].prefix { $0.isNumber || $0 == "-" }), next >= 0 else { continue }
                latest[String(decoding: key, as: UTF8.self)] = next
            }
        }
    }
}
