import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import Foundation
import Synchronization

/// `evscope simulate -b BROKERS`: the demo shop's traffic produced to a real cluster.
///
/// The only command that writes to a user's cluster, and only to the demo's topic names.
/// Broker faults are skipped (there is no mock cluster to take down) and the authorizer log
/// is not written (a real cluster writes its own).
enum SimulateSession {
    static func run(options commandLine: WatchOptions, rate: Double, durationSeconds: Double?) -> Int32 {
        let configFile: ConfigFile?
        let options: WatchOptions
        do {
            (configFile, options) = try ConfigFileLoading.apply(to: commandLine)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        guard let brokers = options.brokers else {
            Console.error("simulate needs -b BROKERS")
            return ExitCode.usage
        }
        let producer: KafkaProducer
        do {
            let config = try SourceWiring.kafkaConfig(options, configFile: configFile)
            producer = try KafkaProducer(bootstrapServers: brokers, config: config)
            // A metadata round trip proves the brokers are there before producing into a queue.
            let probe = try KafkaConsumer(bootstrapServers: brokers, topics: [DemoWorld.topics[0].name], config: config, status: { _ in }, sink: { _ in })
            try probe.connect(timeoutMs: 10_000)
        } catch let error as SourceWiring.StartError {
            Console.error(error.message)
            return error.exitCode
        } catch let error as KafkaError {
            Console.error(error.description)
            switch error {
            case .cannotConnect, .authenticationFailed: return ExitCode.cannotConnect
            default: return ExitCode.badConfig
            }
        } catch {
            Console.error("\(error)")
            return ExitCode.cannotConnect
        }
        let simulator: DemoSimulator
        do {
            simulator = try DemoSimulator(producer: producer, cluster: nil, authorizerLogPath: nil, rate: rate)
        } catch {
            Console.error("\(error)")
            return ExitCode.badConfig
        }
        FileHandle.standardError.write(Data("evscope: simulating the demo shop against \(brokers) at rate \(rate); Ctrl-C stops\n".utf8))
        installQuitHandlers()
        simulator.start()
        let startedMs = Console.wallClockMs()
        while quitSignal.load(ordering: .relaxed) == 0 {
            if let durationSeconds, Double(Console.wallClockMs() - startedMs) >= durationSeconds * 1000 { break }
            usleep(100_000)
        }
        simulator.stop()
        producer.flush(timeoutMs: 5_000)
        let failure = producer.lastFailure.map { " (last failure: \($0))" } ?? ""
        print("produced \(producer.deliveredCount), failed \(producer.failedCount)\(failure)")
        return producer.deliveredCount == 0 && producer.failedCount > 0 ? ExitCode.cannotConnect : ExitCode.ok
    }

    /// SIGINT/SIGTERM end the simulation cleanly so the summary is printed and queued records flushed.
    private static func installQuitHandlers() {
        signal(SIGINT) { _ in quitSignal.store(1, ordering: .relaxed) }
        signal(SIGTERM) { _ in quitSignal.store(1, ordering: .relaxed) }
    }
}

private let quitSignal = Atomic<Int32>(0)
