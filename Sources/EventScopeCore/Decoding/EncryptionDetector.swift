import EventScopeSchema
import Foundation

/// Tells ciphertext from structured data: by declared markers, or by text that is
/// a long base64 / hex run with the entropy of random bytes.
///
/// Tuned to stay quiet on what plaintext events are full of — UUIDs, order ids, timestamps,
/// e-mail addresses, camel-case names, short tokens — so `encrypted` on screen means something.
/// Thresholds come from the empirical entropy of uniformly random strings of the same length
/// (which is below the alphabet's maximum for short strings), minus a margin that keeps the
/// false-negative rate for real ciphertext under about 0.1 %.
public enum EncryptionDetector {
    /// Shorter strings are never ciphertext here: AES-GCM of one byte (12-byte IV, 16-byte tag) is
    /// already 40 base64 characters, while 32-character ids and tokens are common plaintext.
    public static let minimumTextLength = 40
    /// Hex needs more length than base64: 32-hex UUIDs / trace ids and 40-hex SHA-1s are plaintext ids.
    public static let minimumHexLength = 48
    /// Binary bodies shorter than this carry too few bytes to judge by entropy.
    public static let minimumBinaryLength = 128
    /// Entropy is measured on at most this many bytes, bounding the cost on huge values.
    static let sampleLimit = 4096
    /// A field's alphabet is read on at most this many bytes: ciphertext fields are far shorter,
    /// and reading a 10 MB text field byte by byte stalled the dashboard.
    static let alphabetLimit = 65_536

    /// True when a field's text looks like ciphertext: long base64/base64url/hex with high entropy,
    /// a JWE compact token, or a HashiCorp Vault transit value (`vault:v1:...`).
    public static func looksLikeCiphertext(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { looksLikeCiphertext($0) }
    }

    /// Byte form of `looksLikeCiphertext(_:)` for text already in UTF-8.
    public static func looksLikeCiphertext(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { looksLikeCiphertext($0) }
    }

    static func looksLikeCiphertext(_ whole: UnsafeBufferPointer<UInt8>) -> Bool {
        guard whole.count >= minimumTextLength else { return false }
        let text = UnsafeBufferPointer(rebasing: whole.prefix(alphabetLimit))
        if let rest = vaultCiphertext(text) { return isBase64Like(rest, minimumLength: 16) }
        var upper = false
        var lower = false
        var digit = false
        var standardSymbol = false
        var urlSymbol = false
        var dots = 0
        var padding = 0
        // Plain comparisons rather than range patterns: an unoptimised build matches those
        // through generic calls per byte, seconds for a 10 MB field.
        for index in 0..<text.count {
            let b = text[index]
            if b >= 0x41 && b <= 0x5A {
                upper = true
            }  // A-Z
            else if b >= 0x61 && b <= 0x7A {
                lower = true
            }  // a-z
            else if b >= 0x30 && b <= 0x39 {
                digit = true
            }  // 0-9
            else if b == 0x2B || b == 0x2F {
                standardSymbol = true
            }  // + /
            else if b == 0x2D || b == 0x5F {
                urlSymbol = true
            }  // - _
            else if b == 0x2E {
                dots += 1
            }  // .
            else if b == 0x3D {
                padding += 1
            }  // =
            else {
                return false
            }
            // Padding only at the very end.
            if padding > 0, b != 0x3D { return false }
        }
        guard padding <= 2 else { return false }
        if dots > 0 { return dots == 4 && isJWE(whole) }
        if standardSymbol && urlSymbol { return false }
        if !standardSymbol, !urlSymbol, padding == 0, text.allSatisfy({ JSONEscape.hexValue($0) != nil }) {
            // All-digit runs are numbers, not hex.
            guard text.count >= minimumHexLength, digit, upper || lower else { return false }
            return entropy(text) >= threshold(alphabet: 16, length: text.count)
        }
        // Random base64 of this length almost surely mixes all three classes; words and names do not.
        guard upper, lower, digit else { return false }
        return entropy(text) >= threshold(alphabet: 64, length: text.count)
    }

    /// True when a whole non-JSON body looks encrypted: ciphertext-looking text, or binary with
    /// near-random byte entropy that is not a known compression format.
    public static func looksLikeEncryptedBody(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { looksLikeEncryptedBody($0) }
    }

    static func looksLikeEncryptedBody(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = body.count
        while start < end, isSpace(body[start]) { start += 1 }
        while end > start, isSpace(body[end - 1]) { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: body[start..<end])
        if isPrintableASCII(trimmed) { return looksLikeCiphertext(trimmed) }
        guard body.count >= minimumBinaryLength, !isCompressed(body) else { return false }
        let measured = entropy(body)
        switch body.count {
        case ..<256: return measured >= 6.0
        case ..<1024: return measured >= 6.8
        default: return measured >= 7.5
        }
    }

    /// Interprets an `encryption` / `encrypted` / `content-encoding` marker from a header or envelope.
    ///
    /// - Returns: true when it declares encryption (`aes256-gcm`, `true`, `jwe`, `aes128gcm`, ...),
    ///   false when it declares plaintext or names only compression (`none`, `false`, `gzip`).
    public static func declaresEncryption(_ marker: some Collection<UInt8>) -> Bool {
        let text = String(decoding: marker, as: UTF8.self).lowercased()
        let tokens = text.split { $0 == "," || $0 == ";" || $0 == " " || $0 == "\t" }
        for token in tokens {
            if ["true", "yes", "1", "encrypted", "age"].contains(token) { return true }
            for prefix in ["aes", "chacha", "xchacha", "encrypt", "jwe", "pgp", "gpg", "kms", "tink", "fernet", "sym", "csfle"]
            where token.hasPrefix(prefix) {
                return true
            }
            if token.contains("gcm") || token.contains("cbc") { return true }
        }
        return false
    }

    /// Shannon entropy in bits per byte of (at most `sampleLimit` bytes of) the input.
    public static func entropy(_ bytes: [UInt8]) -> Double {
        bytes.withUnsafeBufferPointer { entropy($0) }
    }

    static func entropy(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        let sample = min(bytes.count, sampleLimit)
        guard sample > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for k in 0..<sample { counts[Int(bytes[k])] += 1 }
            let total = Double(sample)
            var bits = 0.0
            for count in counts where count > 0 {
                let p = Double(count) / total
                bits -= p * log2(p)
            }
            return bits
        }
    }

    /// Expected empirical entropy of uniformly random text of this length (Miller–Madow), less a margin.
    private static func threshold(alphabet: Int, length: Int) -> Double {
        let n = Double(min(length, sampleLimit))
        let k = Double(alphabet)
        return log2(k) - (k - 1) / (2 * n * 0.693_147_180_559_945_3) - 0.5
    }

    /// JWE compact serialisation: five base64url segments, the header starting `eyJ` (`{"`).
    private static func isJWE(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 3, text[0] == UInt8(ascii: "e"), text[1] == UInt8(ascii: "y"), text[2] == UInt8(ascii: "J")
        else { return false }
        let segments = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return segments.count == 5 && segments[3].count >= 16
    }

    /// The base64 part of `vault:v<N>:<base64>`.
    private static func vaultCiphertext(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let prefix = Array("vault:v".utf8)
        guard text.starts(with: prefix) else { return nil }
        var i = prefix.count
        while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") { i += 1 }
        guard i > prefix.count, i < text.count, text[i] == UInt8(ascii: ":") else { return nil }
        return UnsafeBufferPointer(rebasing: text[(i + 1)...])
    }

    private static func isBase64Like(_ text: UnsafeBufferPointer<UInt8>, minimumLength: Int) -> Bool {
        guard text.count >= minimumLength else { return false }
        return text.allSatisfy { b in
            (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// gzip, zstd, LZ4 frame and snappy framing: high entropy, but compression, not encryption.
    private static func isCompressed(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        let magics: [[UInt8]] = [[0x1F, 0x8B], [0x28, 0xB5, 0x2F, 0xFD], [0x04, 0x22, 0x4D, 0x18], [0xFF, 0x06, 0x00, 0x00]]
        return magics.contains { body.starts(with: $0) }
    }
}
