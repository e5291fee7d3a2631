import Testing

@testable import EventScopeCore

@Suite struct TraceIdentifierParsingTests {
    /// Packed ids round-trip to their text; other ids are kept as text; invalid ones are refused.
    @Test(arguments: [
        ("4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736"), ("00f067aa0ba902b7", "00f067aa0ba902b7"),
        ("abc", "abc"), ("123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000"),
        ("4BF92F3577B34DA6", "4BF92F3577B34DA6"), ("order#1", "order#1"),
        ("123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456-42661417400g"),
        ("123e4567-e89b-12d3-a456-4266-1417400", "123e4567-e89b-12d3-a456-4266-1417400"),
    ])
    func idsKeepTheirText(text: String, expected: String) {
        #expect(TraceIdentifier(text)?.text == expected)
    }

    @Test func hexAndUUIDShapesPack() {
        guard case .hex = TraceIdentifier("4bf92f3577b34da6a3ce929d0e0e4736") else {
            Issue.record("not packed")
            return
        }
        guard case .hex = TraceIdentifier("123e4567-e89b-12d3-a456-426614174000") else {
            Issue.record("uuid not packed")
            return
        }
        guard case .text = TraceIdentifier("4bf92f3577b34da6a3ce929d0e0e473g") else {
            Issue.record("non-hex packed")
            return
        }
        guard case .text = TraceIdentifier("123E4567-e89b-12d3-a456-426614174000") else {
            Issue.record("uppercase uuid packed")
            return
        }
        guard case .text = TraceIdentifier("123e4567-e89b-12d3-a456-42661417400A") else {
            Issue.record("uppercase uuid tail packed")
            return
        }
        guard case .text = TraceIdentifier("123e4567-e89b-12D3-a456-426614174000") else {
            Issue.record("uppercase uuid middle packed")
            return
        }
    }

    @Test(arguments: [
        "", "0000000000000000", "00000000-0000-0000-0000-000000000000", "has space", "tab\t",
        String(repeating: "a", count: TraceIdentifier.maxLength + 1),
    ])
    func invalidIdsAreRefused(text: String) {
        #expect(TraceIdentifier(text) == nil)
    }

    /// A context keeps every id exactly as set, packed or not, valid for the index or not.
    @Test(arguments: [
        "4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000001", "0", "00000000000000000000000000000000",
        "123e4567-e89b-12d3-a456-426614174000", "4BF92F35", "order#1", "has space", "", "é-ü\u{202E}",
    ])
    func contextIdsRoundTripExactly(text: String) {
        var context = TraceContext(traceId: text, spanId: text, parentSpanId: text, correlationId: text, causationId: text)
        #expect([context.traceId, context.spanId, context.parentSpanId, context.correlationId, context.causationId] == Array(repeating: text, count: 5))
        context.spanId = nil
        #expect(context.spanId == nil && context.traceId == text)
        #expect(TraceContext(traceId: text) == TraceContext(traceId: text))
        #expect(TraceIdentifier(wire: text).validated == TraceIdentifier(text))
    }

    /// The parsers' normalisation: any case, left-padded to the width, all zeros and non-hex refused.
    @Test func normalizedHexPadsLowersAndRefuses() {
        func normalized(_ text: String, _ lengths: ClosedRange<Int>, _ width: Int) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { TraceIdentifier.normalizedHex($0, lengths: lengths, width: width)?.text }
        }
        #expect(normalized("ABCdef12", 1...16, 16) == "00000000abcdef12")
        #expect(normalized("4BF92F3577B34DA6A3CE929D0E0E4736", 16...32, 32) == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(normalized("0000", 1...16, 16) == nil)
        #expect(normalized("12g4", 1...16, 16) == nil)
        #expect(normalized("12", 16...16, 16) == nil)
        // Control bytes 0x10-0x19 are not digits, in a whole word or in the tail.
        #expect(normalized("\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}123456", 1...16, 16) == nil)
        #expect(normalized("\u{11}", 1...16, 16) == nil)
        #expect(normalized(String(repeating: "1", count: 17), 1...32, 16) == nil)
    }

    /// Headless lines write packed ids from their words; they read exactly as the text would.
    @Test func jsonLinesWritePackedAndTextIdsAlike() {
        var event = Event(topic: "t", partition: 0, offset: 1, timeMs: nil, type: nil, id: nil, source: nil, format: .opaque, bytes: 0)
        event.trace = TraceContext(traceId: "00f067aa0ba902b700f067aa0ba902b7", spanId: "123e4567-e89b-12d3-a456-426614174000", parentSpanId: "Q\"1")
        let line = EventJSONLine.line(event)
        #expect(line.contains(#""traceId":"00f067aa0ba902b700f067aa0ba902b7","spanId":"123e4567-e89b-12d3-a456-426614174000","parentSpanId":"Q\"1""#))
    }

    /// The word-at-a-time hex reader against a digit-by-digit reference, on random ids of every
    /// length with bytes just outside the hex ranges (`/`, `:`, `@`, `G`, `` ` ``, `g`, DEL, 0x80+).
    @Test func normalizedHexMatchesAReference() {
        var random = SplitMix64(seed: 0x4E58)
        // 0x10-0x19 and 0x41-0x46 | 0x20 tricks: bytes that become digits or letters when lowered carelessly.
        let alphabet = Array("0123456789abcdefABCDEF".utf8) + [0x2F, 0x3A, 0x40, 0x47, 0x60, 0x67, 0x7F, 0x80, 0xB0, 0xE6, 0x20, 0x10, 0x19, 0x11, 0x01]
        func reference(_ bytes: [UInt8], width: Int) -> String? {
            guard !bytes.isEmpty, bytes.count <= width else { return nil }
            var text = ""
            for byte in bytes {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue, byte < 0x80 else { return nil }
                text.append(String(digit, radix: 16))
            }
            let padded = String(repeating: "0", count: width - text.count) + text
            return padded.allSatisfy { $0 == "0" } ? nil : padded
        }
        for round in 0..<20_000 {
            let count = Int(random.next() % 32) + 1
            let invalidOdds: UInt64 = round % 2 == 0 ? 0 : 40
            let bytes = (0..<count).map { _ in
                random.next() % 100 < invalidOdds ? alphabet[22 + Int(random.next() % 15)] : alphabet[Int(random.next() % 22)]
            }
            let packed = bytes.withUnsafeBufferPointer { TraceIdentifier.normalizedHex($0, lengths: 1...32, width: 32)?.text }
            #expect(packed == reference(bytes, width: 32), "\(bytes)")
        }
    }

    /// Packed ids of every length and shape write back exactly the text they were read from.
    @Test func packedIdsWriteBackTheirText() {
        var random = SplitMix64(seed: 0x7E47)
        let digits = Array("0123456789abcdef")
        for round in 0..<5_000 {
            let count = round % 32 + 1
            var text = String((0..<count).map { _ in digits[Int(random.next() % 16)] })
            if round % 7 == 0 {
                let uuid = String((0..<32).map { _ in digits[Int(random.next() % 16)] })
                let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                    String(uuid[uuid.index(uuid.startIndex, offsetBy: range.lowerBound)..<uuid.index(uuid.startIndex, offsetBy: range.upperBound)])
                }
                text = parts.joined(separator: "-")
            }
            let id = TraceIdentifier(wire: text)
            guard case .hex = id else {
                Issue.record("\(text) did not pack")
                continue
            }
            #expect(id.text == text)
            var line: [UInt8] = []
            if case .hex(let high, let low, let shape) = id {
                JSONScratch.with { scratch in
                    scratch.packedId(high: high, low: low, shape: shape)
                    scratch.flush(to: &line)
                }
            }
            #expect(String(decoding: line, as: UTF8.self) == "\"" + text + "\"")
        }
    }
}
