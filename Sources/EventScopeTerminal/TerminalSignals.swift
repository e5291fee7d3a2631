import CNcursesw
import Glibc

/// Terminal-related signals, caught by async-signal-safe handlers that only set flags.
///
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT ask the loop to quit (and restore the terminal); SIGTSTP asks
/// it to suspend. SIGWINCH stays with ncurses, which turns it into `Key.resize`.
/// The flags live in the C shim; only this file may touch them (see shim.h).
public enum TerminalSignals {
    /// Installs the handlers; call after creating the backend so ncurses' own
    /// SIGINT/SIGTSTP handlers are replaced. Returns false if `sigaction` failed.
    @discardableResult
    public static func install() -> Bool {
        evs_signal_install() == 0
    }

    /// The quit signal received (SIGINT, SIGTERM, SIGHUP or SIGQUIT), or nil.
    public static var pendingQuitSignal: Int32? {
        let number = evs_signal_pending_quit()
        return number == 0 ? nil : number
    }

    /// When Ctrl-Z (SIGTSTP) arrived since the last call: restores the terminal, stops the
    /// process, and on continue re-enters full-screen mode with a full redraw.
    ///
    /// - Returns: true when the process was suspended and resumed, so the caller repaints.
    @discardableResult
    public static func handleSuspendIfRequested(_ backend: NcursesBackend) -> Bool {
        guard evs_signal_take_suspend() != 0 else { return false }
        backend.suspend()
        // SIGSTOP cannot be caught, so this really stops us; execution resumes on SIGCONT.
        kill(getpid(), SIGSTOP)
        backend.resume()
        return true
    }
}
