import EventScopeCore

/// Turns seed inputs into hostile variants: bit flips, byte edits, splices, repeats and inserted
/// tokens known to break parsers and terminals (escape sequences, bidi overrides, invalid UTF-8,
/// JSON edge cases).
///
/// Used by the fuzz tests of every decoder and parser. Without coverage feedback the seeds carry
/// the structure (one valid sample per format) and the mutations walk away from it a few steps,
/// which reaches the error paths a random byte string never would.
public struct FuzzMutator: Sendable {
    public var seeds: [[UInt8]]
    public var tokens: [[UInt8]]
    /// Inputs never grow beyond this, so the harness itself allocates a bounded amount.
    public var maxLength: Int

    public init(seeds: [[UInt8]], tokens: [[UInt8]] = FuzzMutator.hostileTokens, maxLength: Int = 4096) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.tokens = tokens.isEmpty ? [[0]] : tokens
        self.maxLength = max(1, maxLength)
    }

    public init(textSeeds: [String], tokens: [[UInt8]] = FuzzMutator.hostileTokens, maxLength: Int = 4096) {
        self.init(seeds: textSeeds.map { Array($0.utf8) }, tokens: tokens, maxLength: maxLength)
    }

    /// One input: usually a seed mutated one to eight times, sometimes a seed as is or random bytes.
    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        if random.oneIn(32) { return randomBytes(&random, count: random.below(64)) }
        var bytes = seeds[random.below(seeds.count)]
        if random.oneIn(16) { return bytes }
        for _ in 0...random.below(8) { bytes = mutate(bytes, &random) }
        return bytes
    }

    /// One input as text (invalid UTF-8 becomes U+FFFD, as it would in any Swift `String`).
    public func text(_ random: inout FuzzRandom) -> String {
        String(decoding: input(&random), as: UTF8.self)
    }

    /// Applies one random mutation.
    public func mutate(_ original: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        var bytes = original
        switch random.below(11) {
        case 0 where !bytes.isEmpty:
            let index = random.below(bytes.count)
            bytes[index] ^= UInt8(1 << random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(bytes.count + 1))
        case 3 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
        case 4, 5:
            bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: random.below(bytes.count + 1))
        case 6 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            let chunk = bytes[start..<min(bytes.count, start + 1 + random.below(32))]
            bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
        case 7:
            // Splice: the head of this input with the tail of another seed.
            let other = seeds[random.below(seeds.count)]
            bytes = Array(bytes.prefix(random.below(bytes.count + 1))) + other.suffix(random.below(other.count + 1))
        case 8 where !bytes.isEmpty:
            let interesting: [UInt8] = [0x00, 0x07, 0x1B, 0x7F, 0x80, 0x9B, 0x9D, 0xC0, 0xFF, 0x22, 0x5C, 0x7B, 0x5B, 0x2D, 0x3A, 0x0A]
            bytes[random.below(bytes.count)] = interesting[random.below(interesting.count)]
        case 9 where !bytes.isEmpty:
            bytes.removeSubrange(random.below(bytes.count)...)
        case 10 where !bytes.isEmpty:
            // Repeat a short chunk many times: deep nesting, long runs of digits, huge strings.
            let start = random.below(bytes.count)
            let chunk = Array(bytes[start..<min(bytes.count, start + 1 + random.below(4))])
            let times = 1 + random.below(max(1, (maxLength - bytes.count) / max(1, chunk.count)))
            bytes.insert(contentsOf: (0..<times).lazy.flatMap { _ in chunk }, at: start)
        default:
            bytes.append(contentsOf: tokens[random.below(tokens.count)])
        }
        return bytes.count > maxLength ? Array(bytes.prefix(maxLength)) : bytes
    }

    private func randomBytes(_ random: inout FuzzRandom, count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// Byte sequences that have broken parsers or terminals somewhere.
    public static let hostileTokens: [[UInt8]] =
        [
            "\u{1B}]0;PWNED\u{07}", "\u{1B}]52;c;cHduZWQ=\u{07}", "\u{1B}[2J", "\u{1B}[10;10H", "\u{1B}[31m", "\u{1B}P1$r\u{1B}\\",
            "\u{9B}31m", "\u{9D}0;x\u{9C}", "\u{202E}", "\u{2066}", "\u{200B}", "\u{FEFF}", "\u{AD}", "\u{E0041}", "e\u{301}\u{301}\u{301}",
            "漢字", "👩‍👩‍👧", "\r\n", "\t", "\u{0}", "\\u0000", "\\u001b", "\\ud800", "\\udc00\\ud800", "\\", "\"", "\\\"",
            "{", "}", "[", "]", ":", ",", "{\"a\":", "[[[[[[[[", "]]]]]]]]", "\"type\":", "\"id\":", "\"source\":", "\"time\":",
            "\"data\":", "\"payload\":", "\"specversion\":\"1.0\",", "null", "true", "false", "-0", "1e999", "-1e-999",
            "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "0.000000000000000000001",
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:60.999999999+99:99", "-", "00-", "0000000000000000", "ffffffffffffffff",
            "Principal = ", " is Denied ", " is Allowed ", "Operation = ", " from host = ", " on resource = ", "Topic:LITERAL:",
            " for request = ", " based on rule ", "MatchingAcl(", "User:", "=", "%", "%n%s", "\u{FFFD}",
        ].map { Array($0.utf8) } + [
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF, 0xFE], [0xE2, 0x80], [0xF0, 0x9F], [0xC2, 0x9B],
        ]
}
