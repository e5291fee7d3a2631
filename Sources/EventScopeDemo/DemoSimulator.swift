import EventScopeCore
import EventScopeKafka
import Foundation

/// Drives a `DemoWorld` against a cluster: produces its records, appends its authorizer lines
/// to a file, and takes mock brokers down and up on its schedule.
///
/// The only writer in EventScope: used by `evscope demo` (against the in-process mock cluster)
/// and `evscope simulate` (against a real cluster, where broker faults are skipped).
public final class DemoSimulator: @unchecked Sendable {
    private let producer: KafkaProducer
    private let cluster: MockCluster?
    private let authorizerLog: FileHandle?
    private let lock = NSLock()
    private var world: DemoWorld
    private var schemaTraffic: DemoSchemaTraffic
    private var stopRequested = false
    private var produced = 0
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?
    private let now: @Sendable () -> Int64

    /// - Parameters:
    ///   - cluster: the mock cluster whose brokers the world takes down; nil on a real cluster.
    ///   - authorizerLogPath: a file to append Kafka authorizer log lines to (created if missing).
    public init(
        producer: KafkaProducer, cluster: MockCluster?, authorizerLogPath: String?, rate: Double, seed: UInt64 = 1,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) throws {
        self.producer = producer
        self.cluster = cluster
        self.now = now
        let startMs = now()
        world = DemoWorld(seed: seed, startMs: startMs, rate: rate)
        schemaTraffic = DemoSchemaTraffic(seed: seed, startMs: startMs, rate: rate)
        if let authorizerLogPath {
            if !FileManager.default.fileExists(atPath: authorizerLogPath) {
                guard FileManager.default.createFile(atPath: authorizerLogPath, contents: nil) else {
                    throw KafkaError.invalidConfiguration("cannot create \(authorizerLogPath)")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: authorizerLogPath) else {
                throw KafkaError.invalidConfiguration("cannot write \(authorizerLogPath)")
            }
            handle.seekToEndOfFile()
            authorizerLog = handle
        } else {
            authorizerLog = nil
        }
    }

    /// Records handed to the producer so far.
    public var producedCount: Int { lock.withLock { produced } }

    /// Starts producing on a background thread, stepping the world every 20 ms.
    public func start() {
        let thread = Thread { [self] in
            while !lock.withLock({ stopRequested }) {
                step(toMs: now())
                producer.poll(timeoutMs: 0)
                Thread.sleep(forTimeInterval: 0.02)
            }
            producer.flush(timeoutMs: 2_000)
            finished.signal()
        }
        thread.name = "evscope-demo-simulator"
        self.thread = thread
        thread.start()
    }

    /// Stops the thread and flushes what was produced.
    public func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { stopRequested = true }
            return !stopRequested && thread != nil
        }
        if wasRunning { finished.wait() }
        try? authorizerLog?.synchronize()
    }

    /// Emits everything the world has due up to `nowMs` (also used directly by tests).
    public func step(toMs nowMs: Int64) {
        let (outputs, schemaRecords) = lock.withLock { (world.advance(toMs: nowMs), schemaTraffic.advance(toMs: nowMs)) }
        var count = 0
        for record in schemaRecords {
            producer.produce(topic: record.topic, key: record.key, value: record.value, headers: record.headers, timestampMs: record.timestampMs)
            count += 1
        }
        for output in outputs {
            switch output {
            case .record(let record):
                producer.produce(topic: record.topic, key: record.key, value: record.value, headers: record.headers, timestampMs: record.timestampMs)
                count += 1
            case .authorizerLogLine(let line, _):
                authorizerLog?.write(Data((line + "\n").utf8))
            case .brokerDown(let id, _):
                cluster?.setBroker(id, up: false)
            case .brokerUp(let id, _):
                cluster?.setBroker(id, up: true)
            }
        }
        lock.withLock { produced += count }
    }
}
