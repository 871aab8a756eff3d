import ArgumentParser
import Evaluation
import Platform

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log: who changed which file and field, when, from what to what.",
        discussion: """
            Every save Lineup makes (a spec, the profile, an evaluator's scores, a consensus, a retire, \
            a restore, an undo) appends a line to vendors/\(AuditLog.name), chained to the line before \
            by its SHA-256; a change made outside Lineup is logged at the next load. With --verify, says \
            whether the chain is intact and every file is as its last line says, names the first line \
            or file that is not, and exits 1 then.
            """)

    @OptionGroup var folder: FolderOptions

    @Flag(help: "Check the chain and the files; exit 1 naming the first problem.")
    var verify = false

    func run() throws {
        let log = AuditLog(folder: folder.vendors)
        if verify {
            let problems = log.verify()
            guard problems.isEmpty else {
                for p in problems {
                    Console.out(
                        SafeText.escaped(SpecFolder.join(folder.vendors, AuditLog.name)) + ": "
                            + SafeText.escaped(p.description) + "\n")
                }
                throw ExitCode.failure
            }
            Console.out("\(log.entries().count) lines, chain intact; every file is as its last line says\n")
            return
        }
        guard log.exists else {
            Console.out(
                "No audit log yet: it begins at the first save Lineup makes in \(SafeText.escaped(folder.vendors)).\n")
            return
        }
        for e in log.entries() {
            var line = "\(e.time)  \(SafeText.escaped(e.who))  \(e.action.rawValue)  \(SafeText.escaped(e.file))"
            let changes = e.changes.map { c in
                "\(SafeText.escaped(c.field)): \(c.old.map(SafeText.escaped) ?? "(none)") -> \(c.new.map(SafeText.escaped) ?? "(none)")"
            }
            if !changes.isEmpty { line += "  " + changes.joined(separator: "; ") }
            Console.out(line + "\n")
        }
    }
}
