/// Why a document was rejected, and where: `file:line:column: message`.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The dotted key whose value was being read (`availability.date`), when there was one.
    public var key: String?

    public init(file: String, line: Int, column: Int, message: String, key: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.key = key
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
