import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// `evscope bench consume`: how fast topics are consumed end to end, compared with kcat on the
/// same data in the same run.
///
/// Starts a mock cluster, fills a many-partition topic with seed-style JSON events (many
/// partitions because the mock keeps only ~5 MiB per partition), then times kcat, the
/// in-process `KafkaConsumer`, and optionally an external command, each reading to the end.
public enum ConsumeBenchmark {
    /// One timed reader.
    public struct Measurement: Sendable {
        public let name: String
        /// Records seen, or nil when the reader's output was not counted.
        public let records: Int?
        /// Median over the rounds.
        public let seconds: Double
        public let recordsPerSecond: Double
        /// This reader's rate divided by kcat's (medians).
        public let ratioToKcat: Double?
        /// The fastest round, and its rate divided by kcat's fastest round: librdkafka 2.0.2's
        /// fetch pauses make a reader's rounds bimodal (kcat took 0.8 s or 1.8 s for the same
        /// million records), so best against best is the comparison a pause cannot flatter.
        public var bestSeconds: Double = 0
        public var bestRatioToKcat: Double?
        /// CPU time (user + system) the reader's process used per million records, for readers
        /// run as child processes (the in-process consumer shares its process with the cluster).
        public var cpuSecondsPerMillion: Double?
    }

    /// Runs the benchmark and returns kcat's, the in-process consumer's and the external
    /// commands' measurements, in that order, each the median of `rounds` runs.
    ///
    /// The readers take turns within each round, so a neighbour's load on a shared machine
    /// falls on all of them alike and the ratios stay comparable.
    ///
    /// - Parameters:
    ///   - externalCommands: argvs of other readers; `{bootstrap}`, `{topic}` and `{kcat}` (kcat's
    ///     path) are replaced. Their stdout goes to /dev/null; each must exit by itself at the
    ///     end of the topic.
    ///   - progress: receives human-readable progress and result lines.
    /// - Throws: when the cluster cannot start, kcat is missing, or a reader fails or miscounts.
    public static func run(
        records: Int = 1_000_000, partitions: Int = 100, rounds: Int = 3, externalCommands: [[String]] = [],
        progress: (String) -> Void = { print($0) }
    ) throws -> [Measurement] {
        let kcat = try locateKcat()
        let cluster = try MockCluster(brokers: 3)
        let topic = "bench.orders"
        try cluster.createTopic(topic, partitions: partitions, replicationFactor: 1)
        progress("mock cluster \(cluster.bootstrapServers), topic \(topic) with \(partitions) partitions")

        let produceStart = ContinuousClock.now
        try fill(topic: topic, records: records, bootstrap: cluster.bootstrapServers)
        progress("produced \(records) events in \(format(seconds(since: produceStart))) s")

        let kcatArgv = [kcat, "-C", "-b", cluster.bootstrapServers, "-t", topic, "-e", "-q", "-f", "%s\\n"]
        let externalArgvs = externalCommands.filter { !$0.isEmpty }.map { command in
            command.map {
                $0.replacingOccurrences(of: "{bootstrap}", with: cluster.bootstrapServers)
                    .replacingOccurrences(of: "{topic}", with: topic)
                    .replacingOccurrences(of: "{kcat}", with: kcat)
            }
        }
        var kcatTimes: [Double] = []
        var consumerTimes: [Double] = []
        var externalTimes = [[Double]](repeating: [], count: externalArgvs.count)
        var kcatCPU: [Double] = []
        var externalCPU = [[Double]](repeating: [], count: externalArgvs.count)
        for round in 1...max(1, rounds) {
            let (kcatSeconds, kcatCPUSeconds) = try timeProcess(kcatArgv)
            kcatTimes.append(kcatSeconds)
            kcatCPU.append(kcatCPUSeconds)
            let (consumed, consumerSeconds) = try timeConsumer(bootstrap: cluster.bootstrapServers, topic: topic)
            guard consumed == records else {
                throw KafkaError.cannotConnect("in-process consumer saw \(consumed) records, expected \(records)")
            }
            consumerTimes.append(consumerSeconds)
            for (index, argv) in externalArgvs.enumerated() {
                let (externalSeconds, externalCPUSeconds) = try timeProcess(argv)
                externalTimes[index].append(externalSeconds)
                externalCPU[index].append(externalCPUSeconds)
            }
            progress(
                "round \(round): kcat \(format(kcatTimes[round - 1])) s, in-process \(format(consumerSeconds)) s"
                    + externalTimes.indices.map { ", command \($0 + 1) \(format(externalTimes[$0][round - 1])) s" }.joined())
        }
        let perMillion = 1_000_000 / Double(records)
        var kcatResult = measurement("kcat -C -e -q -f '%s\\n' > /dev/null", records: nil, times: kcatTimes, total: records, kcatTimes: kcatTimes)
        kcatResult.cpuSecondsPerMillion = median(kcatCPU) * perMillion
        var results = [
            kcatResult,
            measurement("KafkaConsumer (in process)", records: records, times: consumerTimes, total: records, kcatTimes: kcatTimes),
        ]
        for (index, argv) in externalArgvs.enumerated() {
            var external = measurement(
                argv.joined(separator: " "), records: nil, times: externalTimes[index],
                total: records, kcatTimes: kcatTimes)
            external.cpuSecondsPerMillion = median(externalCPU[index]) * perMillion
            results.append(external)
        }
        for result in results {
            let ratio = result.ratioToKcat.map { String(format: "%.2f× kcat", $0) } ?? ""
            let name = result.name.padding(toLength: max(40, result.name.count), withPad: " ", startingAt: 0)
            progress(name + String(format: " %10.0f records/s %7.2f s  ", result.recordsPerSecond, result.seconds) + ratio)
        }
        return results
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private static func measurement(
        _ name: String, records: Int?, times: [Double], total: Int,
        kcatTimes: [Double]
    ) -> Measurement {
        let seconds = median(times)
        var result = Measurement(
            name: name, records: records, seconds: seconds,
            recordsPerSecond: Double(total) / seconds, ratioToKcat: median(kcatTimes) / seconds)
        result.bestSeconds = times.min() ?? seconds
        result.bestRatioToKcat = (kcatTimes.min() ?? 0) / result.bestSeconds
        return result
    }

    /// Finds kcat on PATH.
    static func locateKcat() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/kcat"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw KafkaError.clientCreationFailed("kcat is not installed (apt-get install kcat)")
    }

    static func fill(topic: String, records: Int, bootstrap: String) throws {
        var config = KafkaConfig()
        // Big batches: the mock returns one batch per partition per fetch, so consumer speed
        // follows producer batching.
        config.set("linger.ms", "100")
        config.set("batch.num.messages", "10000")
        config.set("batch.size", "4000000")
        config.set("queue.buffering.max.messages", "2000000")
        config.set("queue.buffering.max.kbytes", "2097151")
        let producer = try KafkaProducer(bootstrapServers: bootstrap, config: config)
        let baseMs: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z
        for index in 0..<records {
            let value = event(index: index, baseMs: baseMs)
            let headers = [
                RecordHeader("traceparent", "00-\(hex(index, width: 32))-\(hex(index &* 7, width: 16))-01"),
                RecordHeader("content-type", "application/json"),
            ]
            producer.produce(
                topic: topic, key: Array("order-\(index % 5000)".utf8), value: value,
                headers: headers)
            if index % 10_000 == 0 { producer.poll() }
        }
        guard producer.flush(timeoutMs: 120_000), producer.failedCount == 0 else {
            throw KafkaError.produceFailed("benchmark data not fully delivered: \(producer.lastFailure ?? "timeout")")
        }
    }

    /// A ~250-byte event in the seed's envelope.
    private static func event(index: Int, baseMs: Int64) -> [UInt8] {
        let ms = baseMs + Int64(index)
        let seconds = ms / 1000
        let clock = String(
            format: "%02d:%02d:%02d.%03d", (seconds / 3600) % 24, (seconds / 60) % 60,
            seconds % 60, ms % 1000)
        let text =
            "{\"eventType\":\"ItemAddedToCart\",\"timestamp\":\"2026-01-01T\(clock)Z\","
            + "\"payload\":{\"orderId\":\"ord-\(hex(index, width: 12))\",\"customerId\":\"cust-\(index % 100_000)\","
            + "\"itemId\":\"sku-\(index % 977)\",\"quantity\":\(index % 5 + 1),\"unitPrice\":\(index % 9000 + 99),"
            + "\"currency\":\"EUR\",\"cartId\":\"cart-\(hex(index &* 31, width: 12))\",\"channel\":\"web\"}}"
        return Array(text.utf8)
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(UInt64(truncatingIfNeeded: value), radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Runs argv to completion; returns its wall-clock seconds and the CPU seconds it used
    /// (from the growth of this process's reaped-children usage).
    private static func timeProcess(_ argv: [String]) throws -> (seconds: Double, cpuSeconds: Double) {
        guard let executable = argv.first else { return (0, 0) }
        let cpuBefore = childrenCPUSeconds()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = seconds(since: start)
        guard process.terminationStatus == 0 else {
            throw KafkaError.cannotConnect("\(argv.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return (elapsed, childrenCPUSeconds() - cpuBefore)
    }

    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    private static func timeConsumer(bootstrap: String, topic: String) throws -> (Int, Double) {
        let counter = Counter()
        var options = KafkaConsumer.Options(exitAtEnd: true)
        options.fetchBudget = .streaming  // It keeps nothing, like the headless reader.
        let start = ContinuousClock.now
        let consumer = try KafkaConsumer(
            bootstrapServers: bootstrap, topics: [topic], start: .beginning,
            options: options, status: { _ in },
            sink: { records in counter.add(records.count) })
        try consumer.start()
        consumer.waitUntilFinished()
        return (counter.value, seconds(since: start))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start) / .seconds(1)
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// A thread-safe running total.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ count: Int) { lock.withLock { total += count } }
    var value: Int { lock.withLock { total } }
}
