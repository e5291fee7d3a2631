import EventScopeCore
import Foundation
import Testing

@testable import EventScopeSources

/// Collects what a follower delivers, from its thread, for assertions on the test's thread.
final class FollowerRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storedLines: [String] = []
    private var storedStatuses: [AuditFileFollower.Status] = []

    var lines: [String] { lock.withLock { storedLines } }
    var statuses: [AuditFileFollower.Status] { lock.withLock { storedStatuses } }

    func add(_ batch: [[UInt8]]) {
        lock.withLock { storedLines += batch.map { String(decoding: $0, as: UTF8.self) } }
    }

    func add(_ status: AuditFileFollower.Status) {
        lock.withLock { storedStatuses.append(status) }
    }

    /// Polls until the condition holds; the timeout only guards against a hang.
    func waitUntil(_ condition: (FollowerRecorder) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition(self) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition(self)
    }
}

@Suite struct AuditFileFollowerTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("evscope-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func follower(_ name: String, start: StartPosition = .end, maxLineBytes: Int = 1 << 20)
        -> (AuditFileFollower, FollowerRecorder, String)
    {
        let recorder = FollowerRecorder()
        let path = directory.appendingPathComponent(name).path
        let follower = AuditFileFollower(
            path: path, start: start, pollInterval: 0.01, maxLineBytes: maxLineBytes,
            onLines: { recorder.add($0) }, onStatus: { recorder.add($0) })
        return (follower, recorder, path)
    }

    func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func isFollowing(_ recorder: FollowerRecorder) -> Bool {
        recorder.statuses.contains { if case .following = $0 { return true } else { return false } }
    }

    @Test func startsAtEndAndDeliversAppendedLines() throws {
        let (follower, recorder, path) = follower("a.log")
        try write("old line\n", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil(isFollowing))
        try append("first\r\nsecond\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count >= 2 })
        #expect(recorder.lines == ["first", "second"])
    }

    @Test func startsAtBeginningWhenAsked() throws {
        let (follower, recorder, path) = follower("b.log", start: .beginning)
        try write("one\ntwo\n", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil { $0.lines.count >= 2 })
        #expect(recorder.lines == ["one", "two"])
    }

    @Test func holdsPartialLineUntilCompleted() throws {
        let (follower, recorder, path) = follower("c.log")
        try write("", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil(isFollowing))
        try append("par", to: path)
        try append("tial", to: path)
        try append("\nnext\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count >= 2 })
        #expect(recorder.lines == ["partial", "next"])
    }

    @Test func survivesRotationByRenameAndRecreate() throws {
        let (follower, recorder, path) = follower("d.log")
        try write("", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil(isFollowing))
        try append("before\n", to: path)
        #expect(recorder.waitUntil { $0.lines == ["before"] })
        let rotatedPath = path + ".1"
        try FileManager.default.moveItem(atPath: path, toPath: rotatedPath)
        try append("late write to old file\nunterminated", to: rotatedPath)
        try write("after\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count >= 4 })
        #expect(recorder.lines == ["before", "late write to old file", "unterminated", "after"])
        #expect(recorder.statuses.contains(.rotated(path: path)))
        try append("more\n", to: path)
        #expect(recorder.waitUntil { $0.lines.last == "more" })
    }

    @Test func restartsAtZeroAfterTruncation() throws {
        let (follower, recorder, path) = follower("e.log")
        try write("", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil(isFollowing))
        try append("a long first line\nanother line\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count == 2 })
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        try append("x\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count == 3 })
        #expect(recorder.lines.last == "x")
        #expect(recorder.statuses.contains(.truncated(path: path)))
    }

    @Test func waitsForMissingFileThenReadsItWhole() throws {
        let (follower, recorder, path) = follower("f.log")
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil { $0.statuses.contains(.waitingForFile(path: path)) })
        try write("created\n", to: path)
        #expect(recorder.waitUntil { $0.lines == ["created"] })
        #expect(recorder.statuses.first == .waitingForFile(path: path))
        #expect(recorder.statuses.contains(.following(path: path)))
    }

    @Test func skipsAndCountsOverlongLines() throws {
        let (follower, recorder, path) = follower("g.log", maxLineBytes: 1000)
        try write("", to: path)
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil(isFollowing))
        try append(String(repeating: "a", count: 700), to: path)
        try append(String(repeating: "b", count: 200_000), to: path)
        try append("\nok\n" + String(repeating: "c", count: 1000) + "\n", to: path)
        #expect(recorder.waitUntil { $0.lines.count >= 2 })
        #expect(recorder.lines == ["ok", String(repeating: "c", count: 1000)])
        #expect(follower.overlongLinesSkipped == 1)
        #expect(recorder.statuses.contains(.overlongLineSkipped(total: 1)))
    }

    @Test func stopEndsDelivery() throws {
        let (follower, recorder, path) = follower("h.log")
        try write("", to: path)
        follower.start()
        #expect(recorder.waitUntil(isFollowing))
        follower.stop()
        Thread.sleep(forTimeInterval: 0.1)
        try append("after stop\n", to: path)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(recorder.lines.isEmpty)
    }
}
