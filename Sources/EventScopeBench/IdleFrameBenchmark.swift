import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// Measures what presenting costs in terminal output: a full first frame, then the same grid
/// again, which should write (almost) nothing. Used by `evscope bench render`.
public enum IdleFrameBenchmark {
    /// Bytes and cells written by the first and the repeated (idle) frame.
    public struct Result: Sendable, Equatable, CustomStringConvertible {
        public var firstFrameBytes: Int
        public var firstFrameCells: Int
        public var idleFrameBytes: Int
        public var idleFrameCells: Int

        public var description: String {
            "first frame \(firstFrameBytes) bytes (\(firstFrameCells) cells), idle frame \(idleFrameBytes) bytes (\(idleFrameCells) cells)"
        }
    }

    /// Presents `grid` twice to a headless ncurses writing into a temporary file.
    ///
    /// - Throws: `NcursesBackend.SetupError` when ncurses cannot start.
    public static func measure(grid: Grid, theme: Theme = .dark, terminalType: String = "xterm-256color") throws -> Result {
        let path = NSTemporaryDirectory() + "/evscope-idle-frame-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let backend = try NcursesBackend(headlessWidth: grid.width, height: grid.height, terminalType: terminalType, outputPath: path, theme: theme)
        defer { backend.shutdown() }
        let before = fileSize(path)
        backend.present(grid)
        let afterFirst = fileSize(path)
        let firstCells = backend.cellsWrittenLastFrame
        backend.present(grid)
        let afterSecond = fileSize(path)
        return Result(
            firstFrameBytes: afterFirst - before, firstFrameCells: firstCells, idleFrameBytes: afterSecond - afterFirst,
            idleFrameCells: backend.cellsWrittenLastFrame)
    }

    static func fileSize(_ path: String) -> Int {
        // ncurses flushes its own buffer at the end of doupdate, so the file size is current.
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
