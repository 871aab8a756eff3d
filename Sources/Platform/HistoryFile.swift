import Evaluation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the last ranking is remembered: `.lineup-history.toml` beside the spec files (hidden,
/// so it is never read as a product).
public enum HistoryFile {
    public static let name = ".lineup-history.toml"

    public static func path(for folder: String) -> String { SpecFolder.join(folder, name) }

    /// The last ranking, or nil when there is none (or it cannot be read).
    public static func load(folder: String) -> RankingHistory? {
        guard case .success(let (bytes, _)) = SpecFolder.read(path(for: folder), followLinks: false) else { return nil }
        return RankingHistory.parse(bytes)
    }

    /// Where a history that cannot be read is kept, rather than overwritten.
    public static let keptName = name + ".unreadable"

    /// Remembers `ranking`, atomically. A history file that is there but cannot be read (not
    /// Lineup's, or damaged) is not replaced silently: it is moved to `keptName` first, and
    /// the returned note says so.
    @discardableResult
    public static func save(_ ranking: Ranking, folder: String) throws(WriteError) -> String? {
        let target = path(for: folder)
        var note: String?
        var st = stat()
        if lstat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
            case .success(let (bytes, _)) = SpecFolder.read(target, followLinks: false),
            RankingHistory.parse(bytes) == nil
        {
            let kept = SpecFolder.join(folder, keptName)
            if rename(target, kept) == 0 {
                note =
                    "the last ranking (\(SafeText.escaped(target))) could not be read; it is kept as \(SafeText.escaped(kept)) and a new one is started"
            }
        }
        // Lineup's own file: never through a planted link, never onto a device or FIFO.
        try AtomicFile.write(Array(RankingHistory(ranking).text.utf8), to: target, as: .owned)
        return note
    }
}
