import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeSources

@Suite("Recording files")
struct RecordingFileTests {
    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "evscope-recording-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)-\(UInt32.random(in: 0...UInt32.max))"
    }

    @Test("writer then reader returns the same records in order, bad lines counted")
    func writeThenRead() throws {
        let path = temporaryPath("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, bufferBytes: 100)
        writer.append(RecordingFormatTests.roundTripCases)
        writer.appendAuditLines([Array("line one".utf8), [0xFF, 0x00]], file: "authorizer.log", timeMs: 77)
        writer.close()
        writer.append(RecordingFormatTests.roundTripCases)  // ignored after close
        #expect(writer.linesWritten == RecordingFormatTests.roundTripCases.count + 2)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // Garbage between lines, as a hand-edited or concatenated file might have.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Array("garbage\n\r\n{\"topic\":1}\n".utf8))
        try handle.close()

        let reader = try RecordingReader(path: path)
        var lines: [RecordingLine] = []
        while let line = reader.next() { lines.append(line) }
        #expect(lines.count == RecordingFormatTests.roundTripCases.count + 2)
        for (line, record) in zip(lines, RecordingFormatTests.roundTripCases) { #expect(sameRecord(line.record, record)) }
        let audit = lines.suffix(2).map(\.record)
        #expect(lines.suffix(2).allSatisfy { $0.origin == .auditFile })
        #expect(audit.map(\.value) == [Array("line one".utf8), [0xFF, 0x00]])
        #expect(audit.map(\.offset) == [1, 2])
        #expect(audit.map(\.timestampMs) == [77, 77])
        #expect(reader.badLines == 2)
        #expect(reader.firstErrors.map(\.line) == [RecordingFormatTests.roundTripCases.count + 3, RecordingFormatTests.roundTripCases.count + 4])
    }

    @Test("an overlong line is skipped without being held, the next line still reads")
    func overlong() throws {
        let path = temporaryPath("overlong")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = RecordingEncoder.encode(RecordingLine(record: Record(topic: "t", value: Array("ok".utf8))))
        var content = Array(repeating: UInt8(ascii: "x"), count: 5_000) + [0x0A] + good + good.dropLast()
        content += []
        FileManager.default.createFile(atPath: path, contents: Data(content))
        let reader = try RecordingReader(path: path, maxLineBytes: 1_000)
        var count = 0
        while reader.next() != nil { count += 1 }
        #expect(count == 2, "the last line has no newline and is still read")
        #expect(reader.badLines == 1)
        #expect(reader.firstErrors.first?.error == .overlong(limit: 1_000))
    }

    @Test("a missing file is a clean error")
    func missingFile() {
        #expect(throws: RecordingReaderError.cannotOpen("/nonexistent/evscope.rec")) { try RecordingReader(path: "/nonexistent/evscope.rec") }
        #expect(throws: RecordingWriterError.self) { try RecordingWriter(path: "/nonexistent/dir/evscope.rec") }
    }

    @Test("line splitter: chunks split anywhere give the same lines")
    func splitter() {
        let text = Array("a\nbb\r\n\nccc\nlong-long-long\nd".utf8)
        for cut in 0...text.count {
            var splitter = LineSplitter(maxLineBytes: 5)
            let lines = splitter.feed(text.prefix(cut)) + splitter.feed(text.dropFirst(cut)) + splitter.finish()
            #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["a", "bb", "ccc", "d"], "cut at \(cut)")
            #expect(splitter.overlongLines == 1)
        }
    }
}

@Suite("Replay pacing")
struct ReplayPacerTests {
    @Test("at 10x, records are due a tenth of their spacing later; the clock follows record time")
    func factor() {
        var pacer = ReplayPacer(speed: 10)
        #expect(pacer.replayNowMs(wallNowMs: 0) == nil)
        #expect(pacer.waitMs(forRecordMs: 1_000_000, wallNowMs: 500) == 0)
        #expect(pacer.replayNowMs(wallNowMs: 500) == 1_000_000)
        #expect(pacer.waitMs(forRecordMs: 1_010_000, wallNowMs: 500) == 1_000)
        #expect(pacer.replayNowMs(wallNowMs: 1_000) == 1_005_000)
        // Late: the record is due at once and the schedule is kept (no drift).
        #expect(pacer.waitMs(forRecordMs: 1_020_000, wallNowMs: 3_000) == 0)
        #expect(pacer.waitMs(forRecordMs: 1_030_000, wallNowMs: 3_000) == 500)
        #expect(pacer.waitMs(forRecordMs: 1_040_000, wallNowMs: 3_000) == 1_500)
        // Out of order and missing timestamps are due at once.
        #expect(pacer.waitMs(forRecordMs: 999_000, wallNowMs: 3_000) == 0)
        #expect(pacer.waitMs(forRecordMs: nil, wallNowMs: 3_000) == 0)
        #expect(pacer.latestRecordMs == 1_040_000)
        pacer.finish()
        #expect(pacer.replayNowMs(wallNowMs: 99_999) == 1_040_000)
    }

    @Test("a long gap is shortened to the idle cap and the spacing after it is kept")
    func idleCap() {
        var pacer = ReplayPacer(speed: 1, maxIdleWallMs: 5_000)
        _ = pacer.waitMs(forRecordMs: 0, wallNowMs: 0)
        #expect(pacer.waitMs(forRecordMs: 3_600_000, wallNowMs: 10) == 5_000)
        #expect(pacer.replayNowMs(wallNowMs: 5_010) == 3_600_000)
        #expect(pacer.waitMs(forRecordMs: 3_601_000, wallNowMs: 5_010) == 1_000)
    }

    @Test("max speed never waits; the clock is the newest record time")
    func maxSpeed() {
        var pacer = ReplayPacer(speed: nil)
        for (index, ts) in [100, 5_000, 2_000, 90_000].enumerated() {
            #expect(pacer.waitMs(forRecordMs: Int64(ts), wallNowMs: Int64(index)) == 0)
        }
        #expect(pacer.replayNowMs(wallNowMs: 1) == 90_000)
    }
}
