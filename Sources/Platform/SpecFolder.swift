import Evaluation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a vendors folder holds: the profile, the products that loaded, and every problem.
public struct FolderContents: Sendable {
    public var profile: Profile?
    /// The market reference (`market.toml`), when the folder has one that loads.
    public var market: MarketReference?
    public var products: [Product]
    public var diagnostics: [Diagnostic]
    /// Each spec file's size and modification time, to notice changes without reading them.
    public var stamps: [String: FileStamp]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    /// Files with at least one error (so they were not loaded).
    public var brokenFiles: [String] {
        var seen: [String] = []
        for d in diagnostics where d.severity == .error && !seen.contains(d.file) { seen.append(d.file) }
        return seen
    }
}

/// Size and modification time of a file.
public struct FileStamp: Equatable, Sendable {
    public var size: Int
    public var modified: Int
    public var modifiedNanos: Int
}

/// Reads spec files from disk, refusing what is not a regular UTF-8 text file of sane size.
public enum SpecFolder {
    public static let maximumFileSize = 1 << 20
    public static let profileName = "department.toml"

    /// Runs `body` holding `folder`'s lock (`.lineup.lock`, an advisory `flock` every Lineup
    /// takes to save, and to log changes made outside it). Not reentrant.
    public static func withLock<T>(_ folder: String, _ body: () -> T) -> T {
        let fd = open(join(folder, ".lineup.lock"), O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd >= 0 { while flock(fd, LOCK_EX) != 0 && errno == EINTR {} }
        defer {
            if fd >= 0 {
                flock(fd, LOCK_UN)
                close(fd)
            }
        }
        return body()
    }

    /// Joins a folder and a name without doubling the slash.
    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Names of the `*.toml` entries in `folder`, sorted, or a diagnostic about the folder.
    public static func tomlNames(in folder: String) -> Result<[String], Diagnostic> {
        tomlEntries(in: folder).map { $0.map(\.name) }
    }

    /// The same, each with whether the listing says it is a regular file (then `read` opens it
    /// at once, without a `lstat` first: a path lookup less per file).
    static func tomlEntries(in folder: String) -> Result<[(name: String, regular: Bool)], Diagnostic> {
        var st = stat()
        guard stat(folder, &st) == 0 else {
            let why =
                errno == ENOENT ? "the folder does not exist" : errno == EACCES ? "permission denied" : describe(errno)
            return .failure(Diagnostic(file: folder, message: "cannot open the vendors folder: \(why)"))
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            return .failure(
                Diagnostic(file: folder, message: "is not a folder; give the folder that holds the spec files"))
        }
        guard let dir = opendir(folder) else {
            return .failure(
                Diagnostic(
                    file: folder,
                    message:
                        "cannot open the vendors folder: \(errno == EACCES ? "permission denied" : describe(errno))"))
        }
        defer { closedir(dir) }
        var names: [(name: String, regular: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { c in
                    let bytes = UnsafeBufferPointer(
                        start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
                    // An ASCII name is its own text; any other goes through the path decoder.
                    return bytes.allSatisfy { $0 < 0x80 }
                        ? String(decoding: bytes, as: UTF8.self) : PathText.string(bytes)
                }
            }
            // LOUD.TOML is a spec too; hidden files (the history, temporary files) never are.
            if isSpecName(name) { names.append((name, entry.pointee.d_type == UInt8(DT_REG))) }
        }
        return .success(names.sorted { $0.name < $1.name })
    }

    /// `*.toml` in any case, not hidden.
    public static func isSpecName(_ name: String) -> Bool {
        name.utf8.count > 5 && !name.hasPrefix(".") && name.lowercased().hasSuffix(".toml")
    }

    /// The last component of a path: `vendors/axon-body.toml` -> `axon-body.toml`.
    public static func fileName(of path: String) -> String {
        // The last part between slashes (trailing slashes aside), without splitting the whole path.
        let bytes = path.utf8
        guard let end = bytes.lastIndex(where: { $0 != UInt8(ascii: "/") }) else { return path }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    /// The product id of a spec file name: the name without its extension.
    static func id(ofFileNamed name: String) -> String { String(name.dropLast(5)) }

    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "it does not exist"
        case ELOOP: return "a symbolic link loop"
        case EISDIR: return "it is a folder"
        case ENAMETOOLONG: return "the path is too long"
        case EIO: return "an input/output error"
        default: return String(cString: strerror(code))
        }
    }

    /// Reads a spec file's bytes: regular files only, at most 1 MiB. Never blocks on a FIFO or
    /// device. A symbolic link is followed only when `followLinks` is true and, if `within` is
    /// given, only to a file inside that folder (a spec folder from a shared drive must not
    /// make Lineup read, and echo in its messages, files elsewhere).
    /// With `listedRegular` (the folder's listing said it is a regular file) it is opened at
    /// once, never following a link, and `fstat` confirms it; a link put there since the listing
    /// takes the careful path.
    public static func read(
        _ path: String, followLinks: Bool = true, within: String? = nil, maximumSize: Int = maximumFileSize,
        listedRegular: Bool = false
    ) -> Result<
        (bytes: [UInt8], stamp: FileStamp), Diagnostic
    > {
        if listedRegular {
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
            if fd >= 0 { return read(opened: fd, path, maximumSize: maximumSize) }
            if errno != ELOOP {
                let missing = errno == ENOENT
                return .failure(
                    Diagnostic(
                        file: path, message: "cannot be read: \(describe(errno))", kind: missing ? .missing : .invalid))
            }
        }
        var st = stat()
        if lstat(path, &st) != 0 {
            let missing = errno == ENOENT
            return .failure(
                Diagnostic(
                    file: path, message: "cannot be read: \(describe(errno))", kind: missing ? .missing : .invalid))
        }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard followLinks else {
                return .failure(
                    Diagnostic(
                        file: path, message: "is a symbolic link; Lineup does not follow links for its own files"))
            }
            if let within, !resolves(path, inside: within) {
                return .failure(
                    Diagnostic(
                        file: path,
                        message:
                            "is a symbolic link to a file outside the vendors folder; links out of the folder are not followed, so it is not ranked"
                    ))
            }
            if stat(path, &st) != 0 {
                let why = errno == ENOENT ? "it is a symbolic link to nothing" : describe(errno)
                return .failure(Diagnostic(file: path, message: "cannot be read: \(why)"))
            }
        }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what: String
            switch kind {
            case S_IFDIR: what = "a folder"
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFCHR: what = "a character device"
            case S_IFBLK: what = "a block device"
            case S_IFSOCK: what = "a socket"
            default: what = "not a regular file"
            }
            return .failure(Diagnostic(file: path, message: "is \(what), not a spec file; only regular files are read"))
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return .failure(Diagnostic(file: path, message: "cannot be read: \(describe(errno))")) }
        return read(opened: fd, path, maximumSize: maximumSize)
    }

    /// Reads the open file `fd` (and closes it): a regular file only, at most `maximumSize`.
    static func read(opened fd: Int32, _ path: String, maximumSize: Int) -> Result<
        (bytes: [UInt8], stamp: FileStamp), Diagnostic
    > {
        defer { close(fd) }
        var fst = stat()
        guard fstat(fd, &fst) == 0, (fst.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Diagnostic(file: path, message: "changed while being read; try again"))
        }
        guard Int(fst.st_size) <= maximumSize else {
            return .failure(
                Diagnostic(
                    file: path, message: "is larger than 1 MiB (\(fst.st_size) bytes); a spec file is a few kilobytes"))
        }
        // Read straight into the result, sized by fstat plus one byte: a regular file's short
        // read is its end, so one read does (no 64 KB buffer, no copy); a file that grew meanwhile
        // is read on until its end or the limit.
        var bytes = [UInt8](repeating: 0, count: min(maximumSize + 1, Int(fst.st_size) + 1))
        var used = 0
        while used <= maximumSize {
            if used == bytes.count { bytes += repeatElement(0, count: 65536) }
            let wanted = bytes.count - used
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + used, wanted) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Diagnostic(file: path, message: "cannot be read: \(describe(errno))"))
            }
            used += n
            if n < wanted { break }
        }
        bytes.removeLast(bytes.count - used)
        guard bytes.count <= maximumSize else {
            return .failure(Diagnostic(file: path, message: "is larger than 1 MiB; a spec file is a few kilobytes"))
        }
        return .success((bytes, stamp(fst)))
    }

    /// True when the link at `path` ends at a file inside `folder` (both resolved).
    static func resolves(_ path: String, inside folder: String) -> Bool {
        var a = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        var b = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        // A dangling link is reported by the stat below; let it through here.
        guard realpath(path, &a) != nil else { return true }
        guard realpath(folder, &b) != nil else { return false }
        let target = decodeCString(a)
        let root = decodeCString(b)
        return target.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func stamp(_ st: stat) -> FileStamp {
        FileStamp(size: Int(st.st_size), modified: Int(st.st_mtim.tv_sec), modifiedNanos: Int(st.st_mtim.tv_nsec))
    }

    /// How long a changed file that ends mid-line is taken to be still being written.
    public static let midLineSeconds = 10

    /// The changed files (their stamps differ from `before`) that look half-written: the last
    /// byte is not a line break and the file changed less than `midLineSeconds` before `now`
    /// (seconds since 1970). A writer that pauses longer than the settling time would
    /// otherwise get `price = 8` ranked before `99` arrives; editors end files with a line break.
    public static func stillBeingWritten(
        _ current: [String: FileStamp], before: [String: FileStamp], now: Int
    ) -> [String] {
        current.filter { path, stamp in
            stamp != before[path] && now - stamp.modified < midLineSeconds && endsMidLine(path)
        }.map(\.key).sorted()
    }

    /// Whether the file's last byte is something other than a line break (an empty file does not).
    static func endsMidLine(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0 else { return false }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, st.st_size - 1) == 1 else { return false }
        return last != UInt8(ascii: "\n")
    }

    /// The stamp of one file, or nil when it cannot be stat'ed.
    public static func stamps(of path: String) -> FileStamp? {
        var st = stat()
        return stat(path, &st) == 0 ? stamp(st) : nil
    }

    /// Stamps of every `*.toml` in `folder` (plus the profile), cheap enough to poll.
    public static func stamps(folder: String, profilePath: String) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        var paths = (try? tomlNames(in: folder).get())?.map { join(folder, $0) } ?? []
        if !paths.contains(profilePath) { paths.append(profilePath) }
        let evaluations = join(folder, SpecDecoder.evaluationsFolder)
        paths += (try? tomlNames(in: evaluations).get())?.map { join(evaluations, $0) } ?? []
        for path in paths {
            var st = stat()
            if stat(path, &st) == 0 { out[path] = stamp(st) }
        }
        return out
    }

    typealias ProductOutcome = Result<(Loaded<Product>, FileStamp, String), Diagnostic>

    /// Reads and decodes product files, in parallel when there are many; results keep the
    /// order of `paths`.
    static func readProducts(_ paths: [String], folder: String, regular: [Bool] = []) -> [ProductOutcome] {
        @Sendable func one(_ k: Int) -> ProductOutcome {
            let path = paths[k]
            return read(path, within: folder, listedRegular: k < regular.count && regular[k]).map { bytes, stamp in
                (SpecDecoder.product(bytes, file: path, id: id(ofFileNamed: fileName(of: path))), stamp, path)
            }
        }
        if paths.count < 64 { return paths.indices.map(one) }
        return Parallel.map(paths.count, one)
    }

    /// The default profile path for a vendors folder.
    public static func defaultProfile(for folder: String) -> String { join(folder, profileName) }

    /// Loads the whole folder: one bad file never hides the good ones.
    public static func load(folder: String, profilePath: String? = nil) -> FolderContents {
        let profilePath = profilePath ?? defaultProfile(for: folder)
        var contents = FolderContents(profile: nil, products: [], diagnostics: [], stamps: [:])
        // Only a .toml file is read as the profile: `--profile /proc/self/environ` must not make a
        // message quote the environment.
        let profileRead =
            fileName(of: profilePath).lowercased().hasSuffix(".toml")
            // The folder's own profile is read like a spec: a link is followed only to a file
            // inside the folder (a link to /proc/self/environ must not put the environment in
            // a message); a profile named on the command line is the user's choice.
            ? (profilePath == defaultProfile(for: folder) ? read(profilePath, within: folder) : read(profilePath))
            : .failure(
                Diagnostic(
                    file: profilePath, message: "is not a .toml file; the profile is a TOML file like department.toml"))
        switch profileRead {
        case .failure(var d):
            if d.kind == .missing {
                d.message =
                    "the department profile is missing; create it (see Sources/Lineup/Lineup.docc/SpecFiles.md, 'The department profile')"
            }
            contents.diagnostics.append(d)
        case .success(let (bytes, stamp)):
            contents.stamps[profilePath] = stamp
            let loaded = SpecDecoder.profile(bytes, file: profilePath)
            contents.profile = loaded.value
            contents.diagnostics += loaded.diagnostics
        }
        // The market reference, a reserved name like the profile: ranges for what specs leave out.
        let marketPath = join(folder, SpecDecoder.marketName)
        var st = stat()
        if lstat(marketPath, &st) == 0 {
            switch read(marketPath, within: folder) {
            case .failure(let d): contents.diagnostics.append(d)
            case .success(let (bytes, stamp)):
                contents.stamps[marketPath] = stamp
                let loaded = SpecDecoder.market(bytes, file: marketPath)
                contents.diagnostics += loaded.diagnostics
                contents.market = loaded.value
                // Purchases published after the evaluation date were not knowable then.
                if let date = contents.profile?.evaluationDate {
                    contents.profile?.market = loaded.value?.knownBy(date)
                }
            }
        }
        switch tomlEntries(in: folder) {
        case .failure(let d):
            contents.diagnostics.append(d)
        case .success(let entries):
            let specs = entries.map { (path: join(folder, $0.name), regular: $0.regular) }.filter {
                $0.path != profilePath && !$0.path.hasSuffix("/" + profileName)
                    && !$0.path.hasSuffix("/" + SpecDecoder.marketName)
            }
            let paths = specs.map(\.path)
            for outcome in readProducts(paths, folder: folder, regular: specs.map(\.regular)) {
                switch outcome {
                case .failure(let d): contents.diagnostics.append(d)
                case .success(let (loaded, stamp, path)):
                    contents.stamps[path] = stamp
                    if let p = loaded.value { contents.products.append(p) }
                    contents.diagnostics += loaded.diagnostics
                }
            }
            contents.diagnostics += duplicates(contents.products)
            loadCommittee(folder: folder, productIDs: paths.map { id(ofFileNamed: fileName(of: $0)) }, into: &contents)
            if let profile = contents.profile {
                contents.diagnostics += SourceDates.check(
                    products: contents.products, market: contents.market, profile: profile)
            }
        }
        // A change made outside Lineup since the audit log's last line: logged and named.
        contents.diagnostics += AuditLog(folder: folder).noticeOutsideChanges()
        return contents
    }

    /// The committee's files (`evaluations/*.toml`): each evaluator's scores and the chair's
    /// consensus, attached to the profile's committee. One bad file never hides the others.
    static func loadCommittee(folder: String, productIDs: [String], into contents: inout FolderContents) {
        let evaluations = join(folder, SpecDecoder.evaluationsFolder)
        var st = stat()
        guard lstat(evaluations, &st) == 0 else { return }
        guard let committee = contents.profile?.committee else {
            if contents.profile != nil {
                contents.diagnostics.append(
                    Diagnostic(
                        file: evaluations, severity: .warning,
                        message: "is ignored: the profile has no [committee] with judged criteria"))
            }
            return
        }
        let names: [String]
        switch tomlNames(in: evaluations) {
        case .failure(let d):
            contents.diagnostics.append(d)
            return
        case .success(let n): names = n
        }
        var evaluators: [Evaluator] = []
        var consensus: [ConsensusScore] = []
        // Each file read and decoded on its own (on every core), the results taken in name order.
        enum Outcome: Sendable {
            case failed(Diagnostic)
            case evaluator(Loaded<Evaluator>, FileStamp)
            case consensus(Loaded<[ConsensusScore]>, FileStamp)
        }
        let outcomes: [Outcome] = Parallel.map(names.count) { k in
            let name = names[k]
            let path = join(evaluations, name)
            switch read(path, within: folder) {
            case .failure(let d): return .failed(d)
            case .success(let (bytes, stamp)):
                if name == SpecDecoder.consensusName {
                    return .consensus(
                        SpecDecoder.consensus(bytes, file: path, committee: committee, products: productIDs), stamp)
                }
                return .evaluator(
                    SpecDecoder.evaluator(
                        bytes, file: path, id: id(ofFileNamed: name), committee: committee, products: productIDs),
                    stamp)
            }
        }
        for (name, outcome) in zip(names, outcomes) {
            let path = join(evaluations, name)
            switch outcome {
            case .failed(let d): contents.diagnostics.append(d)
            case .consensus(let loaded, let stamp):
                contents.stamps[path] = stamp
                contents.diagnostics += loaded.diagnostics
                consensus = loaded.value ?? []
            case .evaluator(let loaded, let stamp):
                contents.stamps[path] = stamp
                contents.diagnostics += loaded.diagnostics
                if let e = loaded.value { evaluators.append(e) }
            }
        }
        contents.profile?.committee = committee.with(evaluators: evaluators, consensus: consensus)
    }

    /// A warning for each product whose vendor and model repeat an earlier file's: two
    /// identical rows would otherwise look like one product counted twice.
    /// Vendor and model in lower case, joined by a NUL: two files with the same key name the
    /// same product. ASCII (the common case) is lowered byte by byte into one string.
    static func sameProductKey(_ vendor: String, _ model: String) -> String {
        let (v, m) = (vendor.utf8, model.utf8)
        guard v.allSatisfy({ $0 < 0x80 }) && m.allSatisfy({ $0 < 0x80 }) else {
            return vendor.lowercased() + "\u{0}" + model.lowercased()
        }
        return String(unsafeUninitializedCapacity: v.count + 1 + m.count) { out in
            var i = 0
            for b in v {
                out[i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                i += 1
            }
            out[i] = 0
            i += 1
            for b in m {
                out[i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                i += 1
            }
            return i
        }
    }

    static func duplicates(_ products: [Product]) -> [Diagnostic] {
        var firstFile: [String: String] = [:]
        firstFile.reserveCapacity(products.count)
        var out: [Diagnostic] = []
        // Ids that differ in bytes but not to Swift's ==: café in NFC and in NFD.
        var ids: [String: (id: String, file: String)] = [:]
        ids.reserveCapacity(products.count)
        // One hash each for the common case (a new id, a new product); products read in place.
        for i in products.indices {
            let (id, file) = (products[i].id, products[i].file)
            if let other = ids.updateValue((id, file), forKey: id),
                !other.id.unicodeScalars.elementsEqual(id.unicodeScalars)
            {
                out.append(
                    Diagnostic(
                        file: file, severity: .warning,
                        message:
                            "its name reads the same as another file's (\(fileName(of: other.file))) but is spelt with different Unicode characters; rename one"
                    ))
            }
            let key = sameProductKey(products[i].vendor, products[i].model)
            if let earlier = firstFile.updateValue(file, forKey: key) {
                firstFile[key] = earlier
                out.append(
                    Diagnostic(
                        file: file, severity: .warning, field: "model",
                        message:
                            "names the same product as \(fileName(of: earlier)) (\(products[i].name)); both are ranked: remove or retire the older quote"
                    ))
            }
        }
        return out
    }
}
