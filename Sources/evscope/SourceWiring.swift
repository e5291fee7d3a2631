import EventScopeApp
import EventScopeCore
import EventScopeKafka
import EventScopeSources
import Foundation

/// Starts the sources a watch session reads and connects them to the inbox.
final class SourceWiring {
    let inbox = Inbox()
    private(set) var board = SourceBoard()
    private var consumer: KafkaConsumer?
    private var followers: [AuditFileFollower] = []
    private let notes = HeadlessNotes()

    /// Named topics the cluster does not have (reported by the consumer).
    var missingTopics: Set<String> { notes.missingTopics }
    /// Decodes Confluent wire-format records when a registry (or the demo's schemas) is given.
    private(set) var schemaResolver: SchemaResolver?

    /// The consumer thread's transcoder; only that thread touches it (the sink runs there).
    private final class ConsumerTranscoder: @unchecked Sendable {
        var transcoder = SchemaTranscoder()
    }

    /// Work moved from the session's loop onto the consumer thread, so two cores share it.
    enum ConsumerOffload {
        /// Decode every record not on an audit topic.
        case decode(EventDecoder, auditTopics: Set<String>)
        /// Decode each record straight from librdkafka's buffers and write its headless event
        /// line: no `Record` copy, and the loop only writes (headless `--emit events` alone).
        case encodeEventLines(EventDecoder)
    }

    /// Thrown with the exit code the CLI should use.
    struct StartError: Error {
        let message: String
        let exitCode: Int32
    }

    /// Builds the librdkafka configuration from the config file, -F files then -X pairs (later wins, as in kcat).
    static func kafkaConfig(_ options: WatchOptions, configFile: ConfigFile? = nil) throws(StartError) -> KafkaConfig {
        var config = KafkaConfig()
        do {
            for entry in configFile?.kafkaProperties ?? [] { config.set(entry.key, entry.value) }
            for file in options.propertyFiles { try config.add(propertiesFile: file) }
            for (key, value) in options.properties { try config.add(assignment: "\(key)=\(value)") }
            try config.validate()
        } catch {
            throw StartError(message: "\(error)", exitCode: ExitCode.badConfig)
        }
        return config
    }

    /// Opens the `--record` file, if one was asked for (exit 4 when it cannot be written).
    static func openRecording(_ path: String?) throws(StartError) -> RecordingWriter? {
        guard let path else { return nil }
        do {
            return try RecordingWriter(path: path)
        } catch {
            throw StartError(message: error.description, exitCode: ExitCode.badConfig)
        }
    }

    /// Connects to the cluster (failing fast with exit 3) and starts consuming and following.
    /// - Parameters:
    ///   - recorder: receives every record and audit line as it is consumed (`--record`).
    ///   - offload: for a headless run with light stages, what the consumer thread does besides
    ///     consuming. The dashboard decodes on its loop: decoded events waiting in the inbox
    ///     cost memory its flood budget lacks.
    func start(
        _ options: WatchOptions, configFile: ConfigFile? = nil, recorder: RecordingWriter? = nil,
        offload requested: ConsumerOffload? = nil, schemaSource: SchemaSourceSetup.Choice? = nil,
        nowMs: @escaping @Sendable () -> Int64
    ) throws(StartError) {
        let config = try Self.kafkaConfig(options, configFile: configFile)
        let resolver = schemaSource.map { startSchemaResolver($0, nowMs: nowMs) }
        schemaResolver = resolver
        let offload = Self.offload(requested, decodingSchemas: resolver != nil)
        let consumerTranscoder = ConsumerTranscoder()
        if let brokers = options.brokers, !(options.topics.isEmpty && options.auditTopics.isEmpty) {
            let id = board.add(name: "kafka " + (brokers.split(separator: ",").first.map(String.init) ?? brokers), kind: .kafka)
            let inbox = inbox
            var consumerOptions = KafkaConsumer.Options(exitAtEnd: options.exitAtEnd)
            consumerOptions.pollTimeoutMs = 50
            // Backpressure: when the loop falls behind, the consumer stops handing over records
            // and librdkafka's bounded queue stops fetching, instead of the inbox growing without
            // limit (the memory cap would otherwise not hold under a flood). 5,000 records is
            // ~20 ms of ingest; 20,000 let the flood test peak 10-20 MB higher.
            consumerOptions.isBackedUp = { inbox.pendingRecords > 5_000 }
            if case .encodeEventLines(let decoder) = offload {
                consumerOptions.fetchBudget = .streaming
                FetchBudget.keepFreedMemoryForReuse()
                // The lending queue's part of each batch is split over the cores but one, which
                // the consumer thread keeps to prepare the next batch. On two cores the queue's
                // part is one piece (split in two, the halves competed with the consumer and
                // librdkafka's threads, slower in `bench consume`), and the consumer thread
                // encodes a share of each batch itself, with an encoder of its own so their
                // interned names never meet.
                let parts = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
                // Once the encoding is split over two or more cores, each part costs about what
                // the consumer thread's own work does, so there a share would only slow it.
                if parts > 1 { consumerOptions.consumerShare = 0 }
                let encoders = [
                    EventLineEncoder(decoder: decoder, parts: 1, takeBuffer: { inbox.takeLineBuffer() }),
                    EventLineEncoder(decoder: decoder, parts: parts, takeBuffer: { inbox.takeLineBuffer() }),
                ]
                consumerOptions.borrowingSink = { views, lane in
                    let encoded = encoders[lane].encode(views)
                    return {
                        for part in encoded {
                            inbox.post(.batch(sourceID: id, .eventLines(part.lines, count: part.count)))
                        }
                    }
                }
            }
            do {
                let consumer = try KafkaConsumer(
                    bootstrapServers: brokers, topics: options.topics + options.auditTopics, config: config,
                    start: options.start ?? .end, options: consumerOptions, nowMs: nowMs,
                    status: { [headless = options.headless, notes, exitAtEnd = options.exitAtEnd] status in
                        if case .reachedEnd = status, let resolver {
                            // Records still waiting for a schema are part of what was read.
                            resolver.whenIdle { SourceWiring.post(status, sourceID: id, exitsAtEnd: exitAtEnd, to: inbox) }
                        } else {
                            SourceWiring.post(status, sourceID: id, exitsAtEnd: exitAtEnd, to: inbox)
                        }
                        // Headless output has no status bar: trouble goes to stderr, once per kind and text.
                        if headless, let line = notes.line(for: status, exitAtEnd: exitAtEnd) { Console.error(line) }
                    },
                    sink: { consumed in
                        recorder?.append(consumed)
                        let records = resolver?.prepare(consumed, tag: id, transcoder: &consumerTranscoder.transcoder) ?? consumed
                        if case .decode(let decoder, let auditTopics) = offload {
                            inbox.post(.batch(sourceID: id, .decoded(DecodedRecord.decode(records, decoder: decoder, auditTopics: auditTopics))))
                        } else {
                            inbox.post(.batch(sourceID: id, .records(records)))
                        }
                    }
                )
                try consumer.connect(timeoutMs: 10_000)
                try consumer.start()
                self.consumer = consumer
            } catch let error as KafkaError {
                switch error {
                case .cannotConnect, .authenticationFailed: throw StartError(message: error.description, exitCode: ExitCode.cannotConnect)
                case .invalidTopicPattern: throw StartError(message: error.description, exitCode: ExitCode.usage)
                default: throw StartError(message: error.description, exitCode: ExitCode.badConfig)
                }
            } catch {
                throw StartError(message: "\(error)", exitCode: ExitCode.cannotConnect)
            }
        }
        for path in options.auditFiles {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw StartError(message: "--audit-file \(path) is a directory, not an audit log file", exitCode: ExitCode.nothingToRead)
            }
            let name = (path as NSString).lastPathComponent
            let id = board.add(name: name, kind: .auditFile)
            let inbox = inbox
            let follower = AuditFileFollower(
                path: path, start: options.start ?? .end,
                onLines: { lines in
                    recorder?.appendAuditLines(lines, file: name, timeMs: nowMs())
                    inbox.post(.batch(sourceID: id, .auditLines(lines, source: name)))
                },
                onStatus: { [headless = options.headless] status in
                    if headless, let line = Self.auditFileNote(status, path: path) { Console.error(line) }
                    switch status {
                    case .following: inbox.post(.state(sourceID: id, .connected))
                    case .waitingForFile: inbox.post(.state(sourceID: id, .down("waiting for file")))
                    case .rotated, .truncated: inbox.post(.log(sourceID: id, "\(status)"))
                    case .overlongLineSkipped(let total): inbox.post(.state(sourceID: id, .degraded("\(total) overlong lines skipped")))
                    case .error(let message): inbox.post(.state(sourceID: id, .down(message)))
                    }
                }
            )
            follower.start()
            followers.append(follower)
        }
    }

    /// Lent records cannot be rewritten into their decoded JSON, so with schemas to decode the
    /// consumer thread decodes copies instead of encoding lines from lent records.
    static func offload(_ requested: ConsumerOffload?, decodingSchemas: Bool) -> ConsumerOffload? {
        guard decodingSchemas, case .encodeEventLines(let decoder)? = requested else { return requested }
        return .decode(decoder, auditTopics: [])
    }

    /// Starts the resolver and shows it as a source; records it held are posted, decoded, as
    /// records of the source (`tag`) they came from.
    private func startSchemaResolver(_ choice: SchemaSourceSetup.Choice, nowMs: @escaping @Sendable () -> Int64) -> SchemaResolver {
        let registryID = board.add(name: choice.name, kind: .schemaRegistry)
        let inbox = inbox
        inbox.post(.detail(sourceID: registryID, SchemaResolver.Status().sourceDetail))
        return SchemaResolver(
            source: choice.source, nowMs: nowMs,
            startFetch: { fetch in DispatchQueue.global(qos: .utility).async(execute: fetch) },
            release: { records, sourceID in inbox.post(.batch(sourceID: sourceID, .records(records))) },
            onStatus: { status in
                inbox.post(.state(sourceID: registryID, status.sourceState))
                inbox.post(.detail(sourceID: registryID, status.sourceDetail))
            })
    }

    /// Stops every source and waits for their threads.
    func stop() {
        consumer?.stop()
        for follower in followers { follower.stop() }
    }

    /// The stderr line a headless run gives when an audit file cannot be followed.
    static func auditFileNote(_ status: AuditFileFollower.Status, path: String) -> String? {
        switch status {
        case .waitingForFile: "--audit-file \(path): waiting for the file to appear"
        case .error(let message): "--audit-file \(path): \(message)"
        default: nil
        }
    }

    static func partitionCapNote(unwatched: Int, cap: Int) -> String {
        "\(unwatched) partitions not read: more match than the \(cap)-partition cap; narrow the topic pattern"
    }

    /// Translates the consumer's reports into source states for the status bar. Reaching the end
    /// of every partition finishes the source only for a run that exits there (`-e`); a live
    /// one is caught up and still reading, and its chains must not be taken as final.
    static func post(_ status: KafkaSourceStatus, sourceID id: Int, exitsAtEnd: Bool, to inbox: Inbox) {
        switch status {
        case .connected: inbox.post(.state(sourceID: id, .connected))
        case .brokers(let brokers):
            let down = brokers.filter { !$0.isUp }
            inbox.post(.state(sourceID: id, down.isEmpty ? .connected : .degraded("\(down.count) of \(brokers.count) brokers down")))
        case .allBrokersDown(let message): inbox.post(.state(sourceID: id, .down("all brokers down: \(message)")))
        case .transportError(let message): inbox.post(.log(sourceID: id, "transport: \(message)"))
        case .authenticationFailed(let message): inbox.post(.state(sourceID: id, .down("authentication failed: \(message)")))
        case .authorizationDenied(let topic, let partition, _):
            inbox.post(.state(sourceID: id, .degraded("not authorized to read \(topic)[\(partition)]")))
        case .assigned(let partitions): inbox.post(.log(sourceID: id, "assigned \(partitions.count) partitions"))
        case .topicMissing(let topic): inbox.post(.log(sourceID: id, "topic \(topic) does not exist (yet)"))
        case .partitionsOverCap(let unwatched, let cap):
            inbox.post(.unwatchedPartitions(sourceID: id, unwatched))
            if unwatched > 0 {
                inbox.post(.log(sourceID: id, partitionCapNote(unwatched: unwatched, cap: cap)))
            }
        case .reachedEnd: inbox.post(.state(sourceID: id, exitsAtEnd ? .finished : .connected))
        case .lag(let lags): inbox.post(.lag(sourceID: id, lags.reduce(0) { $0 + max(0, $1.lag) }))
        case .error(let message): inbox.post(.log(sourceID: id, message))
        case .log(_, let message): inbox.post(.log(sourceID: id, message))
        }
    }
}
