// swift-tools-version: 6.0
import PackageDescription

// The engine's statistical tests run long simulations; compiling SimCore with
// optimisation even in debug keeps `swift test` fast (see docs/DECISIONS.md).
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

let package = Package(
    name: "sdw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdw", targets: ["sdw"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Layout", targets: ["Layout"]),
        .library(name: "Export", targets: ["Export"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Workbench", targets: ["Workbench"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "Terminal", targets: ["Terminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(name: "Model", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "SimCore",
            dependencies: ["Model", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: engineSettings
        ),
        .target(name: "Analysis", dependencies: ["Model"], resources: [.copy("TradeOffs")]),
        // Block placement and arrow routing, shared by the canvas and the text export; the text line chart
        // (`sdw sweep` and the workbench's load-curve view).
        .target(name: "Layout", dependencies: ["Model"]),
        .target(name: "Export", dependencies: ["Model", "Analysis", "Layout"]),
        .target(name: "Reporting", dependencies: ["Model", "SimCore", "Analysis", "Layout"]),
        .target(name: "Workbench", dependencies: ["Model", "SimCore", "Analysis", "Layout", "Export"]),
        .target(name: "Render", dependencies: ["Workbench", "Model", "Analysis", "Layout"]),
        // ncursesw through a modulemap; only Terminal imports it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "Terminal", dependencies: ["CNcurses", "Render", "Workbench"]),
        .executableTarget(
            name: "sdw",
            dependencies: [
                "Model", "SimCore", "Analysis", "Reporting", "Workbench", "Render", "Terminal", "Export",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by test targets (spawning programs, golden files); not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore", "Model", "Analysis"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Model"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Model", "SimCore", "Analysis", "Layout"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Layout", "Model", "Analysis", "TestSupport"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "Model", "SimCore", "Export"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Workbench", "Model", "Layout", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Render", "Workbench"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
