import LineupTestSupport
import Testing

@testable import Evaluation

@Suite struct ProfileEditorTests {
    let text = """
        # The department's profile.
        name = "Wilton"   # the town
        cameras = 15      # three shifts of five

        [weights]         # judgement
        cost = 40         # money first
        integration = 25
        """

    @Test func valuesAreReplacedInPlaceAndCommentsKept() throws {
        let out = try ProfileEditor.apply(
            [
                ProfileEdit("weights.cost", number: 45), ProfileEdit("cameras", number: 16),
                ProfileEdit("name", "\"Wilton PD\""),
            ],
            to: text, file: "d.toml")
        #expect(
            out == """
                # The department's profile.
                name = "Wilton PD"   # the town
                cameras = 16      # three shifts of five

                [weights]         # judgement
                cost = 45         # money first
                integration = 25
                """)
    }

    /// Issue 23: a fund's rules are written into its own [[funding]] table, comments kept.
    @Test func aFundsRulesGoIntoItsOwnTable() throws {
        let text = """
            name = "W"

            [[funding]]
            source = "JAG"     # the grant
            amount = 12000
            until = 2017-09-30 # spend by

            [[funding]]
            source = "Donation"
            amount = 5000      # given for cameras

            [weights]
            cost = 40

            """
        let out = try ProfileEditor.apply(
            [
                ProfileEdit("funding[0].pays_for", "[\"cameras\", \"licences\"]"), ProfileEdit("funding[0].years", "3"),
                .remove("funding[0].until"), ProfileEdit("funding[1].pays_for", "[\"cameras\"]"),
                ProfileEdit("funding[1].recurring", "false"),
            ], to: text, file: "d.toml")
        #expect(
            out == """
                name = "W"

                [[funding]]
                source = "JAG"     # the grant
                amount = 12000
                pays_for = ["cameras", "licences"]
                years = 3

                [[funding]]
                source = "Donation"
                amount = 5000      # given for cameras
                pays_for = ["cameras"]
                recurring = false

                [weights]
                cost = 40

                """)
    }

    /// A fund added as a table after the others of its kind, another taken out with its
    /// lines; the comments of the rest stay.
    @Test func fundTablesAreAddedAndRemoved() throws {
        let text = """
            name = "W"

            [[funding]]
            source = "JAG"     # the grant
            amount = 12000

            [[funding]]
            source = "Donation"
            amount = 5000      # given for cameras

            [weights]
            cost = 40

            """
        let out = try ProfileEditor.apply(
            [
                .appendTable("funding", lines: ["source = \"Town council\"", "amount = 2000"]),
                .removeTable("funding", index: 1),
            ], to: text, file: "d.toml")
        #expect(
            out == """
                name = "W"

                [[funding]]
                source = "JAG"     # the grant
                amount = 12000

                [[funding]]
                source = "Town council"
                amount = 2000

                [weights]
                cost = 40

                """)
    }

    @Test func missingKeysAreAddedToTheirTableOrANewOne() throws {
        let out = try ProfileEditor.apply(
            [
                ProfileEdit("weights.storage", number: 15), ProfileEdit("method", "\"topsis\""),
                ProfileEdit("in_car.backend_free_tb", number: 6),
            ],
            to: text, file: "d.toml")
        #expect(
            out == """
                # The department's profile.
                name = "Wilton"   # the town
                cameras = 15      # three shifts of five
                method = "topsis"

                [weights]         # judgement
                cost = 40         # money first
                integration = 25
                storage = 15

                [in_car]
                backend_free_tb = 6

                """)
    }

    @Test func arrayOfTablesElementsAreAddressedByIndex() throws {
        let funded =
            "[[funding]]\nsource = \"JAG\"\namount = 12000\n\n[[funding]]\nsource = \"Gift\"\namount = 5000 # donation\n"
        let out = try ProfileEditor.apply([ProfileEdit("funding[1].amount", number: 5500)], to: funded, file: "d.toml")
        #expect(
            out
                == "[[funding]]\nsource = \"JAG\"\namount = 12000\n\n[[funding]]\nsource = \"Gift\"\namount = 5500 # donation\n"
        )
        #expect(throws: ProfileEditor.Failure.cannotPlace("funding[2].amount")) {
            try ProfileEditor.apply([ProfileEdit("funding[2].amount", number: 1)], to: funded, file: "d.toml")
        }
    }

    @Test func anUnreadableProfileIsNotTouched() {
        #expect(throws: ProfileEditor.Failure.self) {
            try ProfileEditor.apply([ProfileEdit("cameras", number: 1)], to: "cameras = = 3", file: "d.toml")
        }
    }
}

/// Issue 8, item 2: a profile saved on Windows (CRLF endings) once crashed the editor with an
/// index out of range, because "\r\n" is one Character in Swift and the text split into one line.
@Suite struct ProfileEditorLineEndingTests {
    @Test func crlfEndingsAreKeptAndTheValueReplaced() throws {
        let text =
            "name = \"Wilton\"\r\ncameras = 15 # five a shift\r\n\r\n[weights]\r\ncost = 40\r\nintegration = 25\r\n"
        let out = try ProfileEditor.apply(
            [ProfileEdit("weights.integration", number: 30), ProfileEdit("cameras", number: 16)], to: text,
            file: "d.toml")
        #expect(
            out
                == "name = \"Wilton\"\r\ncameras = 16 # five a shift\r\n\r\n[weights]\r\ncost = 40\r\nintegration = 30\r\n"
        )
    }

    @Test func insertedLinesTakeTheFilesOwnEnding() throws {
        let text = "cameras = 15\r\n[weights]\r\ncost = 40\r\n"
        let out = try ProfileEditor.apply(
            [ProfileEdit("weights.storage", number: 15), ProfileEdit("in_car.backend_free_tb", number: 6)], to: text,
            file: "d.toml")
        #expect(
            out == "cameras = 15\r\n[weights]\r\ncost = 40\r\nstorage = 15\r\n\r\n[in_car]\r\nbackend_free_tb = 6\r\n")
    }

    @Test func mixedEndingsStayAsTheyWere() throws {
        let text = "a = 1\nb = 2\r\nc = 3\n"
        let out = try ProfileEditor.apply([ProfileEdit("b", number: 5)], to: text, file: "d.toml")
        #expect(out == "a = 1\nb = 5\r\nc = 3\n")
    }
}
