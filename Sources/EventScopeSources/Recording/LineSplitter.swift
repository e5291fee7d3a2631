import EventScopeCore

/// Cuts a byte stream into lines, refusing to hold more than `maxLineBytes` of one line.
///
/// A line over the cap is dropped as it streams past (counted in `overlongLines`) so a file
/// without newlines cannot make the reader allocate without bound. A trailing `\r` is removed
/// (recordings copied through Windows tools) and empty lines are skipped.
public struct LineSplitter: Sendable {
    public let maxLineBytes: Int
    public private(set) var overlongLines = 0
    private var partial: [UInt8] = []
    private var discarding = false

    public init(maxLineBytes: Int) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Returns the lines completed by `chunk`; a line without its newline waits for more.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in chunk {
            if byte == 0x0A {
                if discarding {
                    discarding = false
                } else {
                    emit(into: &lines)
                }
                partial.removeAll(keepingCapacity: true)
                continue
            }
            guard !discarding else { continue }
            if partial.count >= maxLineBytes {
                overlongLines += 1
                discarding = true
                partial.removeAll(keepingCapacity: false)
                continue
            }
            partial.append(byte)
        }
        return lines
    }

    /// Returns the last line when the stream ended without a newline.
    public mutating func finish() -> [[UInt8]] {
        var lines: [[UInt8]] = []
        if !discarding { emit(into: &lines) }
        partial.removeAll()
        discarding = false
        return lines
    }

    private func emit(into lines: inout [[UInt8]]) {
        var line = partial
        if line.last == 0x0D { line.removeLast() }
        if !line.isEmpty { lines.append(line) }
    }
}
