/// The rows of an RFC 4180 text (quoted cells may hold commas, quotes doubled, line breaks),
/// for tests that read a column back.
public func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    cell.append("\"")
                    chars.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                cell.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(cell)
            cell = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(cell)
            rows.append(row)
            row = []
            cell = ""
        } else if c != "\r" {
            cell.append(c)
        }
    }
    if !cell.isEmpty || !row.isEmpty {
        row.append(cell)
        rows.append(row)
    }
    return rows
}
