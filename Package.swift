// swift-tools-version: 6.0
import PackageDescription
import class Foundation.ProcessInfo

var targets: [Target] = [
    // TOML 1.0 text -> a document whose every key and value knows its line and column.
    // No dependencies, no Foundation.
    .target(name: "TOML"),
    // The toml-test suite's decoder interface, so anyone can run the official runner on our parser.
    .executableTarget(name: "TOMLDecoder", dependencies: ["TOML"]),
    .testTarget(name: "TOMLTests", dependencies: ["TOML"], exclude: ["Crashers"]),
]
var products: [Product] = [
    .library(name: "TOML", targets: ["TOML"]),
    .executable(name: "toml-decoder", targets: ["TOMLDecoder"]),
]

// The libFuzzer target stays out of the normal build: `LINEUP_FUZZ=1 .ci/fuzz` builds it.
if ProcessInfo.processInfo.environment["LINEUP_FUZZ"] == "1" {
    targets.append(.executableTarget(name: "FuzzTOML", dependencies: ["TOML"]))
    products.append(.executable(name: "fuzz-toml", targets: ["FuzzTOML"]))
}

let package = Package(
    name: "Lineup",
    products: products,
    targets: targets,
    swiftLanguageModes: [.v6]
)
