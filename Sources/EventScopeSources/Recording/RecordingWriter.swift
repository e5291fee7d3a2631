import EventScopeCore
import Foundation

/// Appends records to a recording file (`--record FILE`) in the `RecordingEncoder` format.
///
/// Lines are buffered and written whole, so the file never ends mid-line as long as `close()`
/// runs (the normal, SIGINT and SIGTERM exits all reach it). Safe to call from several source
/// threads: a lock keeps each batch's lines together. Only records are written, never any
/// configuration, so no secret can reach a recording. The file is created with mode 0600
/// because payloads are often personal data.
public final class RecordingWriter: @unchecked Sendable {
    public let path: String
    private let handle: FileHandle
    private let bufferLimit: Int
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var closed = false
    private var auditLineNumbers: [String: Int64] = [:]
    private var written = 0
    private var failure: String?

    /// Opens (creating with mode 0600, or appending to) the file at `path`.
    ///
    /// - Throws: `RecordingWriterError.cannotOpen` with the system's reason.
    public init(path: String, bufferBytes: Int = 64 << 10) throws(RecordingWriterError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path, String(cString: strerror(errno))) }
        self.path = path
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        bufferLimit = max(1, bufferBytes)
    }

    deinit {
        close()
    }

    /// Lines appended so far (buffered or written).
    public var linesWritten: Int { lock.withLock { written } }

    /// The first write error, if writing failed (later records are dropped, the session goes on).
    public var writeFailure: String? { lock.withLock { failure } }

    /// Appends consumed Kafka records.
    public func append(_ records: [Record]) {
        lock.withLock {
            guard !closed else { return }
            for record in records { buffer.append(contentsOf: RecordingEncoder.encode(RecordingLine(record: record))) }
            written += records.count
            if buffer.count >= bufferLimit { writeBuffer() }
        }
    }

    /// Appends lines read from an audit file; `timeMs` is when they were read (for replay pacing).
    public func appendAuditLines(_ lines: [[UInt8]], file: String, timeMs: Int64) {
        lock.withLock {
            guard !closed else { return }
            var number = auditLineNumbers[file] ?? 0
            for line in lines {
                number += 1
                let record = Record(topic: file, partition: -1, offset: number, timestampMs: timeMs, value: line)
                buffer.append(contentsOf: RecordingEncoder.encode(RecordingLine(record: record, origin: .auditFile)))
            }
            auditLineNumbers[file] = number
            written += lines.count
            if buffer.count >= bufferLimit { writeBuffer() }
        }
    }

    /// Writes buffered lines to the file.
    public func flush() {
        lock.withLock { writeBuffer() }
    }

    /// Flushes and closes; later appends are ignored.
    public func close() {
        lock.withLock {
            guard !closed else { return }
            writeBuffer()
            try? handle.synchronize()
            try? handle.close()
            closed = true
        }
    }

    private func writeBuffer() {
        guard !buffer.isEmpty, !closed else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = "cannot write \(path): \(error.localizedDescription)"
        }
    }
}

/// Why a recording could not be started.
public enum RecordingWriterError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String, String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot write recording \(path): \(reason)"
        }
    }
}
