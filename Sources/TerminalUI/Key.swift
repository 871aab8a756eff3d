/// A key press, as the terminal adapter reports it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Ctrl plus a letter (`.control("l")`).
    case control(Character)
    /// A mouse event at a cell (0-based column and row).
    case mouse(MouseEvent, x: Int, y: Int)

    /// How the help screen writes the key.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .mouse(let e, _, _): return e.rawValue
        }
    }
}

/// What the mouse did.
public enum MouseEvent: String, Hashable, Sendable {
    case click
    case doubleClick = "double-click"
    case wheelUp = "wheel up"
    case wheelDown = "wheel down"
}
