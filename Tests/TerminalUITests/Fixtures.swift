import Evaluation
import Foundation
import LineupTestSupport
import TOML
import Testing

@testable import TerminalUI

/// Five products, one with an accented name and one in CJK, one with an escape sequence.
let fixtureProducts: [Product] = [
    panasonicBWC,
    axonBody,
    product(
        "vievu",
        """
        vendor = "VIEVU"
        model = "LE3"
        [availability]
        status = "shipping"
        [camera]
        price = 899
        [video]
        gb_per_hour = 2.7
        [storage]
        model = "on-premises"
        per_user_per_month = 25
        """),
    product(
        "societe",
        """
        vendor = "Société Vidéo"
        model = "Caméra Été"
        notes = "bell \\u0007 and \\u001b[31mred"
        [availability]
        status = "announced"
        date = 2016-03-01
        [camera]
        price = 650
        [video]
        gb_per_hour = 1.5
        """),
    product(
        "nihon",
        """
        vendor = "日本カメラ"
        model = "警察 X1"
        [availability]
        status = "shipping"
        date = 2015-01-10
        [camera]
        price = 700
        [video]
        gb_per_hour = 2.0
        [storage]
        model = "cloud"
        per_camera_per_month = 20
        """),
]

let fixtureProblems = [
    Diagnostic(
        file: "vendors/broken.toml", line: 4, column: 9, field: "camera.price",
        message: "camera.price must be a number of dollars or a range like [800, 1000]; found \"cheap\"")
]

func fixtureState(width: Int = 80, height: Int = 24) -> AppState {
    AppState(
        vendorsFolder: "vendors", profilePath: "vendors/department.toml",
        today: TOMLDate(year: 2026, month: 11, day: 26),
        products: fixtureProducts, profile: wilton(), diagnostics: fixtureProblems, width: width, height: height)
}

extension AppState {
    /// Applies each action in turn, returning every effect asked for.
    @discardableResult
    mutating func send(_ actions: Action...) -> [Effect] {
        actions.flatMap { apply($0) }
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { apply(.key($0)) }
    }
}

/// Compares a rendered screen with `Golden/<name>.txt`. With LINEUP_RECORD_GOLDEN=1 the file
/// is written instead and the test fails, so a recording is always reviewed.
func expectScreen(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    let actual = render(state).text + "\n"
    if ProcessInfo.processInfo.environment["LINEUP_RECORD_GOLDEN"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded \(name).txt; review it and run again without LINEUP_RECORD_GOLDEN", sourceLocation: sourceLocation
        )
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing golden file \(name).txt)"
    #expect(actual == expected, sourceLocation: sourceLocation)
}

/// Compares a text with `Golden/<name>` (a spec file, say), recorded the same way as screens.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["LINEUP_RECORD_GOLDEN"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded \(name); review it and run again without LINEUP_RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing golden file \(name))"
    #expect(actual == expected, sourceLocation: sourceLocation)
}
