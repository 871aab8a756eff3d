import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

private func stored(_ input: String, _ kind: SpecForm.Kind) -> String? {
    if case .value(let literal, _) = SpecForm.read(input, as: kind) { return literal }
    return nil
}

private func refusal(_ input: String, _ kind: SpecForm.Kind) -> String? {
    if case .refused(let m) = SpecForm.read(input, as: kind) { return m }
    return nil
}

/// Applies the form's edits to `text` as the interface does on save.
private func saved(_ text: String, _ inputs: [String: String]) throws -> String {
    let root = try TOML.parse(text, file: "x.toml").root
    let original = SpecForm.inputs(from: root)
    var now = original
    for (k, v) in inputs { now[k] = v }
    return try ProfileEditor.apply(
        SpecForm.edits(inputs: now, original: original), to: text, file: "x.toml")
}

@Suite struct SpecFormTests {
    /// What people type, and the TOML it stores: each from the list.
    @Test func whatPeopleTypeIsStoredAsMeant() {
        #expect(stored("$899", .money(range: true)) == "899")
        #expect(stored("3,000", .money(range: false)) == "3000")
        #expect(stored("1,250.50", .money(range: false)) == "1250.5")
        #expect(stored("$ 55 per camera", .money(range: true)) == "55")
        #expect(stored("0.125", .money(range: false)) == "0.125")
        #expect(stored("800-1000", .money(range: true)) == "[800, 1000]")
        #expect(stored("$800 - $1,000", .money(range: true)) == "[800, 1000]")
        #expect(stored("800 to 800", .money(range: true)) == "800")
        #expect(stored("yes", .yesNo) == "true")
        #expect(stored("No", .yesNo) == "false")
        #expect(stored("04/21/2015", .date) == "2015-04-21")
        #expect(stored("Apr 21 2015", .date) == "2015-04-21")
        #expect(stored("April 21, 2015", .date) == "2015-04-21")
        #expect(stored("21 April 2015", .date) == "2015-04-21")
        #expect(stored("21/04/2015", .date) == "2015-04-21")
        #expect(stored("2015-07-21 to 2015-08-21", .dateWindow) == "[2015-07-21, 2015-08-21]")
        #expect(stored("Jul 21 2015 - Aug 21 2015", .dateWindow) == "[2015-07-21, 2015-08-21]")
        #expect(stored("available now", .status) == "\"shipping\"")
        #expect(stored("on-site", .storageModel) == "\"on-premises\"")
        #expect(stored("  VIEVU  ", .text(maxLength: 100, lineBreaks: false)) == "\"VIEVU\"")
        #expect(stored("say \"hi\"", .text(maxLength: 100, lineBreaks: false)) == "\"say \\\"hi\\\"\"")
        #expect(stored("8", .whole) == "8")
        #expect(SpecForm.read("   ", as: .money(range: true)) == .empty)
        #expect(SpecForm.read("$1,250.50", as: .money(range: false)) == .value(literal: "1250.5", shown: "$1,250.50"))
    }

    /// What could be read two ways is refused, and the message names both readings; no
    /// refusal suggests a figure of another magnitude than one of the readings.
    @Test func ambiguousInputIsRefusedWithWhatToType() {
        #expect(
            refusal("3,00", .money(range: false))
                == "\"3,00\" could be read two ways: write 300 or 3.00 (a point for decimals, no commas)")
        #expect(
            refusal("3.000", .money(range: false))
                == "\"3.000\" could be read two ways: write 3000 or 3.00 (a point only for cents, no thousands separators)"
        )
        #expect(
            refusal("1.250,50", .money(range: false))
                == "\"1.250,50\" mixes commas and points; write 1250.50 for one thousand two hundred fifty and a half")
        #expect(
            refusal("04/05/2015", .date)
                == "04/05/2015 could be April 5 or 4 May: write 2015-04-05 for April 5, 2015-05-04 for 4 May")
        #expect(refusal("04/21/15", .date) == "give the year in full: 04/21/2015")
        #expect(refusal("2015-02-30", .date) == "2015-02-30 is not a date on the calendar")
        #expect(refusal("maybe", .yesNo) == "type yes or no")
        #expect(
            refusal("1000-800", .money(range: true))
                == "the range runs from the lower figure to the higher: write 800-1000")
        #expect(refusal("800-1000", .money(range: false)) == "give one figure; this field takes no range")
        #expect(refusal("about 900", .money(range: true)) == "a number of dollars, like 899 or $1,250.50")
        #expect(refusal("2.5", .whole) == "a whole number, like 8")
        #expect(
            refusal("a\u{1B}b", .text(maxLength: 100, lineBreaks: false))
                == "remove the control character U+001B from the text")
    }

    /// The e-mailed VIEVU quote typed into a new product's form (the template `lineup new`
    /// writes): each value takes the place of its commented line, the meaning kept beside it.
    @Test func theVievuQuoteFillsTheTemplate() throws {
        let template = SpecTemplate.text(vendor: "VIEVU", model: "LE3 (quote)")
        let out = try saved(
            template,
            [
                "camera.price": "$899", "dock.price": "$150", "storage.model": "on-site", "storage.setup": "3,000",
                "availability.status": "available now", "video.pre_event_audio": "yes", "quote_date": "04/20/2015",
                SpecForm.newSource: "E-mail from VIEVU sales", SpecForm.newSourceDate: "Apr 20 2015",
            ])
        // Each meaning stays in its column, in line with the commented keys around it.
        #expect(
            out.contains(
                "\n[camera]\nprice = 899                        # dollars per camera, or a range; ranked on its middle\n# accessories = 0                  # dollars"
            ))
        #expect(out.contains("\n[dock]\nprice = 150                        # dollars per dock\n"))
        #expect(out.contains("\nsetup = 3000                       # one-time software or setup, dollars\n"))
        #expect(
            out.contains(
                "\nmodel = \"on-premises\"              # \"cloud\", \"on-premises\" or \"existing-backend\"\n"))
        #expect(out.contains("\nstatus = \"shipping\"                # \"shipping\" or \"announced\"\n"))
        #expect(out.contains("\nquote_date = 2015-04-20            # when these figures were gathered\n"))
        #expect(out.contains("\npre_event_audio = true\n"))
        #expect(out.contains("\nsources = [\n  { text = \"E-mail from VIEVU sales\", date = 2015-04-20 },\n]\n"))
        // The rest of the template's comments are still there.
        #expect(out.contains("# per_user_per_month = 55"))
        let loaded = SpecDecoder.product(Array(out.utf8), file: "q.toml", id: "q")
        #expect(loaded.diagnostics.isEmpty)
        let p = try #require(loaded.value)
        #expect(p.cameraPrice == Estimate(899))
        #expect(p.dockPrice == 150)
        #expect(p.setupCost == 3000)
        #expect(p.storageModel == .onPremises)
        #expect(p.status == .shipping)
        #expect(p.preEventAudio == true)
        #expect(p.sourceEntries.map(\.text) == ["E-mail from VIEVU sales"])
    }

    /// Editing a spec: a changed value is replaced in place, an emptied one is taken out with
    /// its line, a new source is added to a list written over several lines, and every
    /// comment stays.
    @Test func editingKeepsCommentsAndOrder() throws {
        let text = """
            # VIEVU LE3.
            vendor = "VIEVU"
            model = "LE3"
            sources = [
              { text = "wiltonbulletin.com", date = 2015-01-15 }, # the quote
              "animalnewyork.com",
            ]
            notes = "old"

            [camera]
            price = 899 # quoted each
            accessories = 20

            [video]
            resolution = "720p"

            """
        let out = try saved(
            text,
            [
                "camera.price": "850-900", "camera.accessories": "", "video.gb_per_hour": "2.7", "notes": "",
                SpecForm.newSource: "Phone call", SpecForm.newSourceDate: "",
            ])
        #expect(
            out == """
                # VIEVU LE3.
                vendor = "VIEVU"
                model = "LE3"
                sources = [
                  { text = "wiltonbulletin.com", date = 2015-01-15 }, # the quote
                  "animalnewyork.com",
                  { text = "Phone call" },
                ]

                [camera]
                price = [850, 900] # quoted each

                [video]
                resolution = "720p"
                gb_per_hour = 2.7

                """)
    }

    @Test func anUnchangedFormMakesNoEdits() throws {
        let text = "vendor = \"VIEVU\"\nsources = [\"a\"]\n[camera]\nprice = 899\n[integration]\ncar_triggers = false\n"
        let root = try TOML.parse(text, file: "x.toml").root
        let inputs = SpecForm.inputs(from: root)
        #expect(inputs["camera.price"] == "899")
        #expect(inputs["integration.car_triggers"] == "no")
        #expect(SpecForm.edits(inputs: inputs, original: inputs).isEmpty)
    }

    /// A new source is added as text: the other sources stay exactly as they were written
    /// (issue 20 item 8: the list used to be written again from its parsed values).
    @Test func aSourceIsAddedToAListOnOneLine() throws {
        let out = try saved("vendor = \"V\"\nsources = [\"a\", 'b'] # two\n", [SpecForm.newSource: "c"])
        #expect(out == "vendor = \"V\"\nsources = [\"a\", 'b', { text = \"c\" }] # two\n")
        let trailing = try saved("vendor = \"V\"\nsources = [\"a\", ]\n", [SpecForm.newSource: "c"])
        #expect(trailing == "vendor = \"V\"\nsources = [\"a\", { text = \"c\" } ]\n")
        let empty = try saved("vendor = \"V\"\nsources = []\n", [SpecForm.newSource: "c"])
        #expect(empty == "vendor = \"V\"\nsources = [{ text = \"c\" }]\n")
        let single = try saved("vendor = \"V\"\nsources = 'a web page' # one\n", [SpecForm.newSource: "c"])
        #expect(single == "vendor = \"V\"\nsources = ['a web page', { text = \"c\" }] # one\n")
        let added = try saved("vendor = \"V\"\n", [SpecForm.newSource: "c", SpecForm.newSourceDate: "2015-01-02"])
        #expect(added == "vendor = \"V\"\nsources = [\n  { text = \"c\", date = 2015-01-02 },\n]\n")
    }

    /// The three sources that were changed by adding a fourth: a quoted dotted key, a
    /// local time and a quoted key with a space are kept as written, and the file still loads.
    @Test func addingASourceKeepsTheOthersAsWritten() throws {
        let text = """
            vendor = "V"
            model = "M"
            sources = [{ text = "call", "a.b" = 1 }, { text = "visit", at = 09:30:00 }, { text = "memo", "the key" = 2 }]

            """
        let out = try saved(text, [SpecForm.newSource: "e-mail"])
        #expect(
            out == """
                vendor = "V"
                model = "M"
                sources = [{ text = "call", "a.b" = 1 }, { text = "visit", at = 09:30:00 }, { text = "memo", "the key" = 2 }, { text = "e-mail" }]

                """)
        #expect(try TOML.parse(out, file: "x.toml").root["sources"] != nil)
    }

    /// A file that starts with a byte order mark: a value on its first line can be changed, and
    /// the mark is kept.
    @Test func aValueOnTheFirstLineOfAFileWithAByteOrderMarkIsEdited() throws {
        let out = try saved("\u{FEFF}vendor = \"V\"\nmodel = \"M\"\n", ["vendor": "W"])
        #expect(out == "\u{FEFF}vendor = \"W\"\nmodel = \"M\"\n")
    }

    /// The form takes what the decoder takes: notes up to 5,000 characters, a summary up to
    /// 2,000, line breaks in both (stored as \n); a vendor name still stops at 100.
    @Test func theFormsLimitsAreTheDecodersLimits() {
        let notes = SpecForm.fields.first { $0.path == SpecKey.notes.path }!.kind
        let summary = SpecForm.fields.first { $0.path == SpecKey.summary.path }!.kind
        let vendor = SpecForm.fields.first { $0.path == SpecKey.vendor.path }!.kind
        #expect(notes == .text(maxLength: 5000, lineBreaks: true))
        #expect(summary == .text(maxLength: 2000, lineBreaks: true))
        #expect(vendor == .text(maxLength: 100, lineBreaks: false))
        #expect(stored(String(repeating: "x", count: 5000), notes) != nil)
        #expect(refusal(String(repeating: "x", count: 5001), notes) == "at most 5000 characters; this has 5001")
        #expect(stored("line one\nline two", notes) == "\"line one\\nline two\"")
        #expect(refusal("Acme\nInc", vendor) == "remove the control character U+000A from the text")
        #expect(stored(String(repeating: "s", count: 1500), summary) != nil)
    }

    /// Issue 23, item 2: figures as vendors write them, each stored in the field's own unit or
    /// refused with the exact thing to type and the field that takes it.
    @Test func quotesAreReadAsVendorsWriteThem() {
        func field(_ key: SpecKey) -> SpecForm.Field { SpecForm.fields.first { $0.path == key.path }! }
        let quote = TOMLDate(year: 2015, month: 4, day: 24)
        func read(_ text: String, _ key: SpecKey) -> SpecForm.Reading {
            SpecForm.read(text, field: field(key), quoteDate: quote)
        }
        func stored(_ text: String, _ key: SpecKey) -> String? {
            if case .value(let literal, _) = read(text, key) { return literal }
            return nil
        }
        func refused(_ text: String, _ key: SpecKey) -> String? {
            if case .refused(let m) = read(text, key) { return m }
            return nil
        }
        // A number with its unit word.
        #expect(stored("2 years", .warrantyYears) == "2")
        #expect(stored("2 year warranty", .warrantyYears) == "2")
        #expect(stored("2-year", .warrantyYears) == "2")
        #expect(stored("5 hours", .batteryHours) == "5")
        #expect(stored("12 hours of recording", .batteryHours) == "12")
        #expect(stored("60 GB", .includedGBPerUser) == "60")
        #expect(stored("1 TB", .includedGBPerUser) == "1000")
        #expect(stored("30 s", .preEventSeconds) == "30")
        #expect(refused("5 hours", .warrantyYears) == "Warranty takes years; \"5 hours\" is hours: it goes in Battery")
        // Free, and unlimited where a limit is asked.
        #expect(stored("free", .setup) == "0")
        #expect(stored("included", .dockPrice) == "0")
        #expect(stored("No charge", .setup) == "0")
        #expect(stored("unlimited", .includedGBPerUser) == "\"unlimited\"")
        // A price with its basis: into its field, or the message naming the field that takes it.
        #expect(stored("$39 per officer per month", .perUserPerMonth) == "39")
        #expect(
            refused("$39 per officer per month", .perCameraPerMonth)
                == "\"$39 per officer per month\" is per officer or user: it goes in Per user ($ per user-month), not Per camera"
        )
        #expect(stored("$795 per camera", .cameraPrice) == "795")
        #expect(stored("$250 per 5-bay dock", .dockPrice) == "250")
        #expect(
            read("$250 per 5-bay dock", .dockPrice)
                == .value(literal: "250", shown: "$250 (a 5-bay dock: type 5 in Cameras per dock)"))
        #expect(
            refused("$1,500 a year", .perCameraPerMonth)
                == "Per camera is $ per camera-month; \"$1,500 a year\" is a year: type $125")
        #expect(stored("$60 a year", .extendedWarranty) == "60")
        #expect(
            refused("$5 a month", .extendedWarranty)
                == "Extended warranty is $ per camera-year; \"$5 a month\" is a month: type $60")
        // Hosting, in any common wording.
        for text in ["on your own server", "on our own server", "your server", "on-site", "on the department's server"]
        {
            #expect(stored(text, .storageModel) == "\"on-premises\"", "\(text)")
        }
        for text in ["hosted by the vendor", "Evidence.com", "in the cloud"] {
            #expect(stored(text, .storageModel) == "\"cloud\"", "\(text)")
        }
        #expect(stored("on the existing Arbitrator back-end", .storageModel) == "\"existing-backend\"")
        // A lead time from the quote date, shown as the date it means.
        #expect(
            read("ships in 2 weeks", .availabilityDate)
                == .value(literal: "2015-05-08", shown: "2015-05-08 (2 weeks from the quote of 2015-04-24)"))
        #expect(stored("30 days after order", .availabilityDate) == "2015-05-24")
        #expect(stored("in three to four months", .availabilityDate) == "[2015-07-24, 2015-08-24]")
        #expect(
            SpecForm.read("ships in 2 weeks", field: field(.availabilityDate), quoteDate: nil)
                == .refused("a lead time counts from the quote date: fill in Quote date first, or type the date"))
        // What it cannot read, it says with the exact thing to type.
        #expect(
            refused("$39 per banana", .perUserPerMonth)
                == "\"banana\" is not a basis this field reads: type the figure $ per user-month")
    }

    /// "unlimited" included storage, as the form stores it, is read: no overage at any volume;
    /// included storage left out is counted as none, and the working says so.
    @Test func unlimitedStorageIsReadAndUnstatedStorageIsSaid() throws {
        let base =
            "vendor = \"V\"\nmodel = \"M\"\n[camera]\nprice = 500\n[video]\ngb_per_hour = 1.5\n[storage]\nmodel = \"cloud\"\noverage_per_gb_month = 0.05\n"
        let unlimited = try #require(
            SpecDecoder.product(Array((base + "included_gb_per_user = \"unlimited\"\n").utf8), file: "u.toml", id: "u")
                .value)
        #expect(unlimited.includedGBPerUser == .infinity)
        let silent = try #require(SpecDecoder.product(Array(base.utf8), file: "s.toml", id: "s").value)
        let a = Assessment.assess([unlimited, silent], profile: wilton())
        #expect(a[0].cost.overagePerYear == 0)
        #expect(
            a[0].working(.cost).map(\.text).contains(
                "cloud storage: unlimited, included in the licence: no extra storage charge"))
        #expect(a[1].cost.overagePerYear > 0)
        #expect(
            a[1].working(.cost).map(\.text).contains {
                $0.hasPrefix("cloud storage (included storage not stated: counted as none): ")
            })
    }

    /// Issue 23: an empty field's help says what it does: the server estimate that is charged
    /// (it said "shown as unknown, never as 0"), none bought, counted as none.
    @Test func anEmptyFieldSaysWhatItDoes() {
        func field(_ key: SpecKey) -> SpecForm.Field { SpecForm.fields.first { $0.path == key.path }! }
        let market = bundledMarket
        #expect(
            SpecForm.whenEmpty(field(.serverPrice), market: market, hosting: .onPremises)
                == "Left out: estimated at $4,000-$10,000 from the market reference (marked ~); the letters ask for it."
        )
        #expect(
            SpecForm.whenEmpty(field(.serverPrice), market: market, hosting: .cloud)
                == "Left out: a cloud plan needs no server.")
        #expect(
            SpecForm.whenEmpty(field(.perCameraPerMonth), market: market, hosting: .cloud)
                == "Left out: estimated at $12.90-$122.46 a camera a month from the market reference (marked ~); the letters ask for it."
        )
        #expect(
            SpecForm.whenEmpty(field(.accessories), market: market, hosting: nil)
                == "Left out: none bought ($0), as when a quote lists none.")
        #expect(
            SpecForm.whenEmpty(field(.cameraPrice), market: nil, hosting: nil)
                == "Left out: unknown (no market estimate): never counted as $0; the letters ask for it.")
    }

    @Test func fileNamesComeFromVendorAndModel() {
        #expect(SpecForm.fileName(vendor: "VIEVU", model: "LE3 (quote)") == "vievu-le3-quote.toml")
        #expect(SpecForm.fileName(vendor: "", model: "Département") == "d-partement.toml")
        #expect(SpecForm.fileName(vendor: "", model: "") == "product.toml")
    }
}
