import EventScopeCore
import Foundation

/// Follows a growing log file like `tail -F`, delivering complete lines in batches.
///
/// Polls on its own thread (no inotify: it is not portable and misses renames on some file
/// systems). Survives rotation (the path is renamed and recreated: detected by a changed
/// inode, the old file is read to its end, then the new one from its start), truncation
/// (the size shrinks below the read offset: reading restarts at 0) and a file that does not
/// exist yet (waits for it). A partial trailing line is held until its newline arrives; a line
/// longer than `maxLineBytes` is counted and skipped without being buffered.
/// Uses plain POSIX file I/O through Foundation; nothing here touches librdkafka.
public final class AuditFileFollower: @unchecked Sendable {
    /// What the follower is doing, reported whenever it changes.
    public enum Status: Sendable, Equatable {
        case following(path: String)
        case waitingForFile(path: String)
        case rotated(path: String)
        case truncated(path: String)
        case overlongLineSkipped(total: Int)
        case error(String)
    }

    public let path: String
    public let maxLineBytes: Int
    /// Where to begin when the file exists at start (a file that appears later is read whole).
    /// Lines carry no time to seek by, so only `.beginning` reads what is already there.
    private let startPosition: StartPosition
    private let pollInterval: TimeInterval
    private let maxBatchLines: Int
    private let onLines: @Sendable ([[UInt8]]) -> Void
    private let onStatus: @Sendable (Status) -> Void

    // Shared with other threads: guarded by `lock`.
    private let lock = NSCondition()
    private var stopRequested = false
    private var started = false
    private var overlongCount = 0

    // Owned by the polling thread only.
    private var descriptor: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64)?
    private var offset: Int64 = 0
    private var pending: [UInt8] = []
    private var discardingOverlong = false
    private var batch: [[UInt8]] = []
    private var lastStatus: Status?

    /// Creates a follower; call `start()` to begin polling.
    ///
    /// - Parameters:
    ///   - onLines: receives batches of complete lines (without the newline or a trailing CR),
    ///     on the follower's thread.
    ///   - onStatus: receives status changes, on the follower's thread.
    public init(
        path: String, start: StartPosition = .end, pollInterval: TimeInterval = 0.2, maxLineBytes: Int = 1 << 20,
        maxBatchLines: Int = 4096, onLines: @escaping @Sendable ([[UInt8]]) -> Void,
        onStatus: @escaping @Sendable (Status) -> Void = { _ in }
    ) {
        self.path = path
        self.startPosition = start
        self.pollInterval = pollInterval
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxBatchLines = max(1, maxBatchLines)
        self.onLines = onLines
        self.onStatus = onStatus
    }

    /// How many overlong lines were skipped so far.
    public var overlongLinesSkipped: Int {
        lock.lock()
        defer { lock.unlock() }
        return overlongCount
    }

    /// Starts the polling thread (once; later calls do nothing).
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "evscope-audit-file"
        thread.start()
    }

    /// Asks the polling thread to finish; it closes the file and exits within one poll.
    public func stop() {
        lock.lock()
        stopRequested = true
        lock.signal()
        lock.unlock()
    }

    private func run() {
        var firstOpen = true
        while !isStopping() {
            if descriptor < 0 {
                if openFile(fromEnd: firstOpen && startPosition != .beginning) {
                    firstOpen = false
                } else {
                    firstOpen = false
                    report(.waitingForFile(path: path))
                }
            }
            if descriptor >= 0 {
                readAvailable()
                checkRotationAndTruncation()
            }
            flushBatch()
            sleepOnePoll()
        }
        closeFile()
    }

    private func isStopping() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    private func sleepOnePoll() {
        lock.lock()
        if !stopRequested { _ = lock.wait(until: Date(timeIntervalSinceNow: pollInterval)) }
        lock.unlock()
    }

    /// Opens the path; false when it does not exist or cannot be opened (reported as an error).
    private func openFile(fromEnd: Bool) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { report(.error("cannot open \(path): \(String(cString: strerror(errno)))")) }
            return false
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            return false
        }
        descriptor = fd
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        offset = fromEnd ? Int64(info.st_size) : 0
        lseek(fd, off_t(offset), SEEK_SET)
        pending.removeAll(keepingCapacity: true)
        discardingOverlong = false
        report(.following(path: path))
        return true
    }

    private func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        identity = nil
    }

    private func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopping() {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                report(.error("read failed on \(path): \(String(cString: strerror(errno)))"))
                return
            }
            if count == 0 { return }
            offset += Int64(count)
            consume(chunk[0..<count])
        }
    }

    /// Splits bytes into lines, holding a partial tail and skipping overlong lines.
    private func consume(_ bytes: ArraySlice<UInt8>) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.endIndex
            if !discardingOverlong {
                if pending.count + (end - start) > maxLineBytes {
                    // Drop what we held and ignore the rest of this line, whatever its length.
                    pending.removeAll(keepingCapacity: false)
                    discardingOverlong = true
                    countOverlong()
                } else {
                    pending.append(contentsOf: bytes[start..<end])
                }
            }
            guard let newline else { return }
            if discardingOverlong {
                discardingOverlong = false
            } else {
                emitPending()
            }
            start = newline + 1
        }
    }

    private func emitPending() {
        if pending.last == 0x0D { pending.removeLast() }
        batch.append(pending)
        pending.removeAll(keepingCapacity: true)
        if batch.count >= maxBatchLines { flushBatch() }
    }

    private func flushBatch() {
        guard !batch.isEmpty else { return }
        let lines = batch
        batch.removeAll(keepingCapacity: true)
        onLines(lines)
    }

    private func countOverlong() {
        lock.lock()
        overlongCount += 1
        let total = overlongCount
        lock.unlock()
        report(.overlongLineSkipped(total: total))
    }

    private func checkRotationAndTruncation() {
        var current = stat()
        if stat(path, &current) == 0, let identity,
            UInt64(current.st_dev) != identity.device || UInt64(current.st_ino) != identity.inode
        {
            // Rotated: finish the old file (writers may still have appended), end its last
            // line even without a newline, then follow the new file from its beginning.
            readAvailable()
            if !pending.isEmpty, !discardingOverlong { emitPending() }
            closeFile()
            report(.rotated(path: path))
            _ = openFile(fromEnd: false)
            return
        }
        // A missing path keeps the old descriptor: during rename-then-create rotation the
        // new file appears a moment later, and the old one may still grow meanwhile.
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return }
        if Int64(info.st_size) < offset {
            offset = 0
            lseek(descriptor, 0, SEEK_SET)
            pending.removeAll(keepingCapacity: true)
            discardingOverlong = false
            report(.truncated(path: path))
            report(.following(path: path))
            readAvailable()
        }
    }

    private func report(_ status: Status) {
        guard status != lastStatus else { return }
        lastStatus = status
        onStatus(status)
    }
}
