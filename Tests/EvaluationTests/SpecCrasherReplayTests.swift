import Foundation
import LineupTestSupport
import Testing

/// Every input the spec fuzzer (`.ci/fuzz 600 spec`) found crashing the decoder or the scoring
/// is kept in `Crashers/` and replayed here through the same pipeline; the bundled specs are
/// replayed too, as the fuzzer's seeds.
@Suite struct SpecCrasherReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Crashers")
    static let vendors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("vendors")

    @Test func savedCrashersAndSeedsRunThroughThePipeline() throws {
        var inputs: [URL] = []
        for folder in [Self.folder, Self.vendors] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            inputs += names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
                .filter {
                    !$0.hasDirectoryPath && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true
                }
        }
        #expect(inputs.count >= 10)
        for url in inputs { SpecPipeline.exercise([UInt8](try Data(contentsOf: url))) }
        let crashers = inputs.filter { $0.deletingLastPathComponent().lastPathComponent == "Crashers" }.count
        print("spec crasher replay: \(crashers) saved inputs and \(inputs.count - crashers) seeds, none crashed")
    }
}
