import CNcursesw
import EventScopeUI
import Glibc

/// The production `Backend`: draws grids with ncurses, diffing against the last frame so an
/// unchanged screen writes nothing, and turns `wget_wch` results into `Key`s.
///
/// Colour pairs come from the theme, one per role (pair number = role raw value + 1),
/// reduced to the terminal's colour depth. All calls must come from one thread.
public final class NcursesBackend: Backend {
    /// Why the terminal could not be set up.
    public enum SetupError: Error, Equatable, CustomStringConvertible {
        case cannotOpen(String)
        case newtermFailed(String)

        public var description: String {
            switch self {
            case .cannotOpen(let what): "cannot open \(what)"
            case .newtermFailed(let type): "cannot start the terminal (TERM=\(type)); is it a real terminal?"
            }
        }
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let closesFiles: Bool
    private var previous: Grid?
    private var theme: Theme
    private var isShutDown = false
    private var wideCharacterScratch: [wchar_t] = []
    private var roleAttributes: [attr_t] = []
    private var rolePairs: [Int16] = []

    /// The terminal's colour depth as ncurses reports it.
    public private(set) var colorDepth: ColorDepth = .none
    public private(set) var size: (width: Int, height: Int) = (0, 0)
    /// Cells sent to ncurses by the last `present` (0 for an unchanged frame).
    public private(set) var cellsWrittenLastFrame = 0

    /// Starts full-screen mode on the controlling terminal.
    ///
    /// Uses stdin/stdout when both are terminals, else opens `/dev/tty`, so output can be
    /// piped elsewhere while the dashboard still shows.
    public convenience init(theme: Theme) throws {
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            try self.init(terminalType: nil, output: evs_stdout(), input: evs_stdin(), closesFiles: false, theme: theme)
        } else {
            guard let output = fopen("/dev/tty", "w") else { throw SetupError.cannotOpen("/dev/tty for writing") }
            guard let input = fopen("/dev/tty", "r") else {
                fclose(output)
                throw SetupError.cannotOpen("/dev/tty for reading")
            }
            try self.init(terminalType: nil, output: output, input: input, closesFiles: true, theme: theme)
        }
    }

    /// A backend without a real terminal, for tests and benchmarks: output goes to
    /// `outputPath` (or `/dev/null`), input is `/dev/null`, so `readKey` only times out.
    public convenience init(headlessWidth width: Int, height: Int, terminalType: String = "xterm-256color", outputPath: String? = nil, theme: Theme) throws {
        let path = outputPath ?? "/dev/null"
        guard let output = fopen(path, "w") else { throw SetupError.cannotOpen(path) }
        guard let input = fopen("/dev/null", "r") else {
            fclose(output)
            throw SetupError.cannotOpen("/dev/null")
        }
        try self.init(terminalType: terminalType, output: output, input: input, closesFiles: true, theme: theme)
        resizeterm(Int32(max(1, height)), Int32(max(1, width)))
        updateSize()
        // resizeterm queues a KEY_RESIZE; a headless screen was never really resized.
        wtimeout(window, 0)
        var code: wint_t = 0
        var drained = 0
        while drained < 4, wget_wch(window, &code) != ERR { drained += 1 }
    }

    private init(terminalType: String?, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, closesFiles: Bool, theme: Theme) throws {
        TerminalLocale.ensureUTF8()
        // Short so Esc responds quickly; escape sequences from a local terminal arrive well within it.
        set_escdelay(25)
        let created: OpaquePointer? = terminalType.map { newterm($0, output, input) } ?? newterm(nil, output, input)
        guard let created else {
            if closesFiles {
                fclose(output)
                fclose(input)
            }
            throw SetupError.newtermFailed(terminalType ?? (getenv("TERM").map { String(cString: $0) } ?? "unset"))
        }
        screen = created
        set_term(created)
        guard let standardWindow = evs_stdscr() else {
            endwin()
            delscreen(created)
            throw SetupError.newtermFailed(terminalType ?? "default")
        }
        window = standardWindow
        outputFile = output
        inputFile = input
        self.closesFiles = closesFiles
        self.theme = theme
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        intrflush(window, false)
        setUpColors()
        updateSize()
    }

    deinit {
        shutdown()
    }

    /// Switches theme; the next `present` repaints every cell.
    public func setTheme(_ newTheme: Theme) {
        guard !isShutDown else { return }
        set_term(screen)
        theme = newTheme
        applyTheme()
        previous = nil
    }

    /// The colour pair a role is drawn with (0 = terminal default).
    public func colorPair(for role: Role) -> Int {
        Int(rolePairs[Int(role.rawValue)])
    }

    private func setUpColors() {
        if has_colors() {
            start_color()
            if use_default_colors() != OK {
                // Without default colours -1 is invalid; white on black is the classic fallback.
                assume_default_colors(COLOR_WHITE, COLOR_BLACK)
            }
            colorDepth = ColorDepth(colorCount: Int(evs_colors()))
        } else {
            colorDepth = .none
        }
        applyTheme()
    }

    private func applyTheme() {
        // Without colour the theme's colours mean nothing; monochrome attributes keep the
        // selection and markers visible.
        let effective = colorDepth == .none ? Theme.monochrome : theme
        roleAttributes = Role.allCases.map { attributes(effective.style(for: $0).attributes) }
        rolePairs = Role.allCases.map { role in
            guard colorDepth != .none, Int(role.rawValue) + 1 < Int(evs_color_pairs()) else { return 0 }
            let style = effective.style(for: role)
            let pair = Int16(role.rawValue) + 1
            init_pair(pair, Int16(style.foreground.number(for: colorDepth)), Int16(style.background.number(for: colorDepth)))
            return pair
        }
    }

    private func attributes(_ set: TextAttributes) -> attr_t {
        var value = evs_a_normal()
        if set.contains(.bold) { value |= evs_a_bold() }
        if set.contains(.underline) { value |= evs_a_underline() }
        if set.contains(.reverse) { value |= evs_a_reverse() }
        if set.contains(.dim) { value |= evs_a_dim() }
        return value
    }

    private func updateSize() {
        var height: Int32 = 0
        var width: Int32 = 0
        evs_getmaxyx(window, &height, &width)
        size = (Int(width), Int(height))
    }

    /// Draws the cells that differ from the last frame, then one `doupdate`.
    public func present(_ grid: Grid) {
        guard !isShutDown else { return }
        set_term(screen)
        let comparable = previous.map { $0.width == grid.width && $0.height == grid.height } ?? false
        if !comparable { werase(window) }
        var written = 0
        let rows = min(grid.height, size.height)
        let columns = min(grid.width, size.width)
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = grid[x, y]
                if comparable, let previous, previous[x, y] == cell { continue }
                if cell.isContinuation {
                    // Covered by the wide character to its left, unless that one is missing.
                    if x > 0, DisplayWidth.of(grid[x - 1, y].text) == 2 { continue }
                    draw(Cell(" ", role: cell.role), x: x, y: y, nextIsContinuation: false)
                } else {
                    let nextIsContinuation = x + 1 < grid.width && grid[x + 1, y].isContinuation
                    draw(cell, x: x, y: y, nextIsContinuation: nextIsContinuation)
                }
                written += 1
            }
        }
        cellsWrittenLastFrame = written
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func draw(_ cell: Cell, x: Int, y: Int, nextIsContinuation: Bool) {
        wideCharacterScratch.removeAll(keepingCapacity: true)
        var scalars = cell.text.unicodeScalars.makeIterator()
        var terminalWidth: Int32 = 1
        if let first = scalars.next() {
            let width = evs_wcwidth(wchar_t(bitPattern: first.value))
            if width < 0 || (width == 2 && !nextIsContinuation) {
                // Unprintable here, or wider than the grid allows: a placeholder keeps columns aligned.
                wideCharacterScratch.append(wchar_t(UInt8(ascii: "?")))
            } else {
                // A cell must start with a spacing character or ncurses attaches it to the left.
                if width == 0 { wideCharacterScratch.append(wchar_t(UInt8(ascii: " "))) }
                wideCharacterScratch.append(wchar_t(bitPattern: first.value))
                terminalWidth = max(1, width)
                while wideCharacterScratch.count < Int(CCHARW_MAX), let mark = scalars.next() {
                    wideCharacterScratch.append(wchar_t(bitPattern: mark.value))
                }
            }
        } else {
            wideCharacterScratch.append(wchar_t(UInt8(ascii: " ")))
        }
        wideCharacterScratch.append(0)
        let role = Int(cell.role.rawValue)
        var character = cchar_t()
        setcchar(&character, wideCharacterScratch, roleAttributes[role], rolePairs[role], nil)
        mvwadd_wch(window, Int32(y), Int32(x), &character)
        if nextIsContinuation, terminalWidth < 2 {
            // The grid reserved two columns but this terminal draws one: blank the second.
            var blank = cchar_t()
            setcchar(&blank, [wchar_t(UInt8(ascii: " ")), 0], roleAttributes[role], rolePairs[role], nil)
            mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }

    /// Waits up to `timeoutMs` (negative: forever) for a key; nil on timeout or interruption.
    public func readKey(timeoutMs: Int) -> Key? {
        guard !isShutDown else { return nil }
        set_term(screen)
        wtimeout(window, Int32(clamping: timeoutMs))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        guard status != ERR else { return nil }
        let key = KeyDecoder.decode(isFunctionKey: status == KEY_CODE_YES, code: UInt32(code))
        if key == .resize {
            updateSize()
            previous = nil
        }
        return key
    }

    /// What the ncurses screen holds at a cell (text, colour pair, attributes), for tests.
    public func screenCell(x: Int, y: Int) -> (text: String, colorPair: Int, attributes: TextAttributes) {
        guard !isShutDown else { return ("", 0, []) }
        set_term(screen)
        var character = cchar_t()
        guard mvwin_wch(window, Int32(y), Int32(x), &character) != ERR else { return ("", 0, []) }
        var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&character, &characters, &attributes, &pair, nil)
        var text = ""
        for value in characters {
            guard value != 0, let scalar = Unicode.Scalar(UInt32(bitPattern: value)) else { break }
            text.unicodeScalars.append(scalar)
        }
        var found: TextAttributes = []
        if attributes & evs_a_bold() != 0 { found.insert(.bold) }
        if attributes & evs_a_underline() != 0 { found.insert(.underline) }
        if attributes & evs_a_reverse() != 0 { found.insert(.reverse) }
        if attributes & evs_a_dim() != 0 { found.insert(.dim) }
        return (text, Int(pair), found)
    }

    /// Leaves full-screen mode for a suspend; `resume` comes back.
    func suspend() {
        guard !isShutDown else { return }
        set_term(screen)
        endwin()
    }

    /// Returns to full-screen mode after a suspend and repaints everything on the next frame.
    func resume() {
        guard !isShutDown else { return }
        set_term(screen)
        clearok(window, true)
        wrefresh(window)
        updateSize()
        previous = nil
    }

    /// Restores the terminal; safe to call more than once.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        set_term(screen)
        curs_set(1)
        endwin()
        delscreen(screen)
        if closesFiles {
            fclose(outputFile)
            fclose(inputFile)
        }
    }
}
