import Evaluation
import LineupTestSupport
import Testing

@testable import TerminalUI

/// The fixture at 80x24: title row 0, summary row 1, the table's titles on row 2, products
/// from row 3. Its columns: "  #" 0-3, Product 5-17, Score 19-23, Cost 25-28, ...
@Suite struct MouseTests {
    @Test func aClickSelectsARowAndADoubleClickOpensWhy() {
        var s = fixtureState()
        s.press(.mouse(.click, x: 10, y: 5))
        #expect(s.cursor == 2)
        #expect(s.screen == .ranking)
        // Below the last product: nothing happens.
        s.press(.mouse(.click, x: 10, y: 20))
        #expect(s.cursor == 2)
        s.press(.mouse(.doubleClick, x: 10, y: 4))
        #expect(s.cursor == 1)
        #expect(s.screen == .detail)
    }

    @Test func aClickOnATitleSortsAndAgainGoesBackToRank() {
        var s = fixtureState()
        let byRank = s.rows.map(\.id)
        s.press(.mouse(.click, x: 26, y: 2))
        #expect(s.sort == .cost)
        #expect(s.status == "Sorted by cost score, best first (click again: by rank)")
        s.press(.mouse(.click, x: 27, y: 2))
        #expect(s.sort == .rank)
        #expect(s.rows.map(\.id) == byRank)
        s.press(.mouse(.click, x: 8, y: 2))
        #expect(s.sort == .product)
        #expect(s.status == "Sorted by product name, A to Z (click again: by rank)")
    }

    @Test func theWheelScrollsListsAndPages() {
        var s = fixtureState()
        s.press(.mouse(.wheelDown, x: 0, y: 10))
        #expect(s.cursor == 3)
        s.press(.mouse(.wheelUp, x: 0, y: 10), .mouse(.wheelUp, x: 0, y: 10))
        #expect(s.cursor == 0)
        s.press(.character("?"))
        s.press(.mouse(.wheelDown, x: 0, y: 10))
        #expect(s.detailScroll == 3)
    }

    @Test func aClickInTheFormSelectsTheField() {
        var s = fixtureState()
        s.press(.character("a"))
        // Row 2 is the Identity title, row 3 Vendor, row 4 Model.
        s.press(.mouse(.click, x: 3, y: 4))
        #expect(s.form?.field?.path == "model")
        s.press(.mouse(.click, x: 3, y: 2))
        #expect(s.form?.field?.path == "model")
    }

    @Test func theMouseWaitsWhileAQuestionIsAsked() {
        var s = fixtureState()
        s.press(.character("X"))
        s.press(.mouse(.click, x: 10, y: 6))
        #expect(s.cursor == 0)
        #expect(s.prompt != nil)
    }
}
