// swift-tools-version:6.0
import PackageDescription

// Simulator and cluster benchmarks, kept out of the main build. Run with ops/benchmark.sh,
// which builds them the way the root package builds the Simulator module:
//   ops/benchmark.sh SimulatorBenchmark --repeat 5
let package = Package(
    name: "AutocompBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Autocomp", path: "..")],
    targets: [
        .executableTarget(
            name: "SimulatorBenchmark",
            dependencies: [
                .product(name: "Simulator", package: "Autocomp"),
                .product(name: "Worker", package: "Autocomp"),
            ],
            resources: [.copy("Programs")]
        ),
        // The cluster's coordinator under load: an `autocomp serve` process, worker agents and a
        // client over mutual TLS on loopback.
        .executableTarget(
            name: "ClusterBenchmark",
            dependencies: [
                .product(name: "Coordinator", package: "Autocomp"),
                .product(name: "ClusterProtocol", package: "Autocomp"),
                .product(name: "Worker", package: "Autocomp"),
            ]
        ),
        .executableTarget(
            name: "SimulatorRun",
            dependencies: [.product(name: "Simulator", package: "Autocomp")]
        ),
    ]
)
