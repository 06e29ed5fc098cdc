// swift-tools-version: 6.0
// tonecheck: scores internal emails and call transcripts for tone, word choice and
// unreasonable demands. No package dependencies: Swift, Foundation, Dispatch and the
// test libraries only.
import PackageDescription

// Release builds on Linux link the Swift runtime and Foundation statically (compiled
// against the static modules, so Foundation's own libraries are linked too): the binary
// is larger (about 80 MB, mostly ICU data), but a run starts in well under half the time
// (no dynamic symbol binding), which is most of a short draft's wall time. The executable
// is also linked at a fixed address (`-no-pie`): a position-independent one starts by
// applying about 74,000 relocations, touching pages all over the binary.
let staticStdlib = SwiftSetting.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
let staticStdlibLink = LinkerSetting.unsafeFlags(["-static-stdlib", "-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "tonecheck",
    products: [
        .library(name: "ToneCheck", targets: ["ToneCheck"]),
        .executable(name: "tonecheck", targets: ["tonecheck"]),
    ],
    targets: [
        // The library: pure (never prints, exits or writes files).
        .target(
            name: "ToneCheck",
            // Release builds skip the run-time exclusivity checks in the hot loops (debug
            // builds and the tests keep them).
            swiftSettings: [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
                staticStdlib,
            ],
            plugins: ["EmbedRules"]
        ),
        // The command-line tool: a thin layer over the library.
        .executableTarget(
            name: "tonecheck",
            dependencies: ["ToneCheck"],
            swiftSettings: [staticStdlib],
            linkerSettings: [staticStdlibLink]
        ),
        // Build-time helper: turns Rules/*.json5 into Swift source so the binary carries
        // the built-in packs and Rules/ stays the single source of truth.
        .executableTarget(
            name: "RuleEmbedder",
            path: "Sources/RuleEmbedder"
        ),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["RuleEmbedder"],
            path: "Sources/EmbedRulesPlugin"
        ),
        .testTarget(
            name: "ToneCheckTests",
            dependencies: ["ToneCheck"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["ToneCheck", "tonecheck"]
        ),
    ]
)
