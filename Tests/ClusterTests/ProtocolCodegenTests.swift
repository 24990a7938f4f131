import ClusterProtocol
import Crypto
import Foundation
import Testing

/// The generated Swift in Sources/Protocol/Generated must come from the committed
/// cluster.proto: regenerate with ops/generate-protocol.sh after changing it.
@Suite struct ProtocolCodegenTests {
    @Test func generatedCodeMatchesTheProtoFile() throws {
        let proto = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Protocol/cluster.proto")
        let digest = SHA256.hash(data: try Data(contentsOf: proto)).map { String(format: "%02x", $0) }.joined()
        #expect(
            digest == GeneratedProtocol.protoSHA256,
            "Sources/Protocol/cluster.proto changed since its Swift was generated: run ops/generate-protocol.sh")
    }

    @Test func messagesRoundTripThroughTheWireFormat() throws {
        var spec = WireJobSpec()
        spec.harness = "int main() {}"
        spec.candidates = [.with { $0.name = "a.c"; $0.body = "void solution() {}" }]
        spec.accelerator = "int8_16x16"
        spec.limits.runSeconds = 5
        let decoded = try WireJobSpec(serializedBytes: try spec.serializedBytes() as [UInt8])
        #expect(decoded == spec)
    }
}
