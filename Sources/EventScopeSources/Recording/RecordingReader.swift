import EventScopeCore
import Foundation

/// Reads a recording (or `kcat -C -J` output) from a file, decoding it line by line.
///
/// Bad lines are skipped and counted with the first few reasons kept for the status line;
/// reading never stops at a bad line because one garbled record must not hide the rest.
public final class RecordingReader {
    /// The longest line accepted; kcat lines hold one record, and Kafka's default max is 1 MiB.
    public static let defaultMaxLineBytes = 16 << 20
    public static let chunkBytes = 256 << 10

    private let handle: FileHandle
    private var splitter: LineSplitter
    private var pending: [[UInt8]] = []
    private var pendingIndex = 0
    private var finished = false
    public private(set) var badLines = 0
    public private(set) var lineNumber = 0
    /// The first bad lines' numbers and reasons (bounded), for a one-line report.
    public private(set) var firstErrors: [(line: Int, error: RecordingLineError)] = []

    /// Opens `path` for reading.
    ///
    /// - Throws: `RecordingReaderError.cannotOpen` when the file cannot be read.
    public init(path: String, maxLineBytes: Int = RecordingReader.defaultMaxLineBytes) throws(RecordingReaderError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotOpen(path) }
        self.handle = handle
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
    }

    deinit {
        try? handle.close()
    }

    /// The next good line, or nil at the end of the file.
    public func next() -> RecordingLine? {
        while true {
            while pendingIndex < pending.count {
                let bytes = pending[pendingIndex]
                pendingIndex += 1
                lineNumber += 1
                switch RecordingLineDecoder.decode(bytes) {
                case .success(let line): return line
                case .failure(let error): noteBad(error)
                }
            }
            guard !finished else { return nil }
            pending = []
            pendingIndex = 0
            let overlongBefore = splitter.overlongLines
            let chunk = (try? handle.read(upToCount: Self.chunkBytes)) ?? nil
            if let chunk, !chunk.isEmpty {
                pending = splitter.feed(chunk)
            } else {
                pending = splitter.finish()
                finished = true
            }
            for _ in overlongBefore..<splitter.overlongLines {
                lineNumber += 1
                noteBad(.overlong(limit: splitter.maxLineBytes))
            }
        }
    }

    private func noteBad(_ error: RecordingLineError) {
        badLines += 1
        if firstErrors.count < 5 { firstErrors.append((lineNumber, error)) }
    }
}

/// Why a recording could not be read at all.
public enum RecordingReaderError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot read \(path)"
        }
    }
}
