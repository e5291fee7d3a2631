import EventScopeSchema
import Testing

@testable import EventScopeCore

/// The scanner skips string content eight bytes at a time; it must find exactly what a byte-by-byte
/// scan finds, wherever in a word the quote, backslash or control byte falls.
@Suite struct JSONStringScanTests {
    /// The byte-by-byte definition: content end, whether escapes occur, or nil when malformed.
    private func reference(_ bytes: [UInt8], from start: Int) -> (end: Int, escaped: Bool, next: Int)? {
        var i = start
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { return (i, escaped, i + 1) }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < bytes.count else { return nil }
                let code = bytes[i + 1]
                if Array("\"\\/bfnrt".utf8).contains(code) {
                    i += 2
                } else if code == UInt8(ascii: "u") {
                    guard i + 5 < bytes.count else { return nil }
                    for k in 2...5 where JSONEscape.hexValue(bytes[i + k]) == nil { return nil }
                    i += 6
                } else {
                    return nil
                }
                continue
            }
            if b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    private func scanned(_ bytes: [UInt8], from start: Int) -> (end: Int, escaped: Bool, next: Int)? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            guard let (end, escaped) = JSONFieldScanner.scanString(buffer, &i) else { return nil }
            return (end, escaped, i)
        }
    }

    @Test(arguments: [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x20, 0x7F, 0x80, 0xFF, 0xA2, 0xDC] as [UInt8])
    func specialByteAtEveryPositionIsSeen(special: UInt8) {
        for length in 0..<40 {
            for position in 0...length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes.insert(special, at: position)
                for tail in [[UInt8(ascii: "\"")], Array("n\"".utf8), Array("u00e9\"".utf8), []] {
                    let input = bytes + tail
                    let expected = reference(input, from: 0)
                    let actual = scanned(input, from: 0)
                    #expect(
                        expected?.end == actual?.end && expected?.escaped == actual?.escaped && expected?.next == actual?.next,
                        "special \(special) at \(position) of \(length), tail \(tail)")
                }
            }
        }
    }

    @Test func randomStringsAgreeWithTheByteScan() {
        var random = SplitMix64(seed: 0x5CA9)
        let alphabet: [UInt8] = Array("ab\"\\nu0123456789eE/ ".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 48)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let start = length == 0 ? 0 : Int(random.next() % UInt64(length))
            let expected = reference(bytes, from: start)
            let actual = scanned(bytes, from: start)
            #expect(expected?.end == actual?.end && expected?.escaped == actual?.escaped && expected?.next == actual?.next)
        }
    }
}
