// swift-tools-version:6.0
import PackageDescription

/// One settings array for every Swift target, so the whole package builds the same way.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The simulator's hot loop relies on exclusive access it proves by construction;
/// dynamic exclusivity checks cost about a quarter of its speed in release builds.
let simulatorSettings: [SwiftSetting] = swiftSettings + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    // Every function starts on a 64-byte boundary. The interpreter's speed depends on where
    // its loop falls within the processor's 64-byte fetch windows: with the default 16-byte
    // alignment the same code ran the timed matmul benchmark in 0.38 s or 0.45 s depending on
    // what else was linked before it (Documentation/TimingModel.md#speed).
    .unsafeFlags(["-Xllvm", "-align-all-functions=6"], .when(configuration: .release)),
    // Optimized in debug builds too: the tests run thousands of simulated programs, which an
    // unoptimized interpreter runs 20-50 times slower.
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "Autocomp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "autocomp", targets: ["CLI"]),
        .library(name: "Simulator", targets: ["Simulator"]),
        .library(name: "Worker", targets: ["Worker"]),
        .library(name: "Coordinator", targets: ["Coordinator"]),
        .library(name: "ClusterProtocol", targets: ["ClusterProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // RISC-V host + accelerator simulator. No package dependencies: the whole hot path lives here.
        .target(name: "Simulator", swiftSettings: simulatorSettings),
        // C runtime and headers for programs that run on the simulator (resources only).
        .target(name: "TargetRuntime", resources: [.copy("Runtime")], swiftSettings: swiftSettings),
        // The coordinator <-> worker wire contract.
        // Generated from cluster.proto (ops/generate-protocol.sh), plus the transports both sides share.
        .target(
            name: "ClusterProtocol",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCInProcessTransport", package: "grpc-swift-2"),
            ],
            path: "Sources/Protocol",
            exclude: ["cluster.proto"],
            swiftSettings: swiftSettings
        ),
        // Compiles and runs candidate programs.
        .target(
            name: "Worker",
            dependencies: [
                "Simulator", "TargetRuntime", "ClusterProtocol",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
            ],
            swiftSettings: swiftSettings
        ),
        // The search, the agents and the job store.
        .target(
            name: "Coordinator",
            dependencies: [
                "ClusterProtocol",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Problems/Suite")],
            swiftSettings: swiftSettings
        ),
        // The single `autocomp` executable.
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Simulator", "Worker", "Coordinator", "ClusterProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCInProcessTransport", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ],
            resources: [.copy("Examples")],
            swiftSettings: swiftSettings
        ),

        // Test-only C library: IEEE-754 reference results from the host FPU (fenv), for the F/D tests.
        .target(name: "HostFloatReference", path: "Tests/HostFloatReference"),
        .testTarget(
            name: "SimulatorTests",
            dependencies: ["Simulator", "Worker", "HostFloatReference", "TestThreads"],
            resources: [.copy("Programs")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "TargetRuntime", "TestThreads"], resources: [.copy("Programs")], swiftSettings: swiftSettings),
        .testTarget(
            name: "CLITests",
            dependencies: ["CLI", "Simulator", "Coordinator", "Worker", "ClusterProtocol", "ScriptedLLM", "TestThreads"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: ["Coordinator", "Worker", "Simulator", "ScriptedLLM", "TestThreads", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The scripted LLM server (OpenAI-compatible and Anthropic wire formats on loopback) that
        // the provider and search tests talk to.
        .target(
            name: "ScriptedLLM",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/ScriptedLLM",
            swiftSettings: swiftSettings
        ),
        // Threads outside the cooperative pool for the tests that wait on servers and processes.
        .target(name: "TestThreads", path: "Tests/TestThreads", swiftSettings: swiftSettings),
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "ClusterProtocol", "Coordinator", "Worker", "CLI", "TestThreads",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
