/// File names are bytes, not text: a folder copied from a Latin-1 USB stick holds names that
/// are not UTF-8. Swift strings cannot hold such bytes, and repairing them to U+FFFD makes two
/// names one and a path lead somewhere else. So a path is carried in a `String` with each byte
/// that is not part of valid UTF-8 written as one scalar of the private-use range
/// U+F0080...U+F00FF (byte 0x80...0xFF), as Python's "surrogateescape" does with surrogates;
/// a name that really holds such a scalar has its bytes carried the same way, so the mapping
/// goes both ways for every byte string. The file system is given the original bytes
/// (`bytes(of:)`); people see each such byte as `\xNN` (`SafeText.escaped`).
public enum PathText {
    static let base: UInt32 = 0xF0000

    /// Whether `s` stands for one raw byte of a path.
    public static func isByte(_ s: Unicode.Scalar) -> Bool { (0xF0080...0xF00FF).contains(s.value) }

    /// A path's bytes as a string, each byte outside valid UTF-8 kept as its own scalar.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        // The common case: valid UTF-8 with no scalar of the byte range.
        if let s = String(validating: bytes, as: UTF8.self), !s.unicodeScalars.contains(where: isByte) { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes, at: i)
            if length > 0,
                let s = String(validating: bytes[i..<(i + length)], as: UTF8.self),
                let scalar = s.unicodeScalars.first, !isByte(scalar)
            {
                out.append(scalar)
                i += length
            } else if bytes[i] < 0x80 {
                out.append(Unicode.Scalar(bytes[i]))
                i += 1
            } else {
                // Either not UTF-8, or a real scalar of the byte range: each byte kept apart.
                let n = max(1, length)
                for b in bytes[i..<(i + n)] { out.append(Unicode.Scalar(base + UInt32(b))!) }
                i += n
            }
        }
        return String(out)
    }

    /// The bytes of a valid UTF-8 sequence starting at `i`, or 0.
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        let n: Int
        switch b {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return 0
        }
        guard i + n <= bytes.count, String(validating: bytes[i..<(i + n)], as: UTF8.self) != nil else { return 0 }
        return n
    }

    /// The bytes the file system is given for `path`.
    public static func bytes(of path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for s in path.unicodeScalars {
            if isByte(s) {
                out.append(UInt8(s.value - base))
            } else {
                out.append(contentsOf: String(s).utf8)
            }
        }
        return out
    }

    /// Calls `body` with `path` as a NUL-terminated C string of its original bytes.
    public static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        if !path.unicodeScalars.contains(where: isByte) { return try path.withCString(body) }
        let bytes = (bytes(of: path) + [0]).map { CChar(bitPattern: $0) }
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
