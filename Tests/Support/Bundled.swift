import Evaluation
import Foundation

/// The repository's `vendors/` folder.
public let bundledVendors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("vendors")

/// The bundled folder decoded the way the loader does: the profile with the market reference,
/// and every spec (hidden files, the profile and the market reference left out).
public func bundledLineup() throws -> (Profile, [Product]) {
    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: bundledVendors.appendingPathComponent(name)))
    }
    var profile = SpecDecoder.profile(try bytes("department.toml"), file: "department.toml").value!
    profile.market = bundledMarket
    let names = try FileManager.default.contentsOfDirectory(atPath: bundledVendors.path).filter {
        !$0.hasPrefix(".") && $0.hasSuffix(".toml") && $0 != "department.toml" && $0 != "market.toml"
    }.sorted()
    let products = try names.map { SpecDecoder.product(try bytes($0), file: $0, id: String($0.dropLast(5))).value! }
    return (profile, products)
}

/// The bundled market reference (`vendors/market.toml`).
public let bundledMarket: MarketReference = {
    let bytes = [UInt8](try! Data(contentsOf: bundledVendors.appendingPathComponent("market.toml")))
    return SpecDecoder.market(bytes, file: "market.toml").value!
}()
