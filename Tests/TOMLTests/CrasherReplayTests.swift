import Foundation
import Testing

@testable import TOML

/// Every input the fuzzer (or TOMLKit's bug reports) found crashing a parser is kept in
/// `Crashers/` and replayed here: each must parse or be rejected with a positioned message.
@Suite struct CrasherReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Crashers")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func savedCrashersParseOrFailCleanly() throws {
        let names = Self.inputs
        #expect(names.count >= 4)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            do {
                _ = try TOML.parse(bytes, file: name).root.taggedJSON()
            } catch {
                #expect(error.line >= 1 && error.column >= 1, "\(name): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        print("crasher replay: \(names.count) saved inputs, none crashed")
    }
}
