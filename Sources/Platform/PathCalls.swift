import Evaluation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The system calls this project makes on paths, taking a path `String` as `PathText` carries
// it: the file system gets the name's original bytes, never a UTF-8 repair of them. Swift
// prefers these to the C functions (a `String` argument matches exactly, where the C
// functions need a conversion), so every call site that passes a path string goes through
// them without saying so.

@discardableResult public func open(_ path: String, _ flags: Int32) -> Int32 {
    PathText.withCString(path) { open($0, flags) }
}

@discardableResult public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    PathText.withCString(path) { open($0, flags, mode) }
}

@discardableResult public func stat(_ path: String, _ buffer: UnsafeMutablePointer<stat>) -> Int32 {
    PathText.withCString(path) { stat($0, buffer) }
}

@discardableResult public func lstat(_ path: String, _ buffer: UnsafeMutablePointer<stat>) -> Int32 {
    PathText.withCString(path) { lstat($0, buffer) }
}

@discardableResult public func opendir(_ path: String) -> OpaquePointer? {
    PathText.withCString(path) { opendir($0) }
}

@discardableResult public func rename(_ from: String, _ to: String) -> Int32 {
    PathText.withCString(from) { a in PathText.withCString(to) { b in rename(a, b) } }
}

@discardableResult public func unlink(_ path: String) -> Int32 {
    PathText.withCString(path) { unlink($0) }
}

@discardableResult public func mkdir(_ path: String, _ mode: mode_t) -> Int32 {
    PathText.withCString(path) { mkdir($0, mode) }
}

@discardableResult public func realpath(_ path: String, _ resolved: UnsafeMutablePointer<CChar>?)
    -> UnsafeMutablePointer<CChar>?
{
    PathText.withCString(path) { realpath($0, resolved) }
}

@discardableResult public func readlink(_ path: String, _ buffer: UnsafeMutablePointer<CChar>, _ size: Int) -> Int {
    PathText.withCString(path) { readlink($0, buffer, size) }
}

/// `inotify_add_watch` with the path's own bytes.
@discardableResult public func inotifyAddWatch(_ fd: Int32, _ path: String, _ mask: UInt32) -> Int32 {
    PathText.withCString(path) { inotify_add_watch(fd, $0, mask) }
}

/// A NUL-terminated C buffer (a name from the system) as a path string, its bytes kept.
func decodeCString(_ buffer: [CChar]) -> String {
    let end = buffer.firstIndex(of: 0) ?? buffer.count
    return PathText.string(buffer[..<end].map { UInt8(bitPattern: $0) })
}
