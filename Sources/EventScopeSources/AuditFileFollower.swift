import EventScopeCore
import Foundation

/// Follows a growing log file like `tail -F`, delivering complete lines in batches.
///
/// Polls on its own thread (no inotify: it is not portable and misses renames on some file
/// systems). Tracks the file's identity (device and inode) and its position, including the
/// last bytes read before that position, so it survives:
/// - rotation by rename (a changed inode: the old file is read to its end, then the new one
///   from its start);
/// - truncation, including copytruncate followed by fast writes that leave the file larger
///   than before (the bytes before the read position are no longer the ones read: reading
///   restarts at 0), after first reading what was appended before the truncation from the
///   rotated copy (`name.1`, `name-20240501`, ...) when one holds the same bytes;
/// - a file that does not exist yet (waits for it). A partial trailing line is held until its newline arrives; a line
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
    /// The last bytes read before `offset`: when the file no longer holds them there, it was
    /// truncated and rewritten, however large it has grown since.
    private var tail: [UInt8] = []
    private static let tailLength = 64
    /// Bytes read from one rotated copy at most, so a wrong guess cannot flood the pipeline.
    private static let maxRecoveredBytes: Int64 = 64 << 20
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
                checkTruncation()
                readAvailable()
                checkRotation()
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
        tail = offset > 0 ? bytes(of: fd, at: max(0, offset - Int64(Self.tailLength)), count: Int(min(offset, Int64(Self.tailLength)))) : []
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
            remember(chunk[0..<count])
            consume(chunk[0..<count])
        }
    }

    /// Keeps the last `tailLength` bytes read.
    private func remember(_ bytes: ArraySlice<UInt8>) {
        if bytes.count >= Self.tailLength {
            tail = Array(bytes.suffix(Self.tailLength))
        } else {
            tail.append(contentsOf: bytes)
            if tail.count > Self.tailLength { tail.removeFirst(tail.count - Self.tailLength) }
        }
    }

    /// Up to `count` bytes of `fd` at `position` (fewer at the end of the file).
    private func bytes(of fd: Int32, at position: Int64, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(position)) }
        return read > 0 ? Array(buffer[0..<read]) : []
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

    /// A path that now names another file was rotated by rename: finish the old file (writers
    /// may still have appended), end its last line even without a newline, then follow the new
    /// file from its beginning. A missing path keeps the old descriptor: during
    /// rename-then-create rotation the new file appears a moment later, and the old one may
    /// still grow meanwhile.
    private func checkRotation() {
        var current = stat()
        guard stat(path, &current) == 0, let identity,
            UInt64(current.st_dev) != identity.device || UInt64(current.st_ino) != identity.inode
        else { return }
        readAvailable()
        if !pending.isEmpty, !discardingOverlong { emitPending() }
        closeFile()
        report(.rotated(path: path))
        if openFile(fromEnd: false) { readAvailable() }
    }

    /// Checked before reading: the file is shorter than the position, or no longer holds the
    /// bytes read before it (truncated, then written past the old position before this poll).
    private func checkTruncation() {
        var info = stat()
        guard fstat(descriptor, &info) == 0, offset > 0 else { return }
        let shrunk = Int64(info.st_size) < offset
        guard shrunk || bytes(of: descriptor, at: offset - Int64(tail.count), count: tail.count) != tail else { return }
        recoverFromRotatedCopy()
        if !pending.isEmpty, !discardingOverlong { emitPending() }
        offset = 0
        tail = []
        lseek(descriptor, 0, SEEK_SET)
        pending.removeAll(keepingCapacity: true)
        discardingOverlong = false
        report(.truncated(path: path))
        report(.following(path: path))
    }

    /// copytruncate copies the file, then truncates it: lines appended after our last read and
    /// before the copy live on only in the copy. Reads them from the newest sibling named after
    /// the file that holds the bytes we last read at the same position.
    private func recoverFromRotatedCopy() {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        let compressed = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".zip"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var candidates: [(path: String, modified: Int)] = []
        for name in names
        where name != base && (name.hasPrefix(base + ".") || name.hasPrefix(base + "-"))
            && !compressed.contains(where: { name.hasSuffix($0) })
        {
            let candidate = directory + "/" + name
            var info = stat()
            guard stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) >= offset,
                let identity, UInt64(info.st_ino) != identity.inode || UInt64(info.st_dev) != identity.device
            else { continue }
            candidates.append((candidate, info.st_mtim.tv_sec))
        }
        for candidate in candidates.sorted(by: { $0.modified > $1.modified }) {
            let fd = open(candidate.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard bytes(of: fd, at: offset - Int64(tail.count), count: tail.count) == tail else { continue }
            var position = offset
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while position - offset < Self.maxRecoveredBytes {
                let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
                if count <= 0 { break }
                position += Int64(count)
                consume(chunk[0..<count])
            }
            return
        }
    }

    private func report(_ status: Status) {
        guard status != lastStatus else { return }
        lastStatus = status
        onStatus(status)
    }
}
