import TOML

/// One problem found in a spec or profile file, pointing at the file, line, column and field.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// What kind of problem it is, so code decides by kind, never by the message's words.
    public enum Kind: String, Sendable {
        /// A file that does not read, or a field with a wrong value: the file is not used.
        case invalid
        /// The file does not exist.
        case missing
        /// The spec loads but is not ranked: it gives neither a price nor a status.
        case notRanked
        /// A fund whose `until` is before the evaluation date: it pays nothing.
        case lapsedFund
        /// A product's source or quote dated after the evaluation date (`date`): not knowable
        /// as of then, unless the evaluation moves to that day (the interface offers it).
        case afterEvaluation
        /// Anything else worth a look (an old quote, a market figure dated after the evaluation).
        case notice
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    /// The field the message is about (`camera.price`), or "" for the file as a whole.
    public var field: String
    public var message: String
    public var kind: Kind
    /// The date a `.afterEvaluation` diagnostic is about.
    public var date: TOMLDate?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, field: String = "",
        message: String, kind: Kind? = nil
    ) {
        self.kind = kind ?? (severity == .error ? .invalid : .notice)
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.field = field
        self.message = message
    }

    /// `path:line:column: error: message`, the form compilers use and editors jump to.
    public var description: String {
        var location = SafeText.escaped(file)
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        // The message may quote a file's text: never let its control characters reach a terminal.
        return "\(location): \(severity.rawValue): \(SafeText.escaped(message))"
    }
}
