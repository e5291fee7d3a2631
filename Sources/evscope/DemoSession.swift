import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeTerminal
import Foundation

/// `evscope demo`: an in-process mock cluster, the simulated shop producing to it, and the
/// dashboard consuming it through the same Kafka consumer as a real cluster.
enum DemoSession {
    static func run(options: WatchOptions, brokerOnly: Bool, rate: Double) -> Int32 {
        let cluster: MockCluster
        let producer: KafkaProducer
        do {
            cluster = try MockCluster(brokers: 3)
            for topic in DemoWorld.topics + DemoSchemaTraffic.topics {
                try cluster.createTopic(topic.name, partitions: Int(topic.partitions))
            }
            producer = try KafkaProducer(bootstrapServers: cluster.bootstrapServers)
        } catch {
            Console.error("cannot start the demo cluster: \(error)")
            return ExitCode.cannotConnect
        }
        let logPath = NSTemporaryDirectory() + "evscope-demo-\(ProcessInfo.processInfo.processIdentifier)-kafka-authorizer.log"
        let simulator: DemoSimulator
        do {
            simulator = try DemoSimulator(producer: producer, cluster: cluster, authorizerLogPath: logPath, rate: rate)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }
        simulator.start()
        defer {
            simulator.stop()
            try? FileManager.default.removeItem(atPath: logPath)
        }

        if brokerOnly {
            FileHandle.standardOutput.write(Data((cluster.bootstrapServers + "\n").utf8))
            TerminalSignals.install()
            while TerminalSignals.pendingQuitSignal == nil { usleep(100_000) }
            return ExitCode.ok
        }

        // Authorizer lines go both to a topic (for other clients) and to the followed file; the
        // dashboard reads the file, so each authorizer denial is counted once.
        let audit = DemoWorld.auditTopics
        var watch = options
        watch.brokers = cluster.bootstrapServers
        watch.topics = (DemoWorld.topics + DemoSchemaTraffic.topics).map(\.name).filter { !audit.contains($0) }
        watch.auditTopics = audit.filter { $0 != "kafka-authorizer-log" }
        watch.auditFiles = [logPath]
        if watch.start == nil { watch.start = .beginning }
        // The demo's schemas are served in process; `-r` still picks a real registry instead.
        let schemas = watch.schemaRegistry == nil ? SchemaSourceSetup.Choice(name: "schema registry (demo, in process)", source: DemoSchemas()) : nil
        return WatchSession.run(options: watch, clusterIsLocal: true, defaultPolicy: Policy.demo, schemaSource: schemas)
    }
}
