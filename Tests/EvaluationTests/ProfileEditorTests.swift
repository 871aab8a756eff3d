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
            [ProfileEdit("weights.cost", number: 45), ProfileEdit("cameras", number: 16), ProfileEdit("name", "\"Wilton PD\"")],
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

    @Test func missingKeysAreAddedToTheirTableOrANewOne() throws {
        let out = try ProfileEditor.apply(
            [ProfileEdit("weights.storage", number: 15), ProfileEdit("method", "\"topsis\""), ProfileEdit("in_car.backend_free_tb", number: 6)],
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
        let funded = "[[funding]]\nsource = \"JAG\"\namount = 12000\n\n[[funding]]\nsource = \"Gift\"\namount = 5000 # donation\n"
        let out = try ProfileEditor.apply([ProfileEdit("funding[1].amount", number: 5500)], to: funded, file: "d.toml")
        #expect(out == "[[funding]]\nsource = \"JAG\"\namount = 12000\n\n[[funding]]\nsource = \"Gift\"\namount = 5500 # donation\n")
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
