import Evaluation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output for the headless commands.
enum Console {
    /// How to run this program again, as the user started it: `lineup` when it is on the PATH
    /// (the README's set-up installs it), otherwise `swift run lineup`.
    static var commandName: String {
        let argv0 = CommandLine.arguments.first ?? "lineup"
        if !argv0.contains("/") { return "lineup" }
        return argv0.contains("/.build/") ? "swift run lineup" : argv0
    }

    /// Standard output is a terminal: control characters from spec files would act on it.
    static let outIsTerminal = isatty(1) != 0

    /// `text` with every line's hostile characters written visibly (`\u{1B}`), line breaks kept.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { SafeText.isHostile($0) && $0 != "\n" }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.escaped(String($0)) }
            .joined(separator: "\n")
    }

    /// Writes `text` to standard output: as it is into a file or pipe (CSV and JSON keep their
    /// bytes), with control characters made visible when it is a terminal.
    static func out(_ text: String) {
        var t = outIsTerminal ? visible(text) : text
        t.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// Writes a message line to standard error, always through the sanitiser: a message may
    /// quote a file name, a path or a value.
    static func err(_ line: String) {
        var t = visible(line) + "\n"
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
