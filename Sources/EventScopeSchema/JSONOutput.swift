/// The JSON bytes a decode is writing, held in spare room of the caller's buffer.
///
/// Appending to a Swift array checks uniqueness and capacity on every call, which cost more
/// than the decoding itself; this writes through a pointer with one bounds comparison. When
/// the room runs out, writes stop and `overflowed` is set, and `write(into:estimate:body:)`
/// runs the decode again with twice the room, so the fast path never has to grow a buffer.
struct JSONOutput {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0
    private(set) var overflowed = false

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard count < capacity else {
            overflowed = true
            return
        }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        let length = bytes.count
        guard length <= capacity - count else {
            overflowed = true
            return
        }
        if let source = bytes.baseAddress, length > 0 {
            UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: length)
        }
        count += length
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: UnsafeRawBufferPointer(bytes))
    }

    mutating func append(contentsOf text: String) {
        var copy = text
        copy.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// Drops what was written after `length` (to undo a speculative write).
    mutating func truncate(to length: Int) {
        count = min(count, max(length, 0))
    }

    private static let zeroPage = [UInt8](repeating: 0, count: 4096)

    /// Runs `body` with an output placed at the end of `buffer`, retrying with more room when
    /// the estimate was too small; on error `buffer` is left as it was.
    static func write<Result>(
        into buffer: inout [UInt8], estimate: Int,
        body: (inout JSONOutput) throws(SchemaDecodingError) -> Result
    ) throws(SchemaDecodingError) -> Result {
        let start = buffer.count
        var room = max(estimate, 64)
        while true {
            buffer.reserveCapacity(start + room)
            var unfilled = room
            while unfilled > 0 {
                // Copying from a zero page is a memcpy; a repeated element is appended byte by byte.
                let chunk = min(unfilled, zeroPage.count)
                buffer.append(contentsOf: zeroPage[0..<chunk])
                unfilled -= chunk
            }
            let outcome = buffer.withUnsafeMutableBufferPointer { whole -> Swift.Result<(JSONOutput, Result)?, SchemaDecodingError> in
                guard let pointer = whole.baseAddress else { return .success(nil) }
                var output = JSONOutput(base: pointer + start, capacity: room)
                do throws(SchemaDecodingError) {
                    let value = try body(&output)
                    return .success((output, value))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .failure(let error):
                buffer.removeLast(buffer.count - start)
                throw error
            case .success(let written?) where !written.0.overflowed:
                buffer.removeLast(buffer.count - start - written.0.count)
                return written.1
            case .success:
                buffer.removeLast(buffer.count - start)
                room *= 2
            }
        }
    }
}
