import EventScopeCore
import EventScopeKafka
import Foundation
import Testing

/// Collects what a consumer hands out, from any thread.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var collectedRecords: [Record] = []
    private var collectedStatuses: [KafkaSourceStatus] = []

    var records: [Record] { lock.withLock { collectedRecords } }
    var statuses: [KafkaSourceStatus] { lock.withLock { collectedStatuses } }

    func add(_ batch: [Record]) { lock.withLock { collectedRecords += batch } }
    func add(_ status: KafkaSourceStatus) { lock.withLock { collectedStatuses.append(status) } }

    /// Polls `condition` every 20 ms until it holds or `timeoutSeconds` pass.
    func waitUntil(timeoutSeconds: Double = 10, _ condition: (Collector) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if condition(self) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition(self)
    }
}

/// Runs kcat (an independent Kafka client) with `input` on stdin; fails the test if kcat is missing.
func runKcat(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
    let candidates = ["/usr/bin/kcat", "/usr/local/bin/kcat"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        Issue.record("kcat is required for these tests: apt-get install kcat")
        throw KafkaError.clientCreationFailed("kcat missing")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// Consumes `topics` from `start` until every partition reached its end, returning what arrived.
func consumeToEnd(
    bootstrap: String, topics: [String], start: StartPosition = .beginning, config: KafkaConfig = KafkaConfig()
) throws -> Collector {
    let collector = Collector()
    let consumer = try KafkaConsumer(
        bootstrapServers: bootstrap, topics: topics, config: config, start: start,
        options: KafkaConsumer.Options(exitAtEnd: true),
        status: { collector.add($0) }, sink: { collector.add($0) })
    try consumer.connect(timeoutMs: 10_000)
    try consumer.start()
    consumer.waitUntilFinished()
    return collector
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
