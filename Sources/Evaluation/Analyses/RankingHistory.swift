import TOML

/// The ranking the last `lineup rank` or export produced, so the next run can say what moved.
/// Stored as a small TOML file (`.lineup-history.toml` beside the spec files).
public struct RankingHistory: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var id: String
        public var name: String
        public var rank: Int

        public init(id: String, name: String, rank: Int) {
            self.id = id
            self.name = name
            self.rank = rank
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(_ ranking: Ranking) {
        entries = ranking.entries.map { Entry(id: $0.id, name: $0.product.name, rank: $0.rank) }
    }

    /// What moved between this (earlier) ranking and `current`.
    public func changes(to current: Ranking) -> Changes {
        let before = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var moves: [String: Movement] = [:]
        for e in current.entries {
            if let old = before[e.id] {
                moves[e.id] = .moved(old.rank - e.rank)
            } else {
                moves[e.id] = .new
            }
        }
        let ids = Set(current.entries.map(\.id))
        return Changes(movements: moves, gone: entries.filter { !ids.contains($0.id) })
    }

    /// The file's text.
    public var text: String {
        var out = "# Lineup's memory of the last ranking it produced (lineup rank, or an export), so the\n"
        out += "# next run can mark new products and movements. Safe to delete.\n"
        for e in entries {
            out += "\n[[product]]\nid = \(quote(e.id))\nname = \(quote(e.name))\nrank = \(e.rank)\n"
        }
        return out
    }

    func quote(_ s: String) -> String { Quoting.toml(s) }

    /// Reads a history file; nil when it is not one (a damaged history is simply ignored).
    public static func parse(_ bytes: [UInt8]) -> RankingHistory? {
        guard let doc = try? TOML.parse(bytes, file: "history") else { return nil }
        guard let node = doc.root["product"] else { return RankingHistory(entries: []) }
        guard case .array(let items) = node.value else { return nil }
        var entries: [Entry] = []
        for item in items {
            guard case .table(let t) = item.value, case .string(let id)? = t["id"]?.value,
                case .integer(let rank)? = t["rank"]?.value
            else { return nil }
            let name: String
            if case .string(let n)? = t["name"]?.value { name = n } else { name = id }
            entries.append(Entry(id: id, name: name, rank: Int(rank)))
        }
        return RankingHistory(entries: entries)
    }
}

/// How a product moved since the last run.
public enum Movement: Equatable, Sendable {
    case new
    /// Places moved: positive is up.
    case moved(Int)

    /// "new", "↑2", "↓1", "=".
    public var marker: String {
        switch self {
        case .new: return "new"
        case .moved(let n): return n > 0 ? "↑\(n)" : (n < 0 ? "↓\(-n)" : "=")
        }
    }

    /// For CSV and JSON: "new", "+2", "-1", "0".
    public var text: String {
        switch self {
        case .new: return "new"
        case .moved(let n): return n > 0 ? "+\(n)" : "\(n)"
        }
    }
}

/// What changed since the last ranking: per product, and the products that disappeared.
public struct Changes: Equatable, Sendable {
    public var movements: [String: Movement]
    public var gone: [RankingHistory.Entry]

    public init(movements: [String: Movement] = [:], gone: [RankingHistory.Entry] = []) {
        self.movements = movements
        self.gone = gone
    }

    public var summary: String? {
        var parts: [String] = []
        let new = movements.values.filter { $0 == .new }.count
        if new > 0 { parts.append("\(new) new") }
        let moved = movements.values.filter { if case .moved(let n) = $0 { return n != 0 } else { return false } }.count
        if moved > 0 { parts.append("\(moved) moved") }
        if !gone.isEmpty { parts.append("gone: " + gone.map { SafeText.escaped($0.name) }.joined(separator: ", ")) }
        return parts.isEmpty ? nil : "Since the last ranking: " + parts.joined(separator: "; ")
    }
}
