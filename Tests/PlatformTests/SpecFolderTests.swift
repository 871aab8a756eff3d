import Foundation
import Testing

@testable import Evaluation
@testable import Platform

/// A fresh temporary folder holding a copy of the shipped profile.
func scratchFolder(withProfile: Bool = true) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lineup-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    if withProfile {
        try FileManager.default.copyItem(atPath: shippedVendors + "/department.toml", toPath: dir + "/department.toml")
    }
    return dir
}

/// The repository's own vendors/ folder.
let shippedVendors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("vendors").path

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

let goodSpec = "vendor = \"Acme\"\nmodel = \"One\"\n[camera]\nprice = 500\n"

@Suite struct SpecFolderTests {
    /// Issue 20 item 9: a writer that pauses longer than the settling time mid-line
    /// (`price = 8` before `99`) is waited for while the file ends mid-line and changed less
    /// than 10 s ago; a file that ends with a line break, or has held still 10 s, is read.
    @Test func aFileEndingMidLineIsStillBeingWritten() throws {
        let dir = try scratchFolder(withProfile: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let half = dir + "/half.toml"
        let whole = dir + "/whole.toml"
        try write("vendor = \"Acme\"\nmodel = \"One\"\n[camera]\nprice = 8", to: half)
        try write(goodSpec, to: whole)
        let stamps = SpecFolder.stamps(folder: dir, profilePath: dir + "/department.toml")
        let changed = stamps[half]!.modified
        #expect(SpecFolder.stillBeingWritten(stamps, before: [:], now: changed) == [half])
        #expect(SpecFolder.stillBeingWritten(stamps, before: [:], now: changed + 9) == [half])
        #expect(SpecFolder.stillBeingWritten(stamps, before: [:], now: changed + 10) == [])
        // Unchanged since the last load: nothing to wait for.
        #expect(SpecFolder.stillBeingWritten(stamps, before: stamps, now: changed) == [])
        try write("vendor = \"Acme\"\nmodel = \"One\"\n[camera]\nprice = 899\n", to: half)
        let after = SpecFolder.stamps(folder: dir, profilePath: dir + "/department.toml")
        #expect(SpecFolder.stillBeingWritten(after, before: stamps, now: changed) == [])
    }

    @Test func shippedDataIsValidAndRanksAtLeastEightProducts() {
        let contents = SpecFolder.load(folder: shippedVendors)
        #expect(contents.diagnostics == [])
        #expect(contents.products.count >= 8)
        let profile = contents.profile!
        #expect(profile.funds == 17_000)
        let ranking = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        // The total is the weights-weighted mean of the four criterion scores (to 0.01).
        for e in ranking.entries {
            let mean =
                Criterion.allCases.reduce(0.0) { $0 + profile.weights[$1] * e.assessment.scores[$1] }
                / profile.weights.total
            #expect(abs(e.score - mean) < 0.01)
        }
    }

    @Test func oneBrokenFileNeverHidesTheGoodOnes() throws {
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/acme.toml")
        try write("vendor = \"Bad\"\nmodel = \"X\"\n[camera]\nprice = \"cheap\"\n", to: dir + "/bad.toml")
        let contents = SpecFolder.load(folder: dir)
        #expect(contents.products.map(\.id) == ["acme"])
        #expect(
            contents.diagnostics.map(\.description) == [
                "\(dir)/bad.toml:4:9: error: camera.price must be a number of dollars or a range like [800, 1000]; found \"cheap\""
            ])
        #expect(contents.brokenFiles == ["\(dir)/bad.toml"])
    }

    @Test func filesThatAreNotRegularFilesAreRefused() throws {
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/acme.toml")
        #expect(mkfifo(dir + "/fifo.toml", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero.toml", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/pipe-link.toml", withDestinationPath: dir + "/fifo.toml")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/dangling.toml", withDestinationPath: dir + "/nothing")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/good-link.toml", withDestinationPath: dir + "/acme.toml")
        try FileManager.default.createDirectory(atPath: dir + "/folder.toml", withIntermediateDirectories: false)
        try write(String(repeating: "# padding\n", count: 110_000), to: dir + "/huge.toml")
        let contents = SpecFolder.load(folder: dir)
        #expect(contents.products.map(\.id).sorted() == ["acme", "good-link"])
        #expect(
            contents.diagnostics.map(\.description).sorted() == [
                "\(dir)/dangling.toml: error: cannot be read: it is a symbolic link to nothing",
                "\(dir)/fifo.toml: error: is a FIFO (named pipe), not a spec file; only regular files are read",
                "\(dir)/folder.toml: error: is a folder, not a spec file; only regular files are read",
                "\(dir)/good-link.toml: warning: names the same product as acme.toml (Acme One); both are ranked: remove or retire the older quote",
                "\(dir)/huge.toml: error: is larger than 1 MiB (1100000 bytes); a spec file is a few kilobytes",
                "\(dir)/pipe-link.toml: error: is a FIFO (named pipe), not a spec file; only regular files are read",
                "\(dir)/zero.toml: error: is a symbolic link to a file outside the vendors folder; links out of the folder are not followed, so it is not ranked",
            ])
    }

    @Test func unreadableFileSaysPermissionDenied() throws {
        // root reads anything; the check is meaningful only for other users.
        guard geteuid() != 0 else { return }
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/secret.toml")
        chmod(dir + "/secret.toml", 0)
        #expect(
            SpecFolder.load(folder: dir).diagnostics.map(\.description) == [
                "\(dir)/secret.toml: error: cannot be read: permission denied"
            ])
    }

    @Test func missingFolderAndProfile() throws {
        let contents = SpecFolder.load(folder: "/nonexistent/vendors")
        #expect(
            contents.diagnostics.map(\.description) == [
                "/nonexistent/vendors/department.toml: error: the department profile is missing; create it (see Sources/Lineup/Lineup.docc/SpecFiles.md, 'The department profile')",
                "/nonexistent/vendors: error: cannot open the vendors folder: the folder does not exist",
            ])
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/notes.txt")
        #expect(
            SpecFolder.load(folder: dir + "/department.toml").diagnostics.last?.message
                == "is not a folder; give the folder that holds the spec files")
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesAndKeepsTheMode() throws {
        let dir = try scratchFolder(withProfile: false)
        let path = dir + "/out.csv"
        try write("old", to: path)
        chmod(path, 0o600)
        let written = try AtomicFile.write(Array("new".utf8), to: path)
        #expect(written == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test func writesThroughASymbolicLink() throws {
        let dir = try scratchFolder(withProfile: false)
        try write("old", to: dir + "/real.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "real.csv")
        try AtomicFile.write(Array("new".utf8), to: dir + "/link.csv")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == "real.csv")
        #expect(try String(contentsOfFile: dir + "/real.csv", encoding: .utf8) == "new")
    }

    @Test func aFailedWriteLeavesTheOldFileWhole() throws {
        #expect(throws: WriteError(path: "/nonexistent/folder/x.csv", reason: "the folder does not exist")) {
            try AtomicFile.write(Array("x".utf8), to: "/nonexistent/folder/x.csv")
        }
        let dir = try scratchFolder(withProfile: false)
        try FileManager.default.createDirectory(atPath: dir + "/sub.csv", withIntermediateDirectories: false)
        #expect(throws: WriteError(path: dir + "/sub.csv", reason: "it is a folder")) {
            try AtomicFile.write(Array("x".utf8), to: dir + "/sub.csv")
        }
        // /proc is not writable even by root: the write fails and nothing changes there.
        #expect(throws: WriteError.self) { try AtomicFile.write(Array("x".utf8), to: "/proc/lineup-test.csv") }
    }
}

@Suite struct UnreadableFolderTests {
    @Test func anUnreadableFolderSaysSo() throws {
        // root reads any folder; the check is meaningful only for other users.
        guard geteuid() != 0 else { return }
        let dir = try scratchFolder()
        chmod(dir, 0o300)
        defer { chmod(dir, 0o755) }
        #expect(
            SpecFolder.load(folder: dir).diagnostics.last?.description
                == "\(dir): error: cannot open the vendors folder: permission denied")
    }

    @Test func historyIsRememberedBesideTheSpecsAndNeverReadAsOne() throws {
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/acme.toml")
        let contents = SpecFolder.load(folder: dir)
        let profile = contents.profile!
        let ranking = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        try HistoryFile.save(ranking, folder: dir)
        #expect(HistoryFile.load(folder: dir) == RankingHistory(ranking))
        let again = SpecFolder.load(folder: dir)
        #expect(again.products.map(\.id) == ["acme"])
        #expect(again.diagnostics == [])
        #expect(
            SpecFolder.stamps(folder: dir, profilePath: dir + "/department.toml").keys.sorted() == [
                dir + "/acme.toml", dir + "/department.toml",
            ])
    }
}

/// Issue 20 item 10: paths are bytes end to end. A folder named in Latin-1 (`caf\xE9`, not
/// UTF-8) loads its specs, a spec named in Latin-1 loads and is shown escaped, and a write goes
/// to that folder, not to a U+FFFD-repaired name that may be another folder.
@Suite struct PathBytesTests {
    @Test func everyByteStringGoesThereAndBack() {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = [
            [0x63, 0x61, 0x66, 0xE9], [0xFF, 0xFE], [0xC3], [0xF3, 0xB0, 0x82, 0x80], Array("café".utf8), [],
        ]
        for _ in 0..<2000 {
            samples.append(
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in UInt8.random(in: 1...255, using: &generator)
                })
        }
        for bytes in samples {
            #expect(PathText.bytes(of: PathText.string(bytes)) == bytes)
        }
        // Valid UTF-8 stays the same text; a Latin-1 byte is shown as the byte it is.
        #expect(PathText.string(Array("café".utf8)) == "café")
        #expect(SafeText.escaped(PathText.string([0x63, 0x61, 0x66, 0xE9])) == "caf\\xE9")
        // U+F0080 written in UTF-8 in a real name is carried as its four bytes, so it comes back.
        #expect(SafeText.escaped(PathText.string([0xF3, 0xB0, 0x82, 0x80])) == "\\xF3\\xB0\\x82\\x80")
    }

    @Test func aLatin1FolderAndSpecLoadAndAreWrittenTo() throws {
        let parent = try scratchFolder(withProfile: false)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/" + PathText.string([0x63, 0x61, 0x66, 0xE9])
        #expect(mkdir(folder, 0o755) == 0)
        // A folder whose repaired name exists too: the repaired path must not be the one used.
        try FileManager.default.createDirectory(atPath: parent + "/caf\u{FFFD}", withIntermediateDirectories: false)
        try AtomicFile.write(
            Array((try String(contentsOfFile: shippedVendors + "/department.toml", encoding: .utf8)).utf8),
            to: folder + "/department.toml")
        let spec = folder + "/" + PathText.string([0x61, 0x78, 0xF3, 0x6E]) + ".toml"
        try AtomicFile.write(Array(goodSpec.utf8), to: spec)
        let contents = SpecFolder.load(folder: folder)
        #expect(contents.diagnostics.filter { $0.severity == .error } == [])
        #expect(contents.products.map(\.vendor) == ["Acme"])
        #expect(SafeText.escaped(contents.products[0].file).hasSuffix("/caf\\xE9/ax\\xF3n.toml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/caf\u{FFFD}") == [])
    }
}
