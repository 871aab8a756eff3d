import ArgumentParser
import Evaluation
import Platform

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every spec file and the profile; one line per problem.",
        discussion: "Prints path:line:column: error|warning: message. Exits 0 when every file is valid, 1 otherwise.")

    @OptionGroup var folder: FolderOptions

    nonisolated(unsafe) static var keptUntilExit: FolderContents?

    func run() throws {
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        Console.report(contents.diagnostics, toStandardError: false)
        // A folder without a market reference gets a warning of its own, counted with the rest.
        let noMarket =
            contents.market == nil
            && !contents.diagnostics.contains(where: { $0.file.hasSuffix("/" + SpecDecoder.marketName) })
        if noMarket {
            Console.out(
                "\(SafeText.escaped(SpecFolder.join(folder.vendors, SpecDecoder.marketName))): warning: no market reference: what a spec leaves out is shown as unknown, not estimated (see Sources/Lineup/Lineup.docc/SpecFiles.md, 'The market reference')\n"
            )
        }
        let errors = contents.errorCount
        let warnings = contents.diagnostics.count - errors + (noMarket ? 1 : 0)
        let files = contents.stamps.count + contents.brokenFiles.filter { contents.stamps[$0] == nil }.count
        Console.err(
            "\(files) file(s) checked: \(contents.products.count) product(s) loaded, \(errors) error(s), \(warnings) warning(s)"
        )
        // The folder's contents are left for the process's exit to reclaim: freeing 10,000
        // decoded products one by one took longer than reading a tenth of them.
        Self.keptUntilExit = contents
        if errors > 0 { throw ExitCode.failure }
        if contents.products.isEmpty {
            Console.err(
                "error: no product was loaded from \(folder.vendors); there is nothing to rank (add spec files: lineup new ID)"
            )
            throw ExitCode.failure
        }
    }
}
