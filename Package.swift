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
    // Specs, profile, metrics, scores, ranking, CSV text. Pure: no file system, clock or printing.
    .target(name: "Evaluation", dependencies: ["TOML"]),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "LineupTestSupport"], exclude: ["Crashers"]),
    // Fixtures the test targets share (the Wilton profile, sample products).
    .target(name: "LineupTestSupport", dependencies: ["Evaluation"], path: "Tests/Support"),
    // The board packet: the report as one self-contained HTML page (and Markdown), built with
    // Plot so every text is escaped by construction. Pure, like Evaluation.
    .target(name: "Report", dependencies: ["Evaluation", .product(name: "Plot", package: "Plot")]),
    .testTarget(name: "ReportTests", dependencies: ["Report", "Evaluation", "Platform", "LineupTestSupport"]),
    // The file system: reading the vendors folder safely, atomic writes, the history file, the
    // audit log (chained by SHA-256).
    .target(name: "Platform", dependencies: ["Evaluation", .product(name: "Crypto", package: "swift-crypto")]),
    .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
    // The program: options, headless commands, the run loop.
    .executableTarget(
        name: "Lineup",
        dependencies: [
            "Evaluation", "Platform", "TerminalUI", "CursesTerminal", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    // The interface as values: AppState + Action -> apply -> [Effect]; views draw into a
    // ScreenBuffer. No terminal code.
    .target(name: "TerminalUI", dependencies: ["Evaluation", "Report"]),
    .testTarget(
        name: "TerminalUITests", dependencies: ["TerminalUI", "Evaluation", "Report", "Platform", "LineupTestSupport"],
        exclude: ["Golden"]),
    // ncursesw from Debian's libncursesw5-dev, through a shim header.
    .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
    // The only code that imports ncurses: draws a ScreenBuffer, reads keys, restores the terminal.
    .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"]),
    // Figures, not tests: `swift run -c release lineup-benchmark`.
    .executableTarget(
        name: "LineupBenchmark", dependencies: ["TOML", "Evaluation", "Platform", "TerminalUI", "Report"]),
]
var products: [Product] = [
    .library(name: "TOML", targets: ["TOML"]),
    .executable(name: "toml-decoder", targets: ["TOMLDecoder"]),
    .executable(name: "lineup", targets: ["Lineup"]),
    .executable(name: "lineup-benchmark", targets: ["LineupBenchmark"]),
]

// The libFuzzer target stays out of the normal build: `LINEUP_FUZZ=1 .ci/fuzz` builds it.
if ProcessInfo.processInfo.environment["LINEUP_FUZZ"] == "1" {
    targets.append(.executableTarget(name: "FuzzTOML", dependencies: ["TOML"]))
    products.append(.executable(name: "fuzz-toml", targets: ["FuzzTOML"]))
    // The spec decoder and the scoring, end to end (LineupTestSupport's SpecPipeline).
    targets.append(.executableTarget(name: "FuzzSpec", dependencies: ["LineupTestSupport"]))
    products.append(.executable(name: "fuzz-spec", targets: ["FuzzSpec"]))
}

let package = Package(
    name: "Lineup",
    products: products,
    dependencies: [
        // Command-line options, subcommands and --help.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // HTML for the board report, with escaping by construction (a vendor named <script> is text).
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        // SHA-256 for the audit log's chain of hashes (no hand-written cryptography).
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
