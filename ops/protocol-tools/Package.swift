// swift-tools-version:6.0
// The protoc plugins that turn Sources/Protocol/cluster.proto into Swift. Only
// ops/generate-protocol.sh builds this package; the generated code is committed, so neither
// CI nor a normal build ever needs it.
import PackageDescription

let package = Package(
    name: "ProtocolTools",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
    ]
)
