import Evaluation
import LineupTestSupport
import TOML
import Testing

@testable import TerminalUI

/// Whole screens at 80x24 (and one wide size), compared with reviewed golden text.
@Suite struct ScreenTests {
    @Test func ranking() { expectScreen(fixtureState(), "ranking-80x24") }

    @Test func rankingWide() { expectScreen(fixtureState(width: 132, height: 30), "ranking-132x30") }

    /// Issue 23, item 4: a revised quote beside the original, at 80x24 and 132x30, in the
    /// ranking, How sure and the budget: no two products show the same name in any list.
    @Test func revisedQuotesStayApart() {
        var revised = fixtureProducts.first { $0.id == "panasonic-arbitrator-bwc" }!
        revised.id = "panasonic-arbitrator-bwc-quote-2015-04-24"
        revised.model = "Arbitrator BWC (quote 2015-04-24)"
        revised.cameraPrice = Estimate(790)
        for (w, h) in [(80, 24), (132, 30)] {
            var s = fixtureState(width: w, height: h)
            s.send(.loaded(products: fixtureProducts + [revised], profile: wilton(), diagnostics: []))
            expectScreen(s, "revised-\(w)x\(h)")
            for key in [Key.character("u"), .character("b"), .character("t")] {
                s.press(key)
                let shown = Set(s.rows.map { s.listName($0.product, width: w < 100 ? 13 : 30) })
                #expect(shown.count == s.rows.count, "\(w)x\(h) \(key.label)")
                s.press(key)
            }
        }
    }

    @Test func detail() {
        var s = fixtureState()
        s.press(.enter)
        expectScreen(s, "detail-80x24")
    }

    @Test func detailOfTheAccentedProductEscapesItsNotes() {
        var s = fixtureState()
        s.press(.character("s"))  // sort by product name: Société is then at a known place
        let i = s.rows.firstIndex { $0.id == "societe" }!
        for _ in 0..<i { s.press(.down) }
        s.press(.enter, .character("G"))
        expectScreen(s, "detail-societe-80x24")
    }

    @Test func compare() {
        var s = fixtureState()
        s.press(.character(" "), .down, .character(" "), .down, .down, .character(" "), .character("c"))
        expectScreen(s, "compare-80x24")
    }

    @Test func weights() {
        var s = fixtureState()
        s.press(.character("w"), .down, .right, .right)
        expectScreen(s, "weights-80x24")
    }

    @Test func department() {
        var s = fixtureState()
        s.press(.character("d"), .right, .right, .right)
        expectScreen(s, "department-80x24")
    }

    @Test func problems() {
        var s = fixtureState()
        s.press(.character("p"))
        expectScreen(s, "problems-80x24")
    }

    @Test func help() {
        var s = fixtureState()
        s.press(.character("?"))
        expectScreen(s, "help-80x24")
    }

    @Test func tooSmall() {
        var s = fixtureState()
        s.send(.resize(width: 60, height: 15))
        expectScreen(s, "too-small-60x15")
        s.send(.resize(width: 80, height: 24))
        #expect(render(s) == render(fixtureState()))
    }

    @Test func wideCharactersKeepColumnsAligned() {
        let s = fixtureState()
        let b = render(s)
        // Every row of the table puts the Score column at the same display column.
        let header = b.row(2)
        let scoreColumn = header.distance(from: header.startIndex, to: header.range(of: "Score")!.lowerBound)
        for y in 3..<(3 + s.rows.count) {
            var column = 0
            var x = 0
            while x < b.width {
                if x == scoreColumn { break }
                if !b[x, y].isContinuation { column += 1 }
                x += 1
            }
            #expect(x == scoreColumn)
            #expect(b[scoreColumn - 1, y].text == " ")
        }
        #expect(b.row(3 + s.rows.firstIndex { $0.id == "nihon" }!).contains("警察 X1       ~46.4"))
    }

    @Test func aWideCharacterAtTheEdgeIsClippedNotSplit() {
        var b = ScreenBuffer(width: 5, height: 1)
        b.put("ab日本", x: 0, y: 0)
        // "ab" + 日 (2 cells) fill 4 cells; 本 would straddle the edge and becomes a space, and the
        // cut is marked: 日 gives way to "…" (one cell) and a space, never half a character.
        #expect(b.row(0) == "ab…  ")
        #expect(!b[3, 0].isContinuation)
        #expect(b[4, 0].text == " ")
        // Text that fits is never marked.
        var fits = ScreenBuffer(width: 5, height: 1)
        fits.put("ab日", x: 0, y: 0)
        #expect(fits.row(0) == "ab日 ")
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var b = ScreenBuffer(width: 40, height: 1)
        b.put("x\u{1B}[31my\u{7}\u{202E}z", x: 0, y: 0)
        #expect(b.row(0).hasPrefix("x\\u{1B}[31my\\u{7}\\u{202E}z"))
        #expect(!b.cells.contains { $0.text.unicodeScalars.contains { SafeText.isHostile($0) } })
    }
}

/// The analysis views of "going beyond a spreadsheet", at 80x24.
@Suite struct AnalysisScreenTests {
    @Test func sensitivity() {
        var s = fixtureState()
        s.press(.character("v"))
        expectScreen(s, "sensitivity-80x24")
    }

    @Test func chances() {
        var s = fixtureState()
        s.press(.character("u"))
        expectScreen(s, "chances-80x24")
    }

    @Test func budget() {
        var s = fixtureState()
        s.press(.character("b"))
        expectScreen(s, "budget-80x24")
    }

    @Test func timeline() {
        var s = fixtureState()
        s.press(.character("t"))
        expectScreen(s, "timeline-80x24")
    }

    @Test func movementMarkersAndTheStackedBar() {
        // The last ranking had VIEVU first and no Société product.
        let history = RankingHistory(entries: [
            .init(id: "vievu", name: "VIEVU LE3", rank: 1),
            .init(id: "panasonic-arbitrator-bwc", name: "Panasonic Arbitrator BWC", rank: 2),
            .init(id: "axon-body", name: "TASER Axon Body", rank: 3), .init(id: "nihon", name: "日本カメラ 警察 X1", rank: 4),
            .init(id: "gone", name: "Gone Cam", rank: 5),
        ])
        let s = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2026, month: 11, day: 26),
            products: fixtureProducts, profile: wilton(), diagnostics: [], history: history, width: 132, height: 20)
        expectScreen(s, "movement-132x20")
    }
}

@Suite struct WrapTests {
    @Test func wordsWrapWithAHangingIndent() {
        #expect(Draw.wrap("  alpha beta gamma delta", width: 12) == ["  alpha beta", "    gamma", "    delta"])
        #expect(Draw.wrap("short", width: 12) == ["short"])
    }

    @Test func aWordLongerThanALineIsBrokenNotLost() {
        let lines = Draw.wrap("  - example.com/a-very-long-path-without-spaces", width: 20)
        #expect(lines == ["  - example.com/a-ve", "    ry-long-path-wit", "    hout-spaces"])
        #expect(lines.allSatisfy { SafeText.width($0) <= 20 })
    }
}

/// Issue 12, item 5: no text is cut without saying so. Every cut happens in one place,
/// `ScreenBuffer.put`, which marks it with "…"; checked on seeded random texts and limits,
/// and every view renders at 72x20, 80x24, 100x30 and 200x50.
@Suite struct NoSilentCutTests {
    @Test func putMarksEveryCut() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.put("hello wonderful world", x: 0, y: 0, limit: 8)
        #expect(b.row(0).hasPrefix("hello w…"))
        var state: UInt64 = 7
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return Int((z ^ (z >> 27)) % 1000)
        }
        let words = ["camera", "日本", "Société", "$13,500", "x", "policy"]
        for _ in 0..<500 {
            let text = (0..<(1 + next() % 6)).map { _ in words[next() % words.count] }.joined(separator: " ")
            let limit = 1 + next() % 30
            var buffer = ScreenBuffer(width: 40, height: 1)
            let used = buffer.put(text, x: 0, y: 0, limit: limit)
            let shown = String(buffer.row(0).prefix(limit)).trimmingCharacters(in: .whitespaces)
            if SafeText.width(text) <= limit {
                #expect(shown == text)
            } else {
                #expect(shown.hasSuffix("…") || used == 0, "\(text) in \(limit): \(shown)")
            }
        }
    }

    @Test func questions() {
        var s = fixtureState()
        s.press(.character("Q"))
        expectScreen(s, "questions-80x24")
    }

    @Test func everyViewRendersAtEverySize() {
        for (w, h) in [(72, 20), (80, 24), (100, 30), (200, 50)] {
            var s = fixtureState(width: w, height: h)
            for key in ["w", "d", "p", "?", "v", "u", "b", "t", "a", "M", "Q"] {
                s.press(.character(Character(key)))
                let frame = render(s)
                #expect(frame.width == w && frame.height == h)
                s.press(.escape)
                s.press(.escape)
            }
        }
    }
}
