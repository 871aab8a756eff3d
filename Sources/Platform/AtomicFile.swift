#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a write failed, in a sentence.
public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason) (nothing was changed)" }
}

/// Writes a file so that a failure leaves the old one whole: a temporary file in the same
/// folder (created exclusively), written and synced, renamed over the target, then the
/// folder synced. A symbolic link is written through (the link stays), and an existing file
/// keeps its permissions.
public enum AtomicFile {
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
        default: return String(cString: strerror(code))
        }
    }

    /// Writes `bytes` to `path` atomically; returns the absolute path written.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) -> String {
        var target = absolute(path)
        var linkBuffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        // Follow a symbolic link so the link itself survives.
        for _ in 0..<8 {
            let n = readlink(target, &linkBuffer, linkBuffer.count - 1)
            guard n > 0 else { break }
            linkBuffer[n] = 0
            let dest = decodeCString(linkBuffer)
            target = dest.hasPrefix("/") ? dest : directory(of: target) + "/" + dest
        }
        var existing = stat()
        let hasOld = stat(target, &existing) == 0
        if hasOld && (existing.st_mode & S_IFMT) == S_IFDIR { throw WriteError(path: target, reason: "it is a folder") }
        let folder = directory(of: target)
        var template = Array((folder + "/.lineup-tmp-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw WriteError(path: target, reason: reason(errno)) }
        let temporary = decodeCString(template)
        func fail(_ code: Int32) -> WriteError {
            close(fd)
            unlink(temporary)
            return WriteError(path: target, reason: reason(code))
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(errno)
            }
            written += n
        }
        let mode: mode_t
        if hasOld {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        if fchmod(fd, mode) != 0 { throw fail(errno) }
        if fsync(fd) != 0 { throw fail(errno) }
        if close(fd) != 0 {
            unlink(temporary)
            throw WriteError(path: target, reason: reason(errno))
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: target, reason: reason(code))
        }
        let dfd = open(folder, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        return target
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// A NUL-terminated C buffer as a String (invalid UTF-8 repaired, for display only).
func decodeCString(_ buffer: [CChar]) -> String {
    let end = buffer.firstIndex(of: 0) ?? buffer.count
    return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
