import EventScopeSchema

/// Finds a fixed set of fields in a JSON object in one pass over its bytes, without building a tree.
///
/// `JSONSerialization` costs ~10 µs for a 250-byte event, which caps ingest near 100k events/s;
/// an event decoder needs only a handful of fields, so this scanner walks the bytes once,
/// compares each key against a small trie of wanted paths, descends only into objects on a
/// wanted path (`payload.kind`) and skips everything else by bracket counting.
///
/// Hostile input is bounded: nesting deeper than `maxDepth` is refused (no recursion anywhere),
/// strings are not copied during the scan, and any syntax error makes the scan fail, so a
/// truncated or non-JSON body falls through to the header and opaque forms.
///
/// Validation is strict on the path the scanner walks (keys, colons, commas, literals, string
/// escapes, raw control characters; numbers only need a digit) and lighter inside skipped values:
/// those must have balanced, matching brackets and well-formed strings, but their commas and
/// scalars are not checked, because full validation would double the cost for no benefit to
/// event classification.
struct JSONFieldScanner: Sendable {
    /// Total nesting the scanner accepts; deeper documents are treated as not JSON.
    static let maxDepth = 256
    /// Strings shorter than this are never examined as possible ciphertext (see `EncryptionDetector`).
    static let inspectMinimumLength = EncryptionDetector.minimumTextLength

    /// What a located value is.
    enum Kind: UInt8 {
        case absent, string, number, object, array, trueValue, falseValue, null
    }

    /// Where one wanted value sits in the scanned bytes.
    struct Span {
        var kind: Kind = .absent
        /// For strings the range excludes the quotes; for other values it is the whole value.
        var start = 0
        var end = 0
        /// True when the string contains backslash escapes and must be decoded before use.
        var escaped = false

        var isPresent: Bool { kind != .absent }
        var range: Range<Int> { start..<end }
    }

    /// Bytes of ciphertext-looking strings found inside inspected values (see `EncryptionDetector`).
    ///
    /// Strings elsewhere are not examined: metadata such as signatures is high-entropy by design,
    /// and skipping them keeps the common case cheap.
    struct CiphertextTally {
        var bytes = 0
    }

    /// One key of a trie level while building: the slot its value is stored in and the level for its children.
    private struct BuildEntry {
        var key: [UInt8]
        var slot: Int
        var child: Int
        var inspect: Bool
    }

    /// One key of a trie level, flattened: its bytes are `keyBytes[keyStart..<keyStart + keyLength]`.
    /// Plain integers so the scan touches no reference-counted storage per key.
    private struct Entry: Sendable {
        var keyStart: Int
        var keyLength: Int
        var firstByte: UInt8
        var slot: Int
        var child: Int
        var inspect: Bool
    }

    /// All keys' bytes, back to back.
    private let keyBytes: [UInt8]
    /// All entries, grouped by level, each level's ordered by key length.
    private let entries: [Entry]
    /// For each level (0 is the top-level object), its entries' range in `entries`.
    private let levels: [Range<Int>]
    /// Number of slots `scan` fills.
    let slotCount: Int

    /// Builds the trie; slot `i` receives the value at `paths[i]`; values under a path whose
    /// `inspect` flag is set are examined for ciphertext.
    init(paths: [(path: FieldPath, inspect: Bool)]) {
        var levels: [[BuildEntry]] = [[]]
        for (slot, wanted) in paths.enumerated() {
            var level = 0
            for (depth, segment) in wanted.path.segments.enumerated() {
                let key = Array(segment.utf8)
                let isLast = depth == wanted.path.segments.count - 1
                var position = levels[level].firstIndex { $0.key == key }
                if position == nil {
                    levels[level].append(BuildEntry(key: key, slot: -1, child: -1, inspect: false))
                    position = levels[level].count - 1
                }
                guard let index = position else { break }
                if isLast {
                    if levels[level][index].slot < 0 { levels[level][index].slot = slot }
                    if wanted.inspect { levels[level][index].inspect = true }
                } else {
                    if levels[level][index].child < 0 {
                        levels.append([])
                        levels[level][index].child = levels.count - 1
                    }
                    level = levels[level][index].child
                }
            }
        }
        var keyBytes: [UInt8] = []
        var entries: [Entry] = []
        var ranges: [Range<Int>] = []
        for level in levels {
            let start = entries.count
            // Ordered by key length for `Trie.find`; the order of equal lengths does not matter (keys are distinct).
            for entry in level.sorted(by: { $0.key.count < $1.key.count }) {
                entries.append(
                    Entry(
                        keyStart: keyBytes.count, keyLength: entry.key.count, firstByte: entry.key.first ?? 0, slot: entry.slot,
                        child: entry.child, inspect: entry.inspect))
                keyBytes.append(contentsOf: entry.key)
            }
            ranges.append(start..<entries.count)
        }
        self.keyBytes = keyBytes
        self.entries = entries
        self.levels = ranges
        self.slotCount = paths.count
    }

    /// One open object on the wanted path.
    private struct OpenObject {
        var level: Int
        var slot: Int
        var start: Int
        var inspect: Bool
    }

    /// Scans `bytes` as one JSON object, filling `spans` (which must hold `slotCount` entries, all absent).
    ///
    /// Duplicate keys: the last occurrence wins, as in most consumers (Jackson, Go, JavaScript), so
    /// the monitor sees what the services see.
    /// - Returns: false when the bytes are not a single well-formed JSON object.
    func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, into spans: UnsafeMutableBufferPointer<Span>,
        inspectAll: Bool, tally: inout CiphertextTally
    ) -> Bool {
        // The descent stack is bounded by FieldPath.maxSegments + 1: only wanted objects are entered,
        // so it lives on the stack instead of in a heap array allocated per event.
        withUnsafeTemporaryAllocation(of: OpenObject.self, capacity: FieldPath.maxSegments + 1) { stack in
            keyBytes.withUnsafeBufferPointer { keys in
                entries.withUnsafeBufferPointer { entries in
                    levels.withUnsafeBufferPointer { levels in
                        let trie = Trie(keys: keys, entries: entries, levels: levels)
                        return Self.scan(bytes, trie: trie, into: spans, stack: stack, inspectAll: inspectAll, tally: &tally)
                    }
                }
            }
        }
    }

    /// The trie's storage, borrowed for one scan.
    private struct Trie {
        let keys: UnsafeBufferPointer<UInt8>
        let entries: UnsafeBufferPointer<Entry>
        let levels: UnsafeBufferPointer<Range<Int>>

        func lookup(level: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Entry? {
            if escaped {
                let key = JSONString.unescape(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                return key.withUnsafeBufferPointer { find(level: level, $0, 0, $0.count) }
            }
            return find(level: level, bytes, start, end)
        }

        /// A level's entries are ordered by key length, so only keys as long as the wanted one
        /// are compared, found by binary search, instead of every key of the level (the top level
        /// holds two dozen field-name variants).
        @inline(__always)
        private func find(level: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Entry? {
            let length = end - start
            guard length > 0 else { return nil }
            let first = bytes[start]
            var low = levels[level].lowerBound
            var high = levels[level].upperBound
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].keyLength < length { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < levels[level].upperBound, entries[index].keyLength == length {
                let entry = entries[index]
                index += 1
                guard entry.firstByte == first else { continue }
                var k = 1
                while k < length, keys[entry.keyStart + k] == bytes[start + k] { k += 1 }
                if k == length { return entry }
            }
            return nil
        }
    }

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, trie: Trie, into spans: UnsafeMutableBufferPointer<Span>,
        stack: UnsafeMutableBufferPointer<OpenObject>, inspectAll: Bool, tally: inout CiphertextTally
    ) -> Bool {
        let count = bytes.count
        var i = skipWhitespace(bytes, 0)
        guard i < count, bytes[i] == UInt8(ascii: "{") else { return false }
        var open = 1
        stack.initializeElement(at: 0, to: OpenObject(level: 0, slot: -1, start: i, inspect: inspectAll))
        i += 1
        var expectKey = true  // right after `{`, a `}` may also close the object
        while true {
            i = skipWhitespace(bytes, i)
            guard i < count, open > 0 else { return false }
            let top = stack[open - 1]
            if expectKey, bytes[i] == UInt8(ascii: "}") {
                // Empty object (or the close after a member, routed here below).
            } else {
                guard bytes[i] == UInt8(ascii: "\"") else { return false }
                i += 1
                let keyStart = i
                guard let (keyEnd, keyEscaped) = scanString(bytes, &i) else { return false }
                i = skipWhitespace(bytes, i)
                guard i < count, bytes[i] == UInt8(ascii: ":") else { return false }
                i = skipWhitespace(bytes, i + 1)
                guard i < count else { return false }
                let entry = trie.lookup(level: top.level, bytes, keyStart, keyEnd, escaped: keyEscaped)
                let inspect = top.inspect || (entry?.inspect ?? false)
                if let entry, entry.child >= 0, bytes[i] == UInt8(ascii: "{"), open < stack.count {
                    stack.initializeElement(at: open, to: OpenObject(level: entry.child, slot: entry.slot, start: i, inspect: inspect))
                    open += 1
                    i += 1
                    expectKey = true
                    continue
                }
                guard let span = scanValue(bytes, &i, depth: open, inspect: inspect, tally: &tally)
                else { return false }
                if let entry, entry.slot >= 0 { spans[entry.slot] = span }
                i = skipWhitespace(bytes, i)
                guard i < count else { return false }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    expectKey = false
                    continue
                }
                guard bytes[i] == UInt8(ascii: "}") else { return false }
            }
            // bytes[i] is the `}` closing the innermost open object.
            i += 1
            open -= 1
            let closed = stack[open]
            if closed.slot >= 0 { spans[closed.slot] = Span(kind: .object, start: closed.start, end: i) }
            if open == 0 {
                return skipWhitespace(bytes, i) == count
            }
            i = skipWhitespace(bytes, i)
            guard i < count else { return false }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                expectKey = false
            } else if bytes[i] == UInt8(ascii: "}") {
                expectKey = true  // routes to the close branch at the top of the loop
            } else {
                return false
            }
        }
    }

    @inline(__always)
    static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        return i
    }

    /// Scans string content starting after the opening quote; leaves `i` after the closing quote.
    /// - Returns: the content end and whether escapes occur, or nil for a malformed string.
    @inline(__always)
    static func scanString(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> (Int, Bool)? {
        var escaped = false
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < count {
            // Eight bytes at a time: plain text is skipped a word at a time, and a word holding a
            // byte that can end the string, start an escape or be refused is entered straight at
            // that byte. Most strings are short, so the jump saves the byte loop on nearly all of them.
            if i + 8 <= count {
                let flags = endOrEscapeFlags(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if flags == 0 {
                    i += 8
                    continue
                }
                i += flags.trailingZeroBitCount >> 3
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let end = i
                i += 1
                return (end, escaped)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < count else { return nil }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < count else { return nil }
                    for k in 2...5 where JSONEscape.hexValue(bytes[i + k]) == nil { return nil }
                    i += 6
                default:
                    return nil
                }
                continue
            }
            if b < 0x20 { return nil }  // raw control characters are not allowed in JSON strings
            i += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` (loaded little-endian, so the first byte is the
    /// lowest) that is a quote, a backslash or below 0x20. SWAR: a byte equal to `c` becomes zero
    /// after xor with `c`, and zero or small bytes borrow into their high bit on subtraction. A
    /// borrow only runs upward from a flagged byte, so bytes above the first flagged one may be
    /// flagged wrongly but the lowest flag is always exact, and none is ever missed.
    @inline(__always)
    static func endOrEscapeFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return hasQuote | hasBackslash | hasControl
    }

    /// Scans one value at `i` (which must not be whitespace); leaves `i` just after it.
    private static func scanValue(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, depth: Int, inspect: Bool, tally: inout CiphertextTally
    ) -> Span? {
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "\""):
            i += 1
            guard let (end, escaped) = scanString(bytes, &i) else { return nil }
            if inspect, end - (start + 1) >= inspectMinimumLength {
                examine(bytes, start + 1, end, escaped: escaped, tally: &tally)
            }
            return Span(kind: .string, start: start + 1, end: end, escaped: escaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard skipContainer(bytes, &i, depth: depth, inspect: inspect, tally: &tally) else { return nil }
            return Span(kind: bytes[start] == UInt8(ascii: "{") ? .object : .array, start: start, end: i)
        case UInt8(ascii: "t"):
            guard literal(bytes, &i, "true") else { return nil }
            return Span(kind: .trueValue, start: start, end: i)
        case UInt8(ascii: "f"):
            guard literal(bytes, &i, "false") else { return nil }
            return Span(kind: .falseValue, start: start, end: i)
        case UInt8(ascii: "n"):
            guard literal(bytes, &i, "null") else { return nil }
            return Span(kind: .null, start: start, end: i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            var digits = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                    digits += 1
                } else if b != UInt8(ascii: "-"), b != UInt8(ascii: "+"), b != UInt8(ascii: "."), b != UInt8(ascii: "e"),
                    b != UInt8(ascii: "E")
                {
                    break
                }
                i += 1
            }
            guard digits > 0 else { return nil }
            return Span(kind: .number, start: start, end: i)
        default:
            return nil
        }
    }

    private static func literal(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard bytes.count - i >= length else { return false }
        let expected = word.utf8Start
        for k in 0..<length where bytes[i + k] != expected[k] { return false }
        i += length
        return true
    }

    /// Skips a whole object or array starting at `i`, without recursion: a bit per open level
    /// records whether it is an object, so mismatched brackets are caught.
    private static func skipContainer(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, depth: Int, inspect: Bool, tally: inout CiphertextTally
    ) -> Bool {
        var kinds = BracketKinds()
        var open = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                let start = i + 1
                i += 1
                guard let (end, escaped) = scanString(bytes, &i) else { return false }
                if inspect, end - start >= inspectMinimumLength {
                    // A string followed by `:` is a key, not a value.
                    let next = skipWhitespace(bytes, i)
                    if next >= count || bytes[next] != UInt8(ascii: ":") {
                        examine(bytes, start, end, escaped: escaped, tally: &tally)
                    }
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth + open < maxDepth else { return false }
                kinds.set(open, isObject: b == UInt8(ascii: "{"))
                open += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard open > 0 else { return false }
                open -= 1
                guard kinds.isObject(open) == (b == UInt8(ascii: "}")) else { return false }
                if open == 0 {
                    i += 1
                    return true
                }
            default:
                break
            }
            i += 1
        }
        return false
    }

    private static func examine(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool, tally: inout CiphertextTally
    ) {
        let isCiphertext: Bool
        if escaped {
            // Some encoders write `/` as `\/`, which base64 contains.
            isCiphertext = EncryptionDetector.looksLikeCiphertext(JSONString.unescape(UnsafeBufferPointer(rebasing: bytes[start..<end])))
        } else {
            isCiphertext = EncryptionDetector.looksLikeCiphertext(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        if isCiphertext { tally.bytes += end - start }
    }
}

/// One bit per nesting level (up to `JSONFieldScanner.maxDepth`): set for objects, clear for arrays.
private struct BracketKinds {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func set(_ level: Int, isObject: Bool) {
        let bit: UInt64 = 1 << UInt64(level & 63)
        func update(_ word: inout UInt64) { if isObject { word |= bit } else { word &= ~bit } }
        switch level >> 6 {
        case 0: update(&words.0)
        case 1: update(&words.1)
        case 2: update(&words.2)
        default: update(&words.3)
        }
    }

    func isObject(_ level: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(level & 63)
        switch level >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}
