// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Lineup",
    products: [
        .library(name: "TOML", targets: ["TOML"]),
        .executable(name: "toml-decoder", targets: ["TOMLDecoder"]),
    ],
    targets: [
        // TOML 1.0 text -> a document whose every key and value knows its line and column.
        // No dependencies, no Foundation.
        .target(name: "TOML"),
        .executableTarget(name: "TOMLDecoder", dependencies: ["TOML"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
    ],
    swiftLanguageModes: [.v6]
)
