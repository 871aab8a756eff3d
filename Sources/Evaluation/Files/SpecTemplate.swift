import TOML

/// The commented spec file `lineup new` writes: every key of `SpecKey.all`, in its order,
/// with an example value and what it means; vendor and model filled in.
public enum SpecTemplate {
    /// Each key's example and note (a key without one is written without a note).
    static let examples: [SpecKey: (example: String, note: String?)] = {
        var out: [SpecKey: (String, String?)] = [
            .summary: ("\"One sentence on what it is.\"", nil),
            .quoteDate: ("2015-04-21", "when these figures were gathered"),
            .sources: ("[\"where each figure came from\"]", nil),
            .notes: ("\"Anything a reader should know.\"", nil),
            .status: ("\"announced\"", "\"shipping\" or \"announced\""),
            .availabilityDate: ("[2015-07-21, 2015-08-21]", "a date, or [earliest, latest]; ranked on its middle day"),
            .cameraPrice: ("[800, 1000]", "dollars per camera, or a range; ranked on its middle"),
            .accessories: ("0", "dollars per camera (mounts, cables, batteries)"),
            .warrantyYears: ("1", nil),
            .extendedWarranty: ("0", "dollars per camera per year"),
            .dockPrice: ("0", "dollars per dock"),
            .camerasPerDock: ("1", nil),
            .resolution: ("\"720p\"", nil),
            .gbPerHour: ("1.0", "GB of video per recorded hour, at that resolution"),
            .fieldOfView: ("130", "degrees"),
            .batteryHours: ("12", nil),
            .preEventSeconds: ("30", nil),
            .preEventAudio: ("false", nil),
            .storageModel: ("\"cloud\"", "\"cloud\", \"on-premises\" or \"existing-backend\""),
            .perUserPerMonth: ("55", "dollars per licensed user per month (or a range)"),
            .perCameraPerMonth: ("0", "dollars per camera per month (or a range)"),
            .includedGBPerUser: ("60", "cloud storage included per user"),
            .overagePerGBMonth: ("0.125", "dollars per GB per month beyond what is included"),
            .serverPrice: ("0", "one-time server or disks (on-premises)"),
            .serverTB: ("0", "the server's capacity in TB (on-premises)"),
            .upkeepPerTBYear: ("0", "dollars per stored TB per year (on-premises, existing back-end)"),
            .setup: ("0", "one-time software or setup, dollars"),
            .contractYears: ("5", "years the licence or cloud contract runs"),
            .inCarSystem: ("\"Panasonic Arbitrator\"", "the in-car system these features work with"),
        ]
        for f in IntegrationFeature.allCases { out[.feature(f)] = ("false", nil) }
        out[.feature(.carTriggers)] = ("false", "lights or siren start recording")
        out[.feature(.sharedUpload)] = ("false", "same Wi-Fi or docks as the cars")
        return out
    }()

    public static func text(vendor: String, model: String) -> String {
        var out = """
            # A body-worn camera product for Lineup. Fill in what the vendor has published and leave
            # out (or keep commented) what is not known: unknown figures are shown as unknown and
            # scored by the rules in Sources/Lineup/Lineup.docc/Scoring.md ("Unknown figures"). Check with: lineup validate
            # The product is left out of the ranking until it gives at least a camera price or a status.

            """
        for section in [""] + SpecKey.sections {
            let keys = SpecKey.all.filter { $0.section == section }
            if !section.isEmpty { out += "\n[\(section)]\n" }
            // Notes line up in one column per table: two spaces after its longest noted key.
            let lines = keys.map { k -> (String, String?) in
                if k == .vendor { return ("vendor = \(quoted(vendor))", nil) }
                if k == .model { return ("model = \(quoted(model))", nil) }
                let e = examples[k] ?? ("", nil)
                return ("# \(k.key) = \(e.example)", e.note)
            }
            let column = max(35, (lines.filter { $0.1 != nil }.map { $0.0.count }.max() ?? 0) + 2)
            for (text, note) in lines {
                out += note.map { text.padding(to: column) + "# " + $0 } ?? text
                out += "\n"
            }
        }
        return out + "\n"
    }

    static func quoted(_ s: String) -> String { Quoting.toml(s) }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
