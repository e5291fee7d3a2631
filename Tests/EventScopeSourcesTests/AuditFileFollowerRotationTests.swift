import Foundation
import Testing

@testable import EventScopeSources

/// A writer at well over 1,000 lines/s rotating its file every second, as logrotate does, while
/// a follower polls at its default interval: every line must arrive once, in order.
@Suite struct AuditFileFollowerRotationTests {
    enum Rotation: String, CaseIterable, Sendable {
        /// logrotate's `copytruncate`: copy to `name.1`, then truncate the file the writer keeps open.
        case copyTruncate
        /// logrotate's default: rename to `name.1`, the writer reopens the path.
        case renameAndCreate
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("evscope-rotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `count` numbered lines in bursts of 25 every 10 ms (about 2,500 lines/s), rotating every second.
    static func writeRotating(path: String, count: Int, rotation: Rotation) {
        var fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        var lastRotation = Date()
        var written = 0
        while written < count {
            for _ in 0..<25 where written < count {
                let line = Array("line \(written) \(String(repeating: "x", count: 40))\n".utf8)
                _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                written += 1
            }
            if Date().timeIntervalSince(lastRotation) >= 1 {
                lastRotation = Date()
                let rotated = path + ".1"
                _ = rename(rotated, path + ".2")
                switch rotation {
                case .copyTruncate:
                    if let data = FileManager.default.contents(atPath: path) {
                        _ = FileManager.default.createFile(atPath: rotated, contents: data)
                    }
                    _ = ftruncate(fd, 0)
                case .renameAndCreate:
                    _ = rename(path, rotated)
                    close(fd)
                    fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
                }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        close(fd)
    }

    @Test(arguments: Rotation.allCases)
    func everyLineArrivesOnceThroughRotations(rotation: Rotation) throws {
        let path = directory.appendingPathComponent("audit.log").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let recorder = FollowerRecorder()
        let follower = AuditFileFollower(path: path, start: .beginning, onLines: { recorder.add($0) }, onStatus: { recorder.add($0) })
        follower.start()
        defer { follower.stop() }
        let count = 8_000
        Self.writeRotating(path: path, count: count, rotation: rotation)
        _ = recorder.waitUntil { $0.lines.count >= count }
        let lines = recorder.lines
        let numbers = lines.compactMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
        #expect(lines.count == count, "\(rotation): \(lines.count) lines for \(count) written")
        #expect(numbers == Array(0..<count), "\(rotation): first difference at \(zip(numbers, 0..<count).first { $0 != $1 }.map { "\($0)" } ?? "the end")")
        #expect(recorder.statuses.contains(rotation == .copyTruncate ? .truncated(path: path) : .rotated(path: path)))
    }

    @Test func truncationFollowedByFastWritesIsNoticed() throws {
        let path = directory.appendingPathComponent("audit.log").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("first 0\nfirst 1\n".utf8))
        let recorder = FollowerRecorder()
        let follower = AuditFileFollower(path: path, start: .beginning, pollInterval: 0.3, onLines: { recorder.add($0) })
        follower.start()
        defer { follower.stop() }
        #expect(recorder.waitUntil { $0.lines.count == 2 })
        // Truncated and rewritten larger than before within one poll: shrinking alone would miss it.
        let rewritten = (0..<50).map { "second \($0)\n" }.joined()
        let fd = open(path, O_WRONLY | O_TRUNC)
        let bytes = Array(rewritten.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(recorder.waitUntil { $0.lines.count >= 52 })
        #expect(recorder.lines == ["first 0", "first 1"] + (0..<50).map { "second \($0)" })
    }
}
