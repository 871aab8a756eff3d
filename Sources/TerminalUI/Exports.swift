import Evaluation
import Report

/// What `e` writes: this view as CSV, or the board report.
public enum ExportKind: Equatable, Sendable {
    case viewCSV, reportHTML, reportMarkdown
}

extension AppState {
    /// What the CSV of the current view holds, in words for the prompt.
    public var exportWhat: String {
        switch screen {
        case .budget: return "the budget plan"
        case .compare: return "the comparison"
        case .questions: return "the questions"
        default: return "the ranking as shown"
        }
    }

    /// How many products the current view's CSV holds: the compared ones for the comparison
    /// (a column each), else every row shown.
    public var exportedProducts: Int {
        screen == .compare ? marked.filter { id in rows.contains { $0.id == id } }.count : rows.count
    }

    public func defaultExportName(_ kind: ExportKind) -> String {
        switch kind {
        case .reportHTML: return "lineup-report-\(today.text).html"
        case .reportMarkdown: return "lineup-report-\(today.text).md"
        case .viewCSV:
            switch screen {
            case .budget: return "lineup-budget-\(today.text).csv"
            case .compare: return "lineup-compare-\(today.text).csv"
            case .questions: return "lineup-questions-\(today.text).csv"
            default: return "lineup-ranking-\(today.text).csv"
            }
        }
    }

    /// The report of the lineup as the interface holds it now (weights, method, department
    /// figures, must-haves): byte for byte what `lineup report` writes for the same files,
    /// options and day.
    public var boardReport: BoardReport? {
        guard let profile, let ranking else { return nil }
        return BoardReport(ranking: ranking, profile: profile, today: today, options: simulationOptions)
    }

    /// The text `e` writes for `kind` from the current view.
    public func exportText(_ kind: ExportKind) -> String {
        switch kind {
        case .reportHTML: return boardReport?.html ?? ""
        case .reportMarkdown: return boardReport?.markdown ?? ""
        case .viewCSV: return viewCSV
        }
    }

    /// The CSV of the current view. The ranking (from the ranking and every view that shows it)
    /// has every column `lineup rank --format csv` has, the analyses computed if not yet shown.
    public var viewCSV: String {
        guard let ranking else { return "" }
        switch screen {
        case .budget:
            return RankingReport.budgetCSV(rows, ranking: ranking)
        case .compare:
            return CompareView.csv(self, ranking: ranking)
        case .questions:
            let report =
                questions
                ?? profile.map {
                    Questions.analyse(products, profile: $0, ranking: ranking, options: simulationOptions)
                }
            return report.map { RankingReport.questionsCSV($0, ranking: ranking) } ?? ""
        default:
            let simulation =
                self.simulation
                ?? (simulationOptions.draws > 0 && !ranking.entries.isEmpty
                    ? Simulation.run(ranking, options: simulationOptions) : nil)
            let sensitivity = self.sensitivity ?? (ranking.entries.isEmpty ? nil : Sensitivity.analyse(ranking))
            let extras = RankingReport.Extras(simulation: simulation, changes: changes, sensitivity: sensitivity)
            return RankingReport.csv(rows, extras: extras, ranking: ranking)
        }
    }
}

extension CompareView {
    /// The comparison as CSV: a row a field, a column a marked product.
    static func csv(_ state: AppState, ranking: Ranking) -> String {
        let entries = state.marked.compactMap { id in state.rows.first { $0.id == id } }
        let made = RankingReport.provenanceCells(ranking)
        return CSV.encode(
            header: ["field"] + entries.map(\.product.name) + RankingReport.provenanceFields,
            rows: rows.map { row in [.text(row.label)] + entries.map { .text(row.value($0).1) } + made })
    }
}
