#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Evaluation

/// Output for the headless commands.
enum Console {
    static func out(_ text: String) {
        var t = text
        t.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    static func err(_ line: String) {
        var t = line + "\n"
        t.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Prints each diagnostic as `path:line:column: error|warning: message`.
    static func report(_ diagnostics: [Diagnostic], toStandardError: Bool = true) {
        for d in sorted(diagnostics) {
            if toStandardError { err(d.description) } else { out(d.description + "\n") }
        }
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.element.file < b.element.file }
            let la = a.element.line ?? 0
            let lb = b.element.line ?? 0
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
