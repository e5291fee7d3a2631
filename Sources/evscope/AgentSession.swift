import EventScopeApp
import EventScopeCore
import EventScopeKafka
import EventScopeTerminal
import Foundation

/// `evscope agent`: one of a group of agents that share the monitored partitions, run the
/// pipeline on their share and publish each second's rollups with the positions they cover,
/// in one transaction. Runs until SIGINT or SIGTERM.
final class AgentSession {
    private let agent: AgentOptions
    private let pipeline: IngestPipeline
    private let client: KafkaAgentClient
    private let interval: RollupInterval
    private var deltas = FindingDeltas()
    /// The next offset to read per partition, as far as the pipeline has ingested.
    private var positions: [TopicPartition: Int64] = [:]
    private var fatalError: String?
    private var redelivered = 0
    /// The next interval's number within this run.
    private var seq: Int64 = 0

    static let publishIntervalMs: Int64 = 1_000

    static func run(options commandLine: WatchOptions, agent: AgentOptions) -> Int32 {
        let options: WatchOptions
        let session: AgentSession
        do throws(SourceWiring.StartError) {
            let configFile: ConfigFile?
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
            guard let brokers = options.brokers else {
                Console.error("missing -b BROKERS (e.g. -b localhost:9092, or `brokers =` in the config file)")
                return ExitCode.usage
            }
            let pipeline = try SessionRunner.makePipeline(options)
            let config = try SourceWiring.kafkaConfig(options, configFile: configFile)
            let run = Console.wallClockMs()
            let settings = KafkaAgentClient.Settings(
                bootstrapServers: brokers, topics: options.topics + options.auditTopics, group: agent.group,
                transactionalId: agent.transactionalId, positionsTopic: agent.positionsTopic, writer: "\(agent.agentId)/\(run)",
                start: options.start ?? .end, config: config)
            let client: KafkaAgentClient
            do {
                client = try KafkaAgentClient(
                    settings: settings,
                    status: { status in
                        switch status {
                        case .error(let message), .authenticationFailed(let message), .allBrokersDown(let message):
                            Console.error("agent \(agent.agentId): \(message)")
                        default: break
                        }
                    })
            } catch {
                throw SourceWiring.StartError(message: "\(error)", exitCode: ExitCode.badConfig)
            }
            session = AgentSession(agent: agent, run: run, pipeline: pipeline, client: client)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        do {
            try session.client.connect()
        } catch {
            Console.error("\(error)")
            return ExitCode.cannotConnect
        }
        TerminalSignals.install()
        signal(SIGPIPE, SIG_IGN)
        return session.loop()
    }

    /// - Parameter run: this process's start time: with the agent id it names the process in
    ///   what it writes, so readers tell its intervals from those of its restarts.
    private init(agent: AgentOptions, run: Int64, pipeline: IngestPipeline, client: KafkaAgentClient) {
        self.agent = agent
        self.pipeline = pipeline
        self.client = client
        interval = RollupInterval(agent: agent.agentId, run: run, startMs: Console.wallClockMs())
        // Only what rollups carry: findings (with the decoding every stage starts from); the
        // counts and hops come from the hooks below.
        pipeline.stages = [.findings]
        pipeline.onEvent = { [interval] event, _, _ in interval.observe(event: event) }
        pipeline.onDecision = { [interval] decision in interval.observe(decision: decision) }
        client.onRevoke = { [unowned self] revoked in
            publish()
            for partition in revoked { positions.removeValue(forKey: partition) }
        }
        client.onAssign = { [agent] given in
            guard !given.isEmpty else { return }
            let resumed = given.values.filter { $0 != nil }.count
            Console.error("agent \(agent.agentId): given \(given.count) partitions, \(resumed) resumed from committed positions")
        }
        client.keepTrying = { TerminalSignals.pendingQuitSignal == nil }
        client.onLost = { [unowned self] lost in
            Console.error(
                "agent \(agent.agentId): the group took \(lost.count) partitions away (session expired); what was read since the last interval is read again")
            forgetInterval()
            for partition in lost { positions.removeValue(forKey: partition) }
        }
    }

    private func loop() -> Int32 {
        var lastPublishMs = Console.wallClockMs()
        while TerminalSignals.pendingQuitSignal == nil, fatalError == nil {
            var records = client.poll(max: 10_000, timeoutMs: 100)
            let nowMs = Console.wallClockMs()
            // librdkafka 2.0.2's group consumer hands out records again after a coordinator or
            // broker outage; within a partition they come in order, so one behind the position
            // was already ingested.
            let delivered = records.count
            records.removeAll { $0.offset < positions[TopicPartition(topic: $0.topic, partition: $0.partition)] ?? .min }
            redelivered += delivered - records.count
            if !records.isEmpty {
                pipeline.ingest(.records(records), nowMs: nowMs)
                for record in records {
                    positions[TopicPartition(topic: record.topic, partition: record.partition)] = record.offset + 1
                }
            }
            pipeline.tick(nowMs: nowMs)
            if nowMs - lastPublishMs >= Self.publishIntervalMs {
                publish()
                lastPublishMs = nowMs
            }
        }
        if client.stalePositionsRead > 0 {
            Console.error("agent \(agent.agentId): \(client.stalePositionsRead) positions read back older than committed; resumed from the commits")
        }
        if redelivered > 0 { Console.error("agent \(agent.agentId): skipped \(redelivered) records the client delivered twice") }
        if fatalError == nil { publish() }
        // Leaving the group revokes everything, which publishes once more (an empty interval).
        if fatalError == nil, !client.close() {
            Console.error("agent \(agent.agentId): could not leave the group (cluster unreachable); it drops this agent when its session expires")
        }
        if client.resent > 0 { Console.error("agent \(agent.agentId): sent \(client.resent) intervals again after their transactions aborted") }
        if client.droppedHeld > 0 {
            Console.error("agent \(agent.agentId): dropped \(client.droppedHeld) held intervals (their partitions went to another agent)")
        }
        if client.holdsBatch {
            Console.error("agent \(agent.agentId): stopped holding an interval whose transaction aborted; the partitions' next owners read it again")
        }
        if let fatalError {
            Console.error("agent \(agent.agentId): \(fatalError)")
            return ExitCode.cannotConnect
        }
        return TerminalSignals.pendingQuitSignal.map(ExitCode.stopped(by:)) ?? ExitCode.ok
    }

    /// Commits the interval's rollups and the positions they cover. The interval is handed
    /// over whatever happens: after an aborted transaction the client sends it again, or holds
    /// it until the partitions come back (and drops it if another agent read them meanwhile).
    private func publish() {
        // Readers take an interval numbered below one they saw for a copy: nothing newer is
        // committed before the held one is settled (at the next assignment).
        guard fatalError == nil, !client.holdsBatch else { return }
        let nowMs = Console.wallClockMs()
        let pending = deltas.pending(in: pipeline.findings)
        let status = RollupInterval.AgentStatus(partitions: client.assignment.count, lag: client.lag(positions: positions))
        let messages = interval.messages(
            seq: seq, endMs: nowMs, findingOccurrences: pending.occurrences, findings: pending.findings, status: status)
        let changed = positions.filter { client.committed[$0.key] != $0.value }
        seq += 1
        deltas.markPublished(pipeline.findings)
        interval.reset(startMs: nowMs)
        do {
            try client.commit(rollupTopic: agent.rollupTopic, KafkaAgentClient.Batch(messages: messages, positions: changed))
        } catch {
            switch error {
            case .fatal(let reason): fatalError = reason
            case .held: Console.error("agent \(agent.agentId): \(error)")
            }
        }
    }

    /// Drops what was read since the last commit, which will be read (and its findings judged)
    /// again from the committed positions.
    private func forgetInterval() {
        for partition in Array(positions.keys) { positions[partition] = client.committed[partition] }
        deltas.markPublished(pipeline.findings)
        interval.reset(startMs: Console.wallClockMs())
    }
}
