import TOML

/// Figures carry dates: a source published after the evaluation date could not have been
/// known then, and a quote older than the profile allows should be asked for again.
public enum SourceDates {
    /// Warnings for every product source, market figure and quote out of date, each with the
    /// file, line and column where it is written.
    public static func check(products: [Product], market: MarketReference?, profile: Profile) -> [Diagnostic] {
        let e = profile.evaluationDate
        var out: [Diagnostic] = []
        func late(_ d: TOMLDate) -> String {
            "published \(d.text), after the evaluation date \(e.text): not knowable then; move it to notes and leave out the figures it gave"
        }
        // A vendor's source or quote after the evaluation date: either the evaluation moves to
        // that day (the quote is what the comparison is for) or the source is hindsight.
        func choice(_ d: TOMLDate) -> String {
            "not knowable as of then: move evaluation_date to \(d.text) if the evaluation takes it in (the interface offers it), or keep it as hindsight"
        }
        for p in products {
            for s in p.sourceEntries {
                if let d = s.date, d.daysSinceEpoch > e.daysSinceEpoch {
                    var diagnostic = Diagnostic(
                        file: p.file, line: s.line, column: s.column, severity: .warning, field: "sources",
                        message: "published \(d.text), after the evaluation date \(e.text): " + choice(d),
                        kind: .afterEvaluation)
                    diagnostic.date = d
                    out.append(diagnostic)
                }
            }
            if let q = p.quoteDate {
                // Looked up only for a warning (a scan of the file's fields).
                var position: TOMLPosition? { p.positions["quote_date"] }
                if q.daysSinceEpoch > e.daysSinceEpoch {
                    var diagnostic = Diagnostic(
                        file: p.file, line: position?.line, column: position?.column, severity: .warning,
                        field: "quote_date",
                        message: "quote_date \(q.text) is after the evaluation date \(e.text): " + choice(q),
                        kind: .afterEvaluation)
                    diagnostic.date = q
                    out.append(diagnostic)
                } else if let age = profile.quoteMaxAgeDays, e.daysSinceEpoch - q.daysSinceEpoch > age {
                    out.append(
                        Diagnostic(
                            file: p.file, line: position?.line, column: position?.column, severity: .warning,
                            field: "quote_date",
                            message:
                                "the quote of \(q.text) is \(e.daysSinceEpoch - q.daysSinceEpoch) days old, more than the profile's \(age): ask for a fresh quote"
                        ))
                }
            }
        }
        if let m = market {
            for item in MarketItem.allCases where !m.derived.contains(item) {
                if let f = m[item], let d = f.date, d.daysSinceEpoch > e.daysSinceEpoch {
                    let at = m.datePositions[item]
                    out.append(
                        Diagnostic(
                            file: m.file, line: at?.line, column: at?.column, severity: .warning,
                            field: item.rawValue + ".date",
                            message: "\(item.rawValue): " + late(d)))
                }
            }
            for purchase in m.purchases where purchase.published.daysSinceEpoch > e.daysSinceEpoch {
                out.append(
                    Diagnostic(
                        file: m.file, severity: .warning, field: "purchase.published",
                        message:
                            "purchase \"\(SafeText.fitted(purchase.agency, 60))\" was published \(purchase.published.text), after the evaluation date \(e.text): not knowable then, left out of the ranges"
                    ))
            }
        }
        return out
    }
}
