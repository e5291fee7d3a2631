import EventScopeCore
import EventScopeKafka
import Foundation

/// `evscope bench scale`: the combined rate of 1, 2 and 3 `evscope agent` processes sharing one
/// topic of the mock cluster through their consumer group, each publishing rollups with its
/// positions once a second.
///
/// The topic is filled first; each agent count then runs against a fresh group and rollup
/// topic (so every run reads everything from the beginning) until the committed positions
/// cover every event. Two rates come out: over the whole run (the group's join, ~3 s on the
/// mock, and the last commit included) and from the first committed position to the last (what
/// the agents read once they have their partitions). The agents' CPU time, from their rusage,
/// gives the work per event, which does not depend on how many cores there are. Each run's
/// rollups are then folded into a dashboard's pipeline, which must count every event (the mock
/// cluster keeps about 5 MB per partition and drops older records: both topics have partitions
/// enough for a million events), and which gives the rate a rollup reader absorbs.
enum ScaleBenchmark {
    struct Run {
        var agents: Int
        var seconds: Double
        var steadySeconds: Double
        var steadyEvents: Int
        var cpuSeconds: Double
        /// The run's rollups folded by a reader: events counted and seconds.
        var reader: (events: UInt64, seconds: Double) = (0, 0)
    }

    static let partitions = 192

    static func run(events: Int, agentCounts: [Int], progress: (String) -> Void) throws -> [Run] {
        let cluster = try MockCluster(brokers: 3)
        let topic = "bench.scale"
        try cluster.createTopic(topic, partitions: partitions, replicationFactor: 1)
        let produceStart = ContinuousClock.now
        try ConsumeBenchmark.fill(topic: topic, records: events, bootstrap: cluster.bootstrapServers)
        progress(
            "mock cluster \(cluster.bootstrapServers): \(events) events on \(topic) (\(partitions) partitions) in \(format(seconds(since: produceStart))) s")
        var runs: [Run] = []
        for count in agentCounts {
            var run = try measure(agents: count, events: events, topic: topic, cluster: cluster)
            let reader = try foldRollups(topic: rollupTopic(agents: count), bootstrap: cluster.bootstrapServers)
            guard reader.events == UInt64(events) else {
                throw KafkaError.cannotConnect("the rollups of \(count) agents count \(reader.events) of \(events) events")
            }
            run.reader = reader
            progress(
                "\(count) agent\(count == 1 ? "" : "s"): \(format(run.seconds)) s in all, \(run.steadyEvents) events in \(format(run.steadySeconds)) s "
                    + "after the first commit, agents' CPU \(format(run.cpuSeconds)) s; rollups folded in \(format(reader.seconds)) s")
            runs.append(run)
        }
        return runs
    }

    static func rollupTopic(agents: Int) -> String { "bench.scale.rollups.\(agents)" }

    /// Reads a rollup topic to its end into a dashboard's pipeline (counts, decisions, chains
    /// from the hops): what a reader absorbs per event the agents read.
    private static func foldRollups(topic: String, bootstrap: String) throws -> (events: UInt64, seconds: Double) {
        let pipeline = IngestPipeline()
        pipeline.stages = [.aggregates, .traces]
        let model = ConfinedPipeline(pipeline)
        var config = KafkaConfig()
        config.set("isolation.level", "read_committed")
        let start = ContinuousClock.now
        let consumer = try KafkaConsumer(
            bootstrapServers: bootstrap, topics: [topic], config: config, start: .beginning, options: KafkaConsumer.Options(exitAtEnd: true),
            status: { _ in }, sink: { records in model.fold(records) })
        try consumer.start()
        consumer.waitUntilFinished()
        return (model.events, seconds(since: start))
    }

    private static func measure(agents count: Int, events: Int, topic: String, cluster: MockCluster) throws -> Run {
        let rollupTopic = rollupTopic(agents: count)
        // Hops are one record per traced event: partitions enough that the mock keeps them all.
        try cluster.createTopic(rollupTopic, partitions: 64, replicationFactor: 1)
        try cluster.createTopic(rollupTopic + ".positions", partitions: 4, replicationFactor: 1)
        let cpuBefore = ConsumeBenchmark.childrenCPUSeconds()
        let start = ContinuousClock.now
        var processes: [Process] = []
        defer {
            for process in processes where process.isRunning { process.terminate() }
            for process in processes { process.waitUntilExit() }
        }
        for index in 1...count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BenchCommand.selfExecutable())
            process.arguments = [
                "agent", "-b", cluster.bootstrapServers, "-t", topic, "--group", "bench-scale-\(count)", "--rollup-topic", rollupTopic,
                "--agent-id", "a\(index)", "--from", "beginning",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        var first: (seconds: Double, covered: Int)?
        var covered = 0
        while covered < events {
            Thread.sleep(forTimeInterval: 0.25)
            let positions = try KafkaAgentClient.readPositions(
                bootstrapServers: cluster.bootstrapServers, topic: rollupTopic + ".positions", config: KafkaConfig())
            covered = positions.values.reduce(0) { $0 + Int($1.next) }
            if first == nil, covered > 0 { first = (seconds(since: start), covered) }
            if seconds(since: start) > 600 { throw KafkaError.cannotConnect("\(count) agents covered \(covered) of \(events) events in 10 minutes") }
            if let exited = processes.first(where: { !$0.isRunning }) {
                throw KafkaError.cannotConnect("an agent exited with \(exited.terminationStatus) before covering every event")
            }
        }
        let elapsed = seconds(since: start)
        for process in processes { process.terminate() }
        for process in processes { process.waitUntilExit() }
        let started = first ?? (elapsed, events)
        return Run(
            agents: count, seconds: elapsed, steadySeconds: elapsed - started.seconds, steadyEvents: events - started.covered,
            cpuSeconds: ConsumeBenchmark.childrenCPUSeconds() - cpuBefore)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start) / .seconds(1)
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// A pipeline used from the consumer's thread only, read once the consumer has finished.
private final class ConfinedPipeline: @unchecked Sendable {
    private let pipeline: IngestPipeline

    init(_ pipeline: IngestPipeline) { self.pipeline = pipeline }

    func fold(_ records: [Record]) { pipeline.ingest(.rollups(records), nowMs: 0) }

    var events: UInt64 { pipeline.eventsIngested }
}
