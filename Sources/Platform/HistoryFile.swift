import Evaluation

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

    /// Remembers `ranking`, atomically.
    public static func save(_ ranking: Ranking, folder: String) throws(WriteError) {
        // Lineup's own file: never through a planted link, never onto a device or FIFO.
        try AtomicFile.write(Array(RankingHistory(ranking).text.utf8), to: path(for: folder), as: .owned)
    }
}
