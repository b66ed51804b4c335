// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift test` and users never build ordo-one/benchmark.
// Run from this folder: swift package benchmark
import PackageDescription

let package = Package(
    name: "sdw-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "sdw", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SimCore", package: "sdw"),
                .product(name: "Model", package: "sdw"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "WorkbenchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Workbench", package: "sdw"),
                .product(name: "Render", package: "sdw"),
                .product(name: "Terminal", package: "sdw"),
                .product(name: "Model", package: "sdw"),
            ],
            path: "Benchmarks/WorkbenchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
