import Synchronization

/// Finds the schema of every Confluent wire-format record without ever making ingest wait.
///
/// Each schema id is fetched once, on a thread of its own, and kept for the run. Records whose
/// schema is still on its way wait in a bounded holding area and are handed to `release`,
/// decoded, when it arrives; past the bound they go on undecoded, counted. An id the source
/// does not know, or a source that is down, leaves its records undecoded with the reason
/// (`schema unavailable (id N: reason)`) and is asked again after a backoff that doubles up
/// to a minute; records of other ids keep flowing all along.
public final class SchemaResolver: Sendable {
    /// What the Sources pane shows about the registry.
    public struct Status: Sendable, Equatable {
        /// Nil until the first answer; false after a fetch that could not reach the source.
        public var reachable: Bool?
        public var schemasCached = 0
        /// Requests made for schema ids (references not counted).
        public var fetches = 0
        public var fetchErrors = 0
        public var lastError: String?
        /// Records waiting for their schema now.
        public var held = 0
        /// Records that found the holding area full and went on undecoded.
        public var overflowed: UInt64 = 0
        /// Records left undecoded because their schema was unavailable.
        public var unavailable: UInt64 = 0

        public init() {}
    }

    private enum Entry {
        case fetching
        case ready(CompiledSchema)
        case unavailable(SchemaDescription, retryAtMs: Int64, failures: Int)
    }

    private struct HeldRecord {
        let record: Record
        let tag: Int
    }

    private struct State {
        var entries: [Int32: Entry] = [:]
        var held: [Int32: [HeldRecord]] = [:]
        var status = Status()
        var whenIdle: [@Sendable () -> Void] = []
        var inFlight = 0
    }

    private let state = Mutex(State())
    private let source: any SchemaSource
    private let holdCapacity: Int
    private let nowMs: @Sendable () -> Int64
    private let startFetch: @Sendable (@escaping @Sendable () -> Void) -> Void
    private let release: @Sendable ([Record], Int) -> Void
    private let onStatus: @Sendable (Status) -> Void

    /// The first retry waits this long; each further failure doubles it up to `maxBackoffMs`.
    static let firstBackoffMs: Int64 = 1_000
    static let maxBackoffMs: Int64 = 60_000

    /// - Parameters:
    ///   - source: where schemas are fetched from.
    ///   - holdCapacity: records that may wait for schemas at once.
    ///   - nowMs: the clock for backoffs.
    ///   - startFetch: runs a fetch off the caller's thread (tests may run it at once).
    ///   - release: receives held records, decoded or with the reason they are not, with the
    ///     tag they were prepared with (the source they came from).
    ///   - onStatus: told after every fetch.
    public init(
        source: any SchemaSource, holdCapacity: Int = 20_000, nowMs: @escaping @Sendable () -> Int64,
        startFetch: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void,
        release: @escaping @Sendable ([Record], Int) -> Void,
        onStatus: @escaping @Sendable (Status) -> Void = { _ in }
    ) {
        self.source = source
        self.holdCapacity = max(0, holdCapacity)
        self.nowMs = nowMs
        self.startFetch = startFetch
        self.release = release
        self.onStatus = onStatus
    }

    public var status: Status { state.withLock { $0.status } }

    /// Decodes the wire-format records of a batch whose schemas are known and returns the batch
    /// without the records now waiting for theirs, in order. Records in no wire format pass
    /// untouched; a batch without any costs one look at each value's first byte.
    public func prepare(_ records: [Record], tag: Int, transcoder: inout SchemaTranscoder) -> [Record] {
        var output = records
        var kept = 0
        var toFetch: [Int32] = []
        for index in output.indices {
            guard let id = SchemaTranscoder.schemaId(of: output[index].value) else {
                if kept != index { output.swapAt(kept, index) }
                kept += 1
                continue
            }
            if !transcoder.transcode(&output[index], id: id) {
                switch admit(output[index], id: id, tag: tag, toFetch: &toFetch) {
                case .ready(let schema): transcoder.transcode(&output[index], with: schema)
                case .undecoded(let description):
                    output[index].schema = RecordSchema(description: description, wireBytes: output[index].value?.count ?? 0)
                case .held: continue
                }
            }
            if kept != index { output.swapAt(kept, index) }
            kept += 1
        }
        output.removeSubrange(kept...)
        for id in toFetch { startFetch { [self] in fetch(id) } }
        return output
    }

    private enum Admission {
        case ready(CompiledSchema)
        case undecoded(SchemaDescription)
        case held
    }

    private func admit(_ record: Record, id: Int32, tag: Int, toFetch: inout [Int32]) -> Admission {
        let now = nowMs()
        return state.withLock { state in
            switch state.entries[id] {
            case .ready(let schema):
                return .ready(schema)
            case .unavailable(let description, let retryAtMs, _) where now < retryAtMs:
                state.status.unavailable &+= 1
                return .undecoded(description)
            case .fetching:
                break
            case .unavailable, nil:
                state.entries[id] = .fetching
                state.inFlight += 1
                toFetch.append(id)
            }
            guard state.status.held < holdCapacity else {
                state.status.overflowed &+= 1
                return .undecoded(.unavailable(id: id, reason: "still being fetched; holding area of \(holdCapacity) records full"))
            }
            state.held[id, default: []].append(HeldRecord(record: record, tag: tag))
            state.status.held += 1
            return .held
        }
    }

    /// Fetches and compiles one schema, then releases the records that waited for it.
    private func fetch(_ id: Int32) {
        let result: Result<CompiledSchema, SchemaFetchError>
        do {
            result = .success(try CompiledSchema.compile(try source.schema(id: id), source: source))
        } catch {
            result = .failure(error)
        }
        let now = nowMs()
        let (held, status, idleCallbacks) = state.withLock { state in
            state.status.fetches += 1
            switch result {
            case .success(let schema):
                state.entries[id] = .ready(schema)
                state.status.schemasCached += 1
                state.status.reachable = true
            case .failure(let error):
                var failures = 1
                if case .unavailable(_, _, let previous) = state.entries[id] { failures = previous + 1 }
                let backoff = min(Self.maxBackoffMs, Self.firstBackoffMs << Int64(min(failures - 1, 16)))
                state.entries[id] = .unavailable(.unavailable(id: id, reason: error.reason), retryAtMs: now &+ backoff, failures: failures)
                state.status.fetchErrors += 1
                state.status.lastError = "id \(id): \(error.reason)"
                state.status.reachable = error.kind != .unreachable
            }
            let held = state.held.removeValue(forKey: id) ?? []
            state.status.held -= held.count
            if case .failure = result { state.status.unavailable &+= UInt64(held.count) }
            state.inFlight -= 1
            var idle: [@Sendable () -> Void] = []
            if state.inFlight == 0 && state.status.held == 0 { swap(&idle, &state.whenIdle) }
            return (held, state.status, idle)
        }
        releaseHeld(held, id: id, result: result)
        onStatus(status)
        for callback in idleCallbacks { callback() }
    }

    private func releaseHeld(_ held: [HeldRecord], id: Int32, result: Result<CompiledSchema, SchemaFetchError>) {
        guard !held.isEmpty else { return }
        var transcoder = SchemaTranscoder()
        var batch: [Record] = []
        var batchTag = held[0].tag
        for item in held {
            if item.tag != batchTag {
                release(batch, batchTag)
                batch.removeAll()
                batchTag = item.tag
            }
            var record = item.record
            switch result {
            case .success(let schema): transcoder.transcode(&record, with: schema)
            case .failure(let error):
                record.schema = RecordSchema(description: .unavailable(id: id, reason: error.reason), wireBytes: record.value?.count ?? 0)
            }
            batch.append(record)
        }
        release(batch, batchTag)
    }

    /// Calls `callback` once no fetch is in flight and no record is held: at once if that is so
    /// now, else after the fetch that empties the holding area has released its records.
    public func whenIdle(_ callback: @escaping @Sendable () -> Void) {
        let idleNow = state.withLock { state in
            if state.inFlight == 0 && state.status.held == 0 { return true }
            state.whenIdle.append(callback)
            return false
        }
        if idleNow { callback() }
    }
}
