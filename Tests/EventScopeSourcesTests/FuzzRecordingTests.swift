import EventScopeCore
import EventScopeTestSupport
import Foundation
import Testing

@testable import EventScopeSources

/// Mutated recording lines (our own `--record` and kcat `-J` lines as seeds, with base64 keys,
/// payloads and headers, header maps, Avro-style object payloads): a decoded line holds no
/// more bytes than it was given and survives encode → decode unchanged; a recording file read
/// line by line yields exactly one record or one counted bad line per non-empty line.
@Suite struct FuzzRecordingTests {
    static let seeds = FuzzMutator(
        textSeeds: [
            #"{"topic":"orders","partition":0,"offset":42,"tstype":"create","ts":1700000000000,"broker":-1,"headers":["traceparent","00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","nullable",null],"key":"k-1","payload":"{\"eventType\":\"OrderPlaced\",\"payload\":{\"total\":12.5}}"}"#,
            #"{"topic":"pay","partition":3,"offset":-1,"broker":-1,"key":null,"payload":null}"#,
            #"{"topic":"bin","partition":1,"offset":7,"tstype":"create","ts":1,"broker":-1,"headers":["h","/w==","x","eQ=="],"key":"gA==","payload":"AAH/","key_encoding":"base64","payload_encoding":"base64","headers_base64":[0,1]}"#,
            #"{"topic":"kcat","partition":2,"offset":9,"tstype":"logappend","ts":1714564800000,"broker":1,"headers":{"ce_type":["Paid"],"empty":[null],"single":"v"},"key":"\u001b]0;x\u0007","payload":"raw \u00e9 bytes \ud83d\ude00"}"#,
            #"{"topic":"avro","partition":0,"offset":1,"tstype":"notavailable","ts":-1,"broker":0,"key":{"id":1},"payload":{"type":"Nested","items":[1,2,{"b":null}],"ok":true}}"#,
            #"{"topic":"audit.log","partition":-1,"offset":12,"broker":-1,"key":null,"payload":"Principal = User:eve is Denied Operation = Read","evscope_origin":"audit-file"}"#,
        ],
        tokens: FuzzMutator.hostileTokens
            + [
                #""headers":["#, #""headers":{"#, #""headers_base64":["#, #""key_encoding":"base64""#, #""payload_encoding":"base64""#,
                #""ts":"#, #""tstype":"none""#, #""partition":2147483648"#, #""offset":"#, "====", "AAAA", "\u{80}\u{FE}",
            ].map { Array($0.utf8) },
        maxLength: 4096)

    @Test func decodesLinesThatRoundTripOrReportsASafeReason() {
        var (inputs, accepted) = (0, 0)
        FuzzSupport.run("RecordingLineDecoder") { random in
            inputs += 1
            let line = Self.seeds.input(&random)
            switch RecordingLineDecoder.decode(line) {
            case .failure(let error):
                let text = error.description
                #expect(!text.isEmpty && FuzzSupport.isTerminalSafe(text))
            case .success(let decoded):
                accepted += 1
                let record = decoded.record
                // Escapes and base64 only shrink; Avro-style JSON is kept as a slice of the line.
                #expect((record.key?.count ?? 0) <= line.count)
                #expect((record.value?.count ?? 0) <= line.count)
                #expect(record.headers.count <= line.count / 2)
                #expect(record.headers.reduce(0) { $0 + $1.name.utf8.count + ($1.value?.count ?? 0) } <= 3 * line.count)
                // Invalid UTF-8 in a topic widens to U+FFFD (3 bytes) at most.
                #expect(record.topic.utf8.count <= 3 * line.count)
                let encoded = RecordingEncoder.encode(decoded)
                #expect(encoded.last == 0x0A)
                #expect(!encoded.dropLast().contains { $0 < 0x20 || $0 == 0x7F }, "raw control in an encoded line")
                guard case .success(let again) = RecordingLineDecoder.decode(Array(encoded.dropLast())) else {
                    Issue.record("encoded line does not decode: \(TerminalText.escape(encoded.prefix(300)))")
                    return
                }
                #expect(Self.same(decoded, again), "round trip changed \(TerminalText.escape(line.prefix(300)))")
            }
        }
        // Unmutated seeds are one input in sixteen: a long run that decodes nothing never reached the checks above.
        if inputs >= 500 { #expect(accepted > 0) }
    }

    @Test func readsOneRecordOrOneBadLinePerLine() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evscope-fuzz-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FuzzSupport.run("RecordingReader") { random in
            var file: [UInt8] = []
            for _ in 0..<random.below(12) {
                file += Self.seeds.input(&random)
                file += random.oneIn(4) ? [0x0D, 0x0A] : (random.oneIn(8) ? [0x0A, 0x0A] : [0x0A])
            }
            // Sometimes past the reader's chunk size, so lines straddle chunk boundaries.
            if random.oneIn(40), !file.isEmpty {
                while file.count <= RecordingReader.chunkBytes + 1_000 { file += file }
            }
            if random.oneIn(3) { file += Self.seeds.input(&random) }
            let maxLineBytes = [64, 256, 4096, RecordingReader.defaultMaxLineBytes][random.below(4)]
            let expected = Self.split(file, maxLineBytes: maxLineBytes)

            var splitter = LineSplitter(maxLineBytes: maxLineBytes)
            var fed: [[UInt8]] = []
            var start = 0
            while start < file.count {
                let end = min(file.count, start + 1 + random.below(300))
                fed += splitter.feed(file[start..<end])
                start = end
            }
            fed += splitter.finish()
            #expect(fed == expected.lines, "splitter disagrees with a plain split")
            #expect(splitter.overlongLines == expected.overlong)

            guard FileManager.default.createFile(atPath: path, contents: Data(file)) else {
                Issue.record("cannot write \(path)")
                return
            }
            guard let reader = try? RecordingReader(path: path, maxLineBytes: maxLineBytes) else {
                Issue.record("cannot open \(path)")
                return
            }
            var read: [RecordingLine] = []
            while let line = reader.next() {
                read.append(line)
                guard read.count <= expected.lines.count else {
                    Issue.record("more records than lines")
                    return
                }
            }
            let decodable = expected.lines.compactMap { try? RecordingLineDecoder.decode($0).get() }
            #expect(read.count == decodable.count)
            #expect(zip(read, decodable).allSatisfy { Self.same($0, $1) })
            #expect(reader.badLines == expected.lines.count - decodable.count + expected.overlong)
            #expect(reader.lineNumber == expected.lines.count + expected.overlong)
            #expect(reader.firstErrors.count == min(5, reader.badLines))
            #expect(reader.firstErrors.allSatisfy { (1...reader.lineNumber).contains($0.line) })
        }
    }

    /// Lines as documented: split at `\n`, longer than the cap is dropped (and counted), one
    /// trailing `\r` is removed, empty lines are skipped.
    static func split(_ bytes: [UInt8], maxLineBytes: Int) -> (lines: [[UInt8]], overlong: Int) {
        var lines: [[UInt8]] = []
        var overlong = 0
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if piece.count > maxLineBytes {
                overlong += 1
                continue
            }
            let line = piece.last == 0x0D ? Array(piece.dropLast()) : Array(piece)
            if !line.isEmpty { lines.append(line) }
        }
        return (lines, overlong)
    }

    static func same(_ a: RecordingLine, _ b: RecordingLine) -> Bool {
        a.origin == b.origin && a.record.topic == b.record.topic && a.record.partition == b.record.partition
            && a.record.offset == b.record.offset && a.record.timestampMs == b.record.timestampMs && a.record.key == b.record.key
            && a.record.headers == b.record.headers && a.record.value == b.record.value
    }
}
