import ArgumentParser
import Evaluation
import Platform

#if canImport(Glibc)
    import Glibc
#endif

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented spec file for a new product, to fill in.",
        discussion: "Refuses to overwrite an existing file.")

    @Argument(help: "The new product's id, used as its file name (letters, digits and -), e.g. watchguard-vista.")
    var id: String

    @Option(help: "The vendor's name.")
    var vendor: String = "Vendor"

    @Option(help: "The model's name.")
    var model: String = "Model"

    @OptionGroup var folder: FolderOptions

    var vendors: String { folder.vendors }

    func validate() throws {
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard !id.isEmpty, allowed, !id.hasPrefix("-") else {
            throw ValidationError(
                "the id must be lower-case letters, digits and -, like watchguard-vista; found \"\(SafeText.escaped(id))\""
            )
        }
        if id == "department" { throw ValidationError("department is the profile's name; choose another id") }
    }

    func run() throws {
        let path = SpecFolder.join(vendors, id + ".toml")
        let text = SpecTemplate.text(vendor: vendor, model: model)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            Console.err(
                code == EEXIST
                    ? "error: \(path) already exists; it was left unchanged"
                    : "error: cannot create \(path): \(String(cString: strerror(code)))")
            throw ExitCode.failure
        }
        var bytes = Array(text.utf8)
        let n = write(fd, &bytes, bytes.count)
        let ok = n == bytes.count && fsync(fd) == 0
        close(fd)
        guard ok else {
            unlink(path)
            Console.err("error: cannot write \(path)")
            throw ExitCode.failure
        }
        // Every save Lineup makes is in the audit log.
        do {
            try AuditLog(folder: vendors).record(
                .created, path: path, before: nil, after: bytes, who: AuditLog.systemUser())
        } catch {
            Console.err("warning: \(path) was created but the audit log could not be written: \(error)")
        }
        Console.out(
            "created \(AtomicFile.absolute(path))\nit is left out of the ranking until it gives a camera price or a status; fill it in, then check it with: \(Console.commandName) validate --vendors \(vendors)\n"
        )
    }
}
