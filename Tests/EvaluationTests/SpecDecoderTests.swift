import LineupTestSupport
import Testing

@testable import Evaluation

private func problems(_ text: String) -> [String] {
    SpecDecoder.product(Array(text.utf8), file: "vendors/axon-body.toml", id: "axon-body").diagnostics.map(
        \.description)
}

private func problems(bytes: [UInt8]) -> [String] {
    SpecDecoder.product(bytes, file: "vendors/x.toml", id: "x").diagnostics.map(\.description)
}

private let head = "vendor = \"TASER\"\nmodel = \"Axon Body\"\n"

@Suite struct SpecDecoderTests {
    @Test func aCompleteSpecReadsEveryField() {
        let p = product(
            "full",
            head + """
                summary = "s"
                sources = ["a", "b"]
                quote_date = 2015-01-15
                [availability]
                status = "announced"
                date = 2015-06-01
                [camera]
                price = 399
                accessories = 25.5
                warranty_years = 1
                extended_warranty_per_year = 50
                [dock]
                price = 1200
                cameras_per_dock = 8
                [video]
                resolution = "720p"
                gb_per_hour = 2.7
                field_of_view = 130
                battery_hours = 12
                pre_event_seconds = 30
                pre_event_audio = false
                [storage]
                model = "on-premises"
                per_user_per_month = 25
                server_price = 9000
                server_tb = 8
                upkeep_per_tb_year = 100
                setup = 2500
                [integration]
                in_car_system = "Panasonic Arbitrator"
                shared_upload = true
                """)
        #expect(p.cameraPrice == Estimate(399))
        #expect(p.dockPrice == 1200 && p.camerasPerDock == 8)
        #expect(p.storageModel == .onPremises && p.serverTB == 8 && p.setupCost == 2500)
        #expect(p.features == [.sharedUpload: true])
        #expect(p.sources == ["a", "b"])
        #expect(p.positions["camera.price"]?.line == 10)
        #expect(
            p.unknownFields == [
                "integration.shared_evidence_software", "integration.car_triggers", "integration.synchronised_playback",
            ])
    }

    @Test(arguments: [
        (
            "[camera]\nprice = \"cheap\"",
            "vendors/axon-body.toml:4:9: error: camera.price must be a number of dollars or a range like [800, 1000]; found \"cheap\""
        ),
        (
            "[camera]\nprice = -5",
            "vendors/axon-body.toml:4:9: error: camera.price must be between $1 and $100,000; found -5"
        ),
        (
            "[camera]\nprice = 5e9",
            "vendors/axon-body.toml:4:9: error: camera.price must be between $1 and $100,000; found 5000000000"
        ),
        (
            "[camera]\nprice = nan",
            "vendors/axon-body.toml:4:9: error: camera.price must be a number of dollars; found nan (not a number)"
        ),
        (
            "[camera]\nprice = inf",
            "vendors/axon-body.toml:4:9: error: camera.price must be a number of dollars; found inf"
        ),
        (
            "[camera]\nprice = [1000, 800]",
            "vendors/axon-body.toml:4:9: error: camera.price range must be [low, high]; found [1000, 800]"
        ),
        (
            "[availability]\ndate = 2015-02-30",
            "vendors/axon-body.toml:4:8: error: availability.date: 2015-02-30 is not a date on the calendar"
        ),
        (
            "[availability]\ndate = \"July\"",
            "vendors/axon-body.toml:4:8: error: availability.date must be a date like 2015-07-21 (no quotes) or a range like [2015-07-21, 2015-08-21]; found \"July\""
        ),
        (
            "[availability]\nstatus = \"soon\"",
            "vendors/axon-body.toml:4:10: error: availability.status must be one of \"shipping\", \"announced\"; found \"soon\""
        ),
        (
            "[dock]\ncameras_per_dock = 2.5",
            "vendors/axon-body.toml:4:20: error: dock.cameras_per_dock must be a number of cameras (a whole number); found 2.5"
        ),
        (
            "[video]\npre_event_audio = \"yes\"",
            "vendors/axon-body.toml:4:19: error: video.pre_event_audio must be true or false; found \"yes\""
        ),
        (
            "[storage]\nmodel = \"tape\"",
            "vendors/axon-body.toml:4:9: error: storage.model must be one of \"cloud\", \"on-premises\", \"existing-backend\"; found \"tape\""
        ),
        ("camera = 5", "vendors/axon-body.toml:3:10: error: camera must be a table ([camera]); found 5"),
    ])
    func wrongValuesPointAtTheirLineAndColumn(_ body: String, _ message: String) {
        #expect(problems(head + body) == [message])
    }

    @Test func unknownKeysWarnWithASuggestion() {
        let p = problems(head + "[camera]\nprise = 399\n[vidoe]\nx = 1\n[video]\nbatery_hours = 3\nzzz = 1")
        #expect(
            p == [
                "vendors/axon-body.toml:5:2: warning: unknown key vidoe is ignored; did you mean video?",
                "vendors/axon-body.toml:4:1: warning: unknown key camera.prise is ignored; did you mean camera.price?",
                "vendors/axon-body.toml:8:1: warning: unknown key video.batery_hours is ignored; did you mean video.battery_hours?",
                "vendors/axon-body.toml:9:1: warning: unknown key video.zzz is ignored",
                // With its only price misspelt, nothing is left to rank it on, and it says so.
                "vendors/axon-body.toml: warning: not ranked until it gives at least camera.price or availability.status",
            ])
        // Warnings alone do not stop the product from loading.
        #expect(
            SpecDecoder.product(
                Array((head + "[availability]\nstatus = \"shipping\"\n[camera]\nprise = 399").utf8), file: "f", id: "f"
            ).value != nil)
    }

    @Test func missingRequiredFields() {
        #expect(
            problems("[camera]\nprice = 100") == [
                "vendors/axon-body.toml: error: vendor is missing", "vendors/axon-body.toml: error: model is missing",
            ])
        #expect(
            problems("vendor = \"\"\nmodel = \"M\"") == ["vendors/axon-body.toml:1:10: error: vendor must not be empty"]
        )
    }

    @Test func emptyJunkAndEncodings() {
        #expect(problems(bytes: []) == ["vendors/x.toml: error: the file is empty"])
        #expect(problems(bytes: Array(" \n\n".utf8)) == ["vendors/x.toml: error: the file is empty"])
        #expect(
            problems(bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01]) == [
                "vendors/x.toml:1:1: error: expected a key, found the control character U+007F"
            ])
        #expect(
            problems(bytes: Array("vendor = \"".utf8) + [0xFF, 0x22]) == [
                "vendors/x.toml:1:11: error: invalid UTF-8 at byte offset 10; save the file as UTF-8"
            ])
        #expect(
            problems(bytes: [0xFF, 0xFE, 0x76, 0x00]) == [
                "vendors/x.toml:1:1: error: the file is saved as UTF-16; save it as UTF-8"
            ])
        #expect(
            problems("vendor = Panasonic") == [
                "vendors/axon-body.toml:1:10: error: vendor: text values must be in quotes: write \"Panasonic\""
            ])
    }

    @Test func hostileTextIsEscapedInMessages() {
        let p = problems(head + "[storage]\nmodel = \"\\u001b[31mred\"")
        #expect(
            p == [
                "vendors/axon-body.toml:4:9: error: storage.model must be one of \"cloud\", \"on-premises\", \"existing-backend\"; found \"\\u{1B}[31mred\""
            ])
    }

    @Test func theTemplateIsAValidSpec() {
        let text = SpecTemplate.text(vendor: "Acme \"Pro\"", model: "Cam")
        let loaded = SpecDecoder.product(Array(text.utf8), file: "vendors/new.toml", id: "new")
        // Issue 12: a blank template is not ranked on borrowed figures, and says so.
        #expect(
            loaded.diagnostics.map(\.description) == [
                "vendors/new.toml: warning: not ranked until it gives at least camera.price or availability.status"
            ])
        #expect(loaded.value == nil)
        let filled = text.replacingOccurrences(of: "# price = [800, 1000]", with: "price = [800, 1000]")
        let ready = SpecDecoder.product(Array(filled.utf8), file: "vendors/new.toml", id: "new")
        #expect(ready.diagnostics == [])
        #expect(ready.value?.vendor == "Acme \"Pro\"")
        #expect(ready.value?.cameraPrice == Estimate(low: 800, high: 1000))
    }

    /// Issue 12: a figure too small to be what was meant gets a warning (3,000 written as 3.000).
    @Test func implausiblyLowFiguresAreWarned() {
        #expect(
            problems(head + "[camera]\nprice = 8\n[storage]\nsetup = 3.0") == [
                "vendors/axon-body.toml:4:9: warning: camera.price of $8 is implausibly low for a body camera; check the figure",
                "vendors/axon-body.toml:6:9: warning: storage.setup of $3 is implausibly low for one-time software and set-up; check the figure",
            ])
    }

    @Test func profileErrors() {
        let base = """
            name = "W"
            evaluation_date = 2015-04-21
            need_by = 2015-01-01
            cameras = 15
            licensed_users = 30
            officers_per_shift = 5
            shifts_per_day = 3
            recorded_hours_per_shift = 2
            routine_retention_days = 90
            evidence_share = 1.5
            evidence_retention_days = 1095
            horizon_years = 5
            [weights]
            cost = 0
            integration = 0
            storage = 0
            availability = 0
            """
        let d = SpecDecoder.profile(Array(base.utf8), file: "vendors/department.toml").diagnostics.map(\.description)
        #expect(
            d == [
                "vendors/department.toml:10:18: error: evidence_share must be between 0 and 1; found 1.5",
                "vendors/department.toml:13:1: error: the weights add up to 0; give at least one criterion a weight",
                "vendors/department.toml:3:11: error: need_by (2015-01-01) must be after evaluation_date (2015-04-21)",
            ])
    }
}

@Suite struct CSVTests {
    @Test func formulasAreNeutralisedAndNumbersStayNumbers() {
        #expect(CSV.field(.text("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field(.text("+1")) == "'+1")
        #expect(CSV.field(.text("-2")) == "'-2")
        #expect(CSV.field(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSV.field(.text("\tx")) == "'\tx")
        #expect(CSV.field(.text("\r\nx")) == "\"'\r\nx\"")
        #expect(CSV.field(.text("\u{FF1D}1+1")) == "'\u{FF1D}1+1")
        #expect(CSV.field(.number(-1234.5, places: 2)) == "-1234.50")
        #expect(CSV.field(.integer(-3)) == "-3")
        #expect(CSV.field(.text("a,b")) == "\"a,b\"")
        #expect(CSV.field(.text("plain")) == "plain")
        #expect(CSV.field(.text(String(repeating: "x", count: 40_000))).count == 32_767)
    }

    @Test func rowsEndInCRLFWithAByteOrderMark() {
        let text = CSV.encode(header: ["a", "b"], rows: [[.text("x"), .number(1, places: 1)]])
        #expect(text == "\u{FEFF}a,b\r\nx,1.0\r\n")
    }
}
