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
/// gives the work per event, which does not depend on how many cores there are.
enum ScaleBenchmark {
    struct Run {
        var agents: Int
        var seconds: Double
        var steadySeconds: Double
        var steadyEvents: Int
        var cpuSeconds: Double
    }

    static let partitions = 24

    static func run(events: Int, agentCounts: [Int], progress: (String) -> Void) throws -> [Run] {
        let cluster = try MockCluster(brokers: 3)
        let topic = "bench.scale"
        try cluster.createTopic(topic, partitions: partitions, replicationFactor: 1)
        let produceStart = ContinuousClock.now
        try ConsumeBenchmark.fill(topic: topic, records: events, bootstrap: cluster.bootstrapServers)
        progress("mock cluster \(cluster.bootstrapServers): \(events) events on \(topic) (\(partitions) partitions) in \(format(seconds(since: produceStart))) s")
        var runs: [Run] = []
        for count in agentCounts {
            let run = try measure(agents: count, events: events, topic: topic, cluster: cluster)
            progress("\(count) agent\(count == 1 ? "" : "s"): \(format(run.seconds)) s in all, \(run.steadyEvents) events in \(format(run.steadySeconds)) s "
                     + "after the first commit, agents' CPU \(format(run.cpuSeconds)) s")
            runs.append(run)
        }
        return runs
    }

    private static func measure(agents count: Int, events: Int, topic: String, cluster: MockCluster) throws -> Run {
        let rollupTopic = "bench.scale.rollups.\(count)"
        try cluster.createTopic(rollupTopic, partitions: 4, replicationFactor: 1)
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
            let positions = try KafkaAgentClient.readPositions(bootstrapServers: cluster.bootstrapServers, topic: rollupTopic + ".positions", config: KafkaConfig())
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
