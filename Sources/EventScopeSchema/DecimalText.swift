/// Writes a two's-complement big-endian unscaled integer and a scale as a decimal string.
///
/// Decimals carry money and quantities, where a binary float would lie; the result is a quoted
/// string ("-12.34") so no JSON reader downstream rounds it. Lengths are capped because turning
/// a long big integer into decimal digits costs time quadratic in its length.
enum DecimalText {
    /// 128 bytes is far beyond any precision a schema declares (38 digits fit in 16 bytes).
    static let maxBytes = 128

    /// Appends the quoted decimal text; the caller has checked `bytes.count <= maxBytes`.
    static func append(unscaled bytes: UnsafeRawBufferPointer, scale: Int, to out: inout JSONOutput) {
        var digits: [UInt8] = []
        let negative = !bytes.isEmpty && bytes[0] & 0x80 != 0
        // Magnitude as big-endian 32-bit limbs.
        var magnitude = [UInt8](bytes)
        if negative {
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                let (sum, overflow) = magnitude[i].addingReportingOverflow(1)
                magnitude[i] = sum
                if !overflow { break }
                i -= 1
            }
        }
        var limbs: [UInt32] = []
        let pad = (4 - magnitude.count % 4) % 4
        var padded = [UInt8](repeating: 0, count: pad) + magnitude
        while padded.count >= 4 {
            limbs.append(UInt32(padded[0]) << 24 | UInt32(padded[1]) << 16 | UInt32(padded[2]) << 8 | UInt32(padded[3]))
            padded.removeFirst(4)
        }
        while let first = limbs.first, first == 0 { limbs.removeFirst() }
        while !limbs.isEmpty {
            var remainder: UInt64 = 0
            for i in limbs.indices {
                let current = remainder << 32 | UInt64(limbs[i])
                limbs[i] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            while let first = limbs.first, first == 0 { limbs.removeFirst() }
            for _ in 0..<9 {
                digits.append(UInt8(ascii: "0") + UInt8(remainder % 10))
                remainder /= 10
                if limbs.isEmpty && remainder == 0 { break }
            }
        }
        if digits.isEmpty { digits.append(UInt8(ascii: "0")) }
        // `digits` is least significant first.
        let safeScale = max(scale, 0)
        while digits.count <= safeScale { digits.append(UInt8(ascii: "0")) }
        out.append(UInt8(ascii: "\""))
        if negative { out.append(UInt8(ascii: "-")) }
        for i in stride(from: digits.count - 1, through: 0, by: -1) {
            out.append(digits[i])
            if i == safeScale && safeScale > 0 { out.append(UInt8(ascii: ".")) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
