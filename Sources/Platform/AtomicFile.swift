import Evaluation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a write failed, in a sentence.
public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(SafeText.escaped(path)): \(reason) (nothing was changed)" }
}

/// Writes a file so that a failure leaves the old one whole: a temporary file in the same
/// folder (created exclusively), written and synced, renamed over the target, then the
/// folder synced.
///
/// What is at the target decides how:
/// - nothing, or a regular file: the temporary file is renamed over it; an existing file keeps
///   its mode and owner. A read-only file (no write bit) is refused, and so is a file whose
///   owner Lineup cannot keep (it belongs to another user and we are not root).
/// - a character device, FIFO or socket (`/dev/null`, a named pipe, `/dev/stdout`): written
///   straight into, never replaced by a regular file. `-` is standard output.
/// - a folder: refused.
/// - a symbolic link: for a file the user named (`--output`, the profile) the link is followed
///   and survives; for a file Lineup owns (`.owned`: the history) it is refused, because a
///   planted link would let a vendor's folder aim Lineup's writes at any file.
public enum AtomicFile {
    public enum Target: Sendable {
        /// A file the user named: links are followed.
        case named
        /// A file Lineup owns (its history): never written through a link or onto anything but
        /// a regular file.
        case owned
    }

    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = decodeCString(buffer)
        return (cwd.hasSuffix("/") ? cwd : cwd + "/") + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "the disk is full"
        case EROFS: return "the folder is read-only"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "the folder does not exist"
        case ENOTDIR: return "part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case ELOOP: return "a symbolic link loop"
        case ENXIO: return "no program is reading from it"
        default: return String(cString: strerror(code))
        }
    }

    /// The prefix of Lineup's temporary files; `removeStaleTemporaries` knows them by it.
    public static let temporaryPrefix = ".lineup-tmp-"
    /// A temporary file older than this was left by a killed process (a write takes milliseconds).
    public static let staleAfterSeconds = 60

    /// Writes `bytes` to `path`; returns the path written (absolute, links resolved), or
    /// "standard output".
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, as target: Target = .named) throws(WriteError) -> String
    {
        if path == "-" {
            try writeAll(bytes, to: 1, path: "standard output")
            return "standard output"
        }
        var location = absolute(path)
        var info = stat()
        var exists = lstat(location, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFLNK {
            if target == .owned {
                throw WriteError(
                    path: location,
                    reason:
                        "it is a symbolic link, and Lineup never writes its own files through a link; remove the link")
            }
            // A link the user named: write to what it points at.
            if isStandardStream(location) {
                return try writeInPlace(bytes, to: location, append: true)
            }
            var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if realpath(location, &resolved) != nil {
                location = decodeCString(resolved)
                exists = lstat(location, &info) == 0
            } else if errno == ENOENT {
                // A link to a file not yet there: create it where the link points.
                location = danglingTarget(location) ?? location
                exists = false
            } else {
                throw WriteError(path: location, reason: reason(errno))
            }
        }
        if exists {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw WriteError(path: location, reason: "it is a folder")
            case S_IFCHR, S_IFIFO, S_IFSOCK:
                if target == .owned { throw WriteError(path: location, reason: "it is not a regular file") }
                return try writeInPlace(bytes, to: location, append: false)
            default: throw WriteError(path: location, reason: "it is not a regular file")
            }
            if info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 {
                throw WriteError(
                    path: location,
                    reason:
                        "the file is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); make it writable first"
                )
            }
        }
        let folder = directory(of: location)
        removeStaleTemporaries(in: folder)
        var template = (PathText.bytes(of: folder + "/" + temporaryPrefix + "XXXXXX") + [0]).map {
            CChar(bitPattern: $0)
        }
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw WriteError(path: location, reason: reason(errno)) }
        let temporary = decodeCString(template)
        func fail(_ why: String) -> WriteError {
            close(fd)
            unlink(temporary)
            return WriteError(path: location, reason: why)
        }
        do {
            try writeAll(bytes, to: fd, path: location)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        let mode: mode_t
        if exists {
            mode = info.st_mode & 0o7777
            // Keep the owner. As root this always works; as a user it fails for another user's file.
            if info.st_uid != geteuid() || info.st_gid != getegid() {
                if fchown(fd, info.st_uid, info.st_gid) != 0 {
                    throw fail(foreignOwner(info.st_uid, mode: info.st_mode))
                }
            }
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        if fchmod(fd, mode) != 0 { throw fail(reason(errno)) }
        if fsync(fd) != 0 { throw fail(reason(errno)) }
        if close(fd) != 0 {
            unlink(temporary)
            throw WriteError(path: location, reason: reason(errno))
        }
        // rename replaces the directory entry itself: a link planted meanwhile is replaced, never followed.
        if rename(temporary, location) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: location, reason: reason(code))
        }
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        return location
    }

    /// Why a file another user owns is not replaced, even when anyone may write to it: a save
    /// writes a new file and renames it over the old (so no one ever reads half of it), and the
    /// new file cannot be given that user's ownership.
    static func foreignOwner(_ uid: uid_t, mode: mode_t) -> String {
        let owner = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
        let writable = mode & S_IWOTH != 0 ? " Anyone may write to it, but" : ""
        return
            "it belongs to \(SafeText.escaped(owner)).\(writable) Lineup saves by replacing a file whole (so no one reads half of it) and cannot make the new file \(SafeText.escaped(owner))'s; save under another name, or have \(SafeText.escaped(owner)) give you the file (chown)"
    }

    /// `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/2`: names of a stream this process already has.
    static func isStandardStream(_ path: String) -> Bool {
        ["/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
    }

    /// Where a dangling link points (relative links resolved against the link's folder).
    static func danglingTarget(_ link: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let n = readlink(link, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        buffer[n] = 0
        let dest = decodeCString(buffer)
        return dest.hasPrefix("/") ? dest : directory(of: link) + "/" + dest
    }

    /// Writes into a device, FIFO or stream as it is: nothing to rename, nothing to replace.
    static func writeInPlace(_ bytes: [UInt8], to path: String, append: Bool) throws(WriteError) -> String {
        // O_NONBLOCK only for the open, so a FIFO with no reader fails at once instead of hanging.
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | (append ? O_APPEND : 0))
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        defer { close(fd) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try writeAll(bytes, to: fd, path: path)
        return path
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(WriteError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, reason: reason(errno))
            }
            written += n
        }
    }

    /// Deletes this user's `.lineup-tmp-*` regular files older than a minute in `folder`: what a
    /// `kill -9` in the middle of a write leaves behind. Returns how many were removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String, now: Int = time(nil)) -> Int {
        guard let dir = opendir(folder) else { return 0 }
        defer { closedir(dir) }
        var removed = 0
        let me = geteuid()
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) {
                    decodeCString(Array(UnsafeBufferPointer(start: $0, count: strlen($0))))
                }
            }
            guard name.hasPrefix(temporaryPrefix), name.utf8.count == temporaryPrefix.utf8.count + 6 else { continue }
            let path = folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == me,
                now - Int(st.st_mtim.tv_sec) > staleAfterSeconds
            else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
