import Evaluation

/// What a cell means, for colour. Meaning never rests on colour alone: every tone is paired
/// with a marker, bold or reverse video in the views.
public enum Tone: Int, Sendable, CaseIterable {
    case normal, accent, good, warning, bad, muted
}

/// Text attributes that work in monochrome.
public struct Style: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Style(rawValue: 1)
    public static let reverse = Style(rawValue: 2)
    public static let underline = Style(rawValue: 4)
    public static let dim = Style(rawValue: 8)
}

/// One screen cell: a grapheme (or the right half of a wide one), its style and tone.
public struct Cell: Equatable, Sendable {
    public var text: Character
    public var style: Style
    public var tone: Tone
    /// The right half of a double-width character drawn in the cell to the left.
    public var isContinuation: Bool

    public static let blank = Cell(text: " ", style: [], tone: .normal, isContinuation: false)
}

/// A grid of cells that views draw into; the terminal adapter copies it to the screen and
/// tests compare it to golden text.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` (escaped: no control character reaches the terminal) at column `x` of
    /// row `y`, clipped at `x + limit` and at the right edge; a wide character that would
    /// straddle the edge is replaced by a space. Returns the columns used.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, limit: Int? = nil, style: Style = [], tone: Tone = .normal
    ) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var col = x
        let chars = Array(SafeText.escaped(text))
        for (index, c) in chars.enumerated() {
            let w = SafeText.width(of: c)
            if w == 0 {
                continue  // combining marks and format characters are dropped, never misplaced
            }
            if col + w > end {
                if w == 2 && col < end { set(col, y, Cell(text: " ", style: style, tone: tone, isContinuation: false)) }
                // Text cut at the edge says so: its last cell becomes "…" (never a word cut
                // silently, nor a whole word left out at a space). Trailing spaces are no loss.
                if col > x, col - 1 >= 0, chars[index...].contains(where: { $0 != " " }) {
                    var last = col - 1
                    while last > x && self[last, y].isContinuation { last -= 1 }
                    set(last, y, Cell(text: "…", style: style, tone: tone, isContinuation: false))
                    if last + 1 < col {
                        set(last + 1, y, Cell(text: " ", style: style, tone: tone, isContinuation: false))
                    }
                }
                return col - x
            }
            if col >= 0 {
                set(col, y, Cell(text: c, style: style, tone: tone, isContinuation: false))
                if w == 2 { set(col + 1, y, Cell(text: " ", style: style, tone: tone, isContinuation: true)) }
            }
            col += w
        }
        return col - x
    }

    /// Fills `count` cells of row `y` from `x` with `character`.
    public mutating func fill(
        _ character: Character = " ", x: Int, y: Int, count: Int, style: Style = [], tone: Tone = .normal
    ) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + count) {
            set(col, y, Cell(text: character, style: style, tone: tone, isContinuation: false))
        }
    }

    /// Adds `style` to the cells of a row range (for the selection bar).
    public mutating func highlight(y: Int, x: Int = 0, count: Int? = nil, style: Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + (count ?? width)) {
            cells[y * width + col].style.formUnion(style)
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width else { return }
        let i = y * width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[i].isContinuation && x > 0 && !cell.isContinuation {
            cells[i - 1] = Cell(text: " ", style: cells[i - 1].style, tone: cells[i - 1].tone, isContinuation: false)
        }
        if !cell.isContinuation && x + 1 < width && cells[i + 1].isContinuation {
            cells[i + 1] = .blank
        }
        cells[i] = cell
    }

    /// The text of row `y`, wide characters once each, trailing spaces kept.
    public func row(_ y: Int) -> String {
        var out = ""
        for x in 0..<width where !self[x, y].isContinuation { out.append(self[x, y].text) }
        return out
    }

    /// The whole screen as text, trailing spaces removed: what golden tests compare.
    public var text: String {
        (0..<height).map { y in
            var r = Substring(row(y))
            while r.last == " " { r = r.dropLast() }
            return String(r)
        }.joined(separator: "\n")
    }
}
