/// Reads epoch timestamps written as JSON numbers (or digit strings) into epoch milliseconds.
enum EpochNumber {
    /// Integers of at least 10^11 are milliseconds; smaller ones are seconds (10^11 ms is only
    /// March 1973, while 10^11 s is the year 5138, so the two ranges cannot be confused for real
    /// event times). A fraction is allowed on seconds. Exponents and out-of-range values give nil.
    static func milliseconds(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var whole: Int64 = 0
        var digits = 0
        while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
            guard digits < 16 else { return nil }
            whole = whole * 10 + Int64(text[i] - UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        var fractionMs: Int64 = 0
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100
            let fractionStart = i
            while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
                fractionMs += Int64(text[i] - UInt8(ascii: "0")) * scale
                scale /= 10
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        guard i == text.count else { return nil }
        if whole >= 100_000_000_000 { return whole }
        return whole * 1000 + fractionMs
    }
}
