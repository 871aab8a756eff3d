import TOML

/// One field a save changed: its path in the file (`camera.price`, `weights.cost`), the value
/// before and after as TOML writes it (nil: absent).
public struct FieldChange: Equatable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// The fields that differ between two versions of a TOML file, for the audit log. Pure.
public enum FieldChanges {
    /// Every leaf value whose text differs, in the order of the new file (then removed ones).
    /// A file that does not parse is one change of the whole file.
    public static func between(_ old: [UInt8]?, _ new: [UInt8]?) -> [FieldChange] {
        func leaves(_ bytes: [UInt8]?) -> [(String, String)]? {
            guard let bytes else { return [] }
            guard let root = try? TOML.parse(bytes, file: "").root else { return nil }
            var out: [(String, String)] = []
            flatten(root, prefix: "", into: &out)
            return out
        }
        guard let before = leaves(old), let after = leaves(new) else {
            return [FieldChange(field: "(whole file)", old: old == nil ? nil : "…", new: new == nil ? nil : "…")]
        }
        let was = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(after, uniquingKeysWith: { a, _ in a })
        var changes: [FieldChange] = []
        for (field, value) in after where was[field] != value {
            changes.append(FieldChange(field: field, old: was[field], new: value))
        }
        for (field, value) in before where now[field] == nil {
            changes.append(FieldChange(field: field, old: value, new: nil))
        }
        return changes
    }

    static func flatten(_ table: TOMLTable, prefix: String, into out: inout [(String, String)]) {
        for entry in table.entries {
            let path = prefix.isEmpty ? entry.key : prefix + "." + entry.key
            switch entry.node.value {
            case .table(let t): flatten(t, prefix: path, into: &out)
            case .array(let items)
            where !items.isEmpty && items.allSatisfy({ if case .table = $0.value { true } else { false } }):
                for (i, item) in items.enumerated() {
                    if case .table(let t) = item.value { flatten(t, prefix: path + "[\(i + 1)]", into: &out) }
                }
            default: out.append((path, text(entry.node.value)))
            }
        }
    }

    /// A value as TOML writes it.
    public static func text(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return Quoting.toml(s)
        case .array(let items): return "[" + items.map { text($0.value) }.joined(separator: ", ") + "]"
        case .table(let t):
            return "{" + t.entries.map { $0.key + " = " + text($0.node.value) }.joined(separator: ", ") + "}"
        default: return FieldReader.found(value)
        }
    }
}
