import CNcursesw
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

// The terminal settings at start, restored by the crash handler. Written once before any
// handler is installed, read only by handlers.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios: sig_atomic_t = 0
nonisolated(unsafe) private var pendingQuitSignal: sig_atomic_t = 0

/// Restores the terminal with async-signal-safe calls only, then lets the crash proceed.
private let crashHandler: @convention(c) (Int32) -> Void = { sig in
    if haveSavedTermios != 0 { _ = tcsetattr(0, TCSANOW, &savedTermios) }
    let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
    _ = write(1, reset.utf8Start, reset.utf8CodeUnitCount)
    signal(sig, SIG_DFL)
    raise(sig)
}

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag; the run loop quits cleanly. (Left to
/// the runtime, Ctrl-\ would print a fake crash report over the interface and wait 30 s for
/// a key at a debugger prompt.)
private let quitHandler: @convention(c) (Int32) -> Void = { sig in
    pendingQuitSignal = sig
}

private func install(_ handler: @convention(c) (Int32) -> Void, for signals: [Int32]) {
    for sig in signals {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }
}

/// What reading the keyboard produced.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Nothing happened within the timeout.
    case timeout
    /// Standard input is gone: quit rather than spin.
    case endOfInput
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case quitSignal(Int32)
}

/// The only code that talks to ncurses: copies a `ScreenBuffer` to the screen, reads keys,
/// and puts the terminal back as it was on every way out.
public final class CursesTerminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    private let color: Bool
    private var ended = false
    private var quickErrors = 0

    /// Starts curses on the process's terminal, or returns nil (unknown TERM, no terminal).
    public init?(color wantColor: Bool, mouse: Bool = true) {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            // Without a UTF-8 locale ncursesw drops non-ASCII text; C.UTF-8 is always there.
            setlocale(LC_ALL, "C.UTF-8")
        }
        // A terminal that cannot move the cursor (TERM=dumb, or none) would show only the
        // footer; the caller prints the ranking instead.
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if term.isEmpty || term == "dumb" { return nil }
        if tcgetattr(0, &savedTermios) == 0 { haveSavedTermios = 1 }
        guard let s = newterm(nil, lineup_stdout(), lineup_stdin()) else { return nil }
        screen = s
        set_term(s)
        guard let w = lineup_stdscr() else {
            endwin()
            return nil
        }
        window = w
        install(crashHandler, for: [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE])
        install(quitHandler, for: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        cbreak()
        // Ctrl-S saves the product form: take it (and Ctrl-Q) from flow control. ncurses puts
        // the terminal's own modes back on exit.
        var modes = termios()
        if tcgetattr(STDIN_FILENO, &modes) == 0 {
            modes.c_iflag &= ~tcflag_t(IXON)
            tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        }
        noecho()
        nonl()
        keypad(window, true)
        if mouse { _ = lineup_mouse_on() }
        curs_set(0)
        color = wantColor && has_colors()
        if color {
            start_color()
            use_default_colors()
            // Foregrounds only, on the terminal's own background: readable on light and dark.
            init_pair(1, Int16(COLOR_CYAN), -1)
            init_pair(2, Int16(COLOR_GREEN), -1)
            init_pair(3, Int16(COLOR_YELLOW), -1)
            init_pair(4, Int16(COLOR_RED), -1)
        }
        // ncurses 6.4 flushes its output at every cursor movement until the screen has once
        // been suspended and resumed (its state stays "initial"): a sorted ranking at 200x50
        // went out in about 230 writes of 8-70 bytes, each a wake-up for the terminal. Suspended
        // here, before the first frame, the first refresh resumes it, and a frame is one write.
        def_prog_mode()
        endwin()
        Self.current = self
        atexit { CursesTerminal.current?.end() }
    }

    nonisolated(unsafe) private static var current: CursesTerminal?

    public var size: (width: Int, height: Int) {
        (Int(lineup_width(window)), Int(lineup_height(window)))
    }

    /// Gives the terminal to another program (an editor) until `resume`.
    public func suspend() {
        def_prog_mode()
        endwin()
    }

    /// Takes the terminal back after `suspend` and redraws everything.
    public func resume() {
        reset_prog_mode()
        clearok(window, true)
        wrefresh(window)
    }

    /// Puts the terminal back. Safe to call twice.
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    deinit { end() }

    private func attributes(_ style: Style, _ tone: Tone) -> (attr_t, Int16) {
        var a = lineup_attr_normal()
        if style.contains(.bold) { a |= lineup_attr_bold() }
        if style.contains(.reverse) { a |= lineup_attr_reverse() }
        if style.contains(.underline) { a |= lineup_attr_underline() }
        if style.contains(.dim) { a |= lineup_attr_dim() }
        var pair: Int16 = 0
        if color {
            switch tone {
            case .normal: pair = 0
            case .accent: pair = 1
            case .good: pair = 2
            case .warning: pair = 3
            case .bad: pair = 4
            case .muted: pair = 0
            }
        }
        // Muted text is dim in the terminal's own colour: blue or grey is unreadable on some themes.
        if tone == .muted { a |= lineup_attr_dim() }
        return (a, pair)
    }

    /// Copies `buffer` to the screen; curses sends only what changed.
    public func draw(_ buffer: ScreenBuffer) {
        let (w, h) = size
        for y in 0..<min(h, buffer.height) {
            var x = 0
            while x < min(w, buffer.width) {
                let first = buffer[x, y]
                var run: [wchar_t] = []
                var end = x
                while end < min(w, buffer.width) {
                    let cell = buffer[end, y]
                    if cell.style != first.style || cell.tone != first.tone { break }
                    if !cell.isContinuation {
                        for scalar in cell.text.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
                    }
                    end += 1
                }
                let (a, pair) = attributes(first.style, first.tone)
                wattr_set(window, a, pair, nil)
                run.append(0)
                mvwaddnwstr(window, Int32(y), Int32(x), run, Int32(run.count - 1))
                x = end
            }
        }
        wattr_set(window, lineup_attr_normal(), 0, nil)
        wnoutrefresh(window)
        doupdate()
    }

    /// Waits up to `timeout` milliseconds for a key.
    public func read(timeout: Int32) -> TerminalEvent {
        if pendingQuitSignal != 0 { return .quitSignal(pendingQuitSignal) }
        wtimeout(window, timeout)
        var ch: wint_t = 0
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        let result = wget_wch(window, &ch)
        if pendingQuitSignal != 0 { return .quitSignal(pendingQuitSignal) }
        if result == ERR {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let elapsed = (now.tv_sec - started.tv_sec) * 1000 + (now.tv_nsec - started.tv_nsec) / 1_000_000
            // A read that fails at once, again and again, means standard input has closed.
            if timeout > 50 && elapsed < Int(timeout) / 4 {
                quickErrors += 1
                if quickErrors >= 3 { return .endOfInput }
            } else {
                quickErrors = 0
            }
            return .timeout
        }
        quickErrors = 0
        if result == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_RESIZE:
                let (w, h) = size
                return .resize(width: w, height: h)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case lineup_key_mouse():
                var x: Int32 = 0
                var y: Int32 = 0
                let events: [Int32: MouseEvent] = [1: .click, 2: .doubleClick, 3: .wheelUp, 4: .wheelDown]
                guard let event = events[lineup_mouse(&x, &y)] else { return .timeout }
                return .key(.mouse(event, x: Int(x), y: Int(y)))
            default:
                let n = Int32(ch) - lineup_key_f(0)
                if n >= 1 && n <= 24 { return .key(.function(Int(n))) }
                return .timeout
            }
        }
        switch ch {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.control(Character(UnicodeScalar(UInt8(ch) + 96))))
        default:
            guard let scalar = UnicodeScalar(UInt32(ch)) else { return .timeout }
            return .key(.character(Character(scalar)))
        }
    }
}
