/// Strict UTF-8 validation that reports where the first bad byte is (the standard library's
/// validating initialiser says only that the text is invalid).
enum UTF8Check {
    /// The length of the sequence a lead byte starts (1 for ASCII and for stray bytes).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 1
        }
    }

    /// The byte offset of the first byte that is not part of well-formed UTF-8, or nil.
    static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time: the common case for spec files.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let len = sequenceLength(b)
                if len == 1 || i + len > n { return i }
                let b1 = p[i + 1]
                // Second-byte ranges exclude overlong forms, surrogates and code points past U+10FFFF.
                let lo: UInt8 = b == 0xE0 ? 0xA0 : (b == 0xF0 ? 0x90 : 0x80)
                let hi: UInt8 = b == 0xED ? 0x9F : (b == 0xF4 ? 0x8F : 0xBF)
                if b1 < lo || b1 > hi { return i }
                for k in 2..<len where p[i + k] & 0xC0 != 0x80 { return i }
                i += len
            }
            return nil
        }
    }
}
