import EventScopeTerminal
import EventScopeUI
import Foundation
import Glibc
import Testing

/// ncurses keeps global state, so every test that starts a screen runs in this one serial suite.
@Suite(.serialized)
struct NcursesBackendTests {
    @Test func paintsASCIIWideAndCombiningCharactersAndReadsThemBack() throws {
        let backend = try NcursesBackend(headlessWidth: 20, height: 4, theme: .dark)
        defer { backend.shutdown() }
        #expect(backend.size.width == 20)
        #expect(backend.size.height == 4)
        var grid = Grid(width: 20, height: 4)
        grid.write("ab", x: 0, y: 0, role: .denied)
        grid.write("中x", x: 3, y: 0)
        grid.write("e\u{301}", x: 7, y: 0)
        backend.present(grid)
        #expect(backend.screenCell(x: 0, y: 0).text == "a")
        #expect(backend.screenCell(x: 1, y: 0).text == "b")
        #expect(backend.screenCell(x: 3, y: 0).text == "中")
        #expect(backend.screenCell(x: 5, y: 0).text == "x")
        #expect(backend.screenCell(x: 7, y: 0).text == "e\u{301}")
        #expect(backend.screenCell(x: 0, y: 0).colorPair == backend.colorPair(for: .denied))
        #expect(backend.screenCell(x: 0, y: 0).attributes.contains(.bold))
        #expect(backend.colorPair(for: .denied) != backend.colorPair(for: .normal))
    }

    @Test func secondIdenticalFrameWritesNoCellsAndChangedCellsOnlyThemselves() throws {
        let backend = try NcursesBackend(headlessWidth: 30, height: 5, theme: .dark)
        defer { backend.shutdown() }
        var grid = Grid(width: 30, height: 5)
        grid.write("hello world", x: 1, y: 1)
        backend.present(grid)
        #expect(backend.cellsWrittenLastFrame == 150)
        backend.present(grid)
        #expect(backend.cellsWrittenLastFrame == 0)
        grid.write("J", x: 1, y: 1)
        backend.present(grid)
        #expect(backend.cellsWrittenLastFrame == 1)
        #expect(backend.screenCell(x: 1, y: 1).text == "J")
    }

    @Test func wideCharacterReplacedByNarrowOnesRepaintsBothColumns() throws {
        let backend = try NcursesBackend(headlessWidth: 10, height: 2, theme: .dark)
        defer { backend.shutdown() }
        var grid = Grid(width: 10, height: 2)
        grid.write("日", x: 2, y: 0)
        backend.present(grid)
        grid.write("ab", x: 2, y: 0)
        backend.present(grid)
        #expect(backend.cellsWrittenLastFrame == 2)
        #expect(backend.screenCell(x: 2, y: 0).text == "a")
        #expect(backend.screenCell(x: 3, y: 0).text == "b")
    }

    @Test func themeSwitchRepaintsEveryCellWithNewAttributes() throws {
        let backend = try NcursesBackend(headlessWidth: 10, height: 2, theme: .dark)
        defer { backend.shutdown() }
        var grid = Grid(width: 10, height: 2)
        grid.write("sel", x: 0, y: 0, role: .selection)
        backend.present(grid)
        backend.setTheme(.monochrome)
        backend.present(grid)
        #expect(backend.cellsWrittenLastFrame == 20)
        #expect(backend.screenCell(x: 0, y: 0).attributes.contains(.reverse))
    }

    @Test func shutdownIsIdempotentAndStopsDrawing() throws {
        let backend = try NcursesBackend(headlessWidth: 10, height: 2, theme: .dark)
        backend.shutdown()
        backend.shutdown()
        backend.present(Grid(width: 10, height: 2))
        #expect(backend.cellsWrittenLastFrame == 0)
        #expect(backend.readKey(timeoutMs: 0) == nil)
    }

    @Test func headlessReadKeyTimesOut() throws {
        let backend = try NcursesBackend(headlessWidth: 10, height: 2, theme: .dark)
        defer { backend.shutdown() }
        #expect(backend.readKey(timeoutMs: 1) == nil)
    }

    @Test func quitSignalIsRecordedNotFatal() {
        #expect(TerminalSignals.install())
        // The test runner's threads block SIGHUP; unblock it here so raise() delivers it.
        var unblock = sigset_t()
        var previousMask = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previousMask)
        raise(SIGHUP)
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        #expect(TerminalSignals.pendingQuitSignal == SIGHUP)
    }
}
