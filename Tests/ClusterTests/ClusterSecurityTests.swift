import ClusterProtocol
import Coordinator
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import TestThreads
import Testing

/// Who may talk to a coordinator, and what it does with requests it cannot accept.
@Suite(.serialized, .onTestThreads) struct ClusterSecurityTests {
    @Test("peers whose certificate does not chain to the cluster CA, or with none, are refused")
    func refusesOutsiders() async throws {
        let certificates = try TestCertificates()
        let cluster = try ClusterProcesses(certificates: certificates)
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)
        let address = ClusterAddress(host: "127.0.0.1", port: cluster.port)

        // A worker with a certificate from another CA never gets to register.
        let rogue = try cluster.startWorker("rogue", certificate: "outsider")
        // A client with no certificate at all.
        let anonymous = HTTP2ClientTransport.Posix.TransportSecurity.tls { tls in
            tls.trustRoots = .certificates([.file(path: certificates.authority, format: .pem)])
        }
        let transport = try HTTP2ClientTransport.Posix(target: .ipv4(address: address.host, port: address.port), transportSecurity: anonymous)
        await #expect(throws: RPCError.self) {
            try await withGRPCClient(transport: transport) { client in
                var options = CallOptions.defaults
                options.timeout = .seconds(5)
                _ = try await WireCluster.Client(wrapping: client).status(.init(), options: options)
            }
        }
        // A client with the outsider's certificate.
        let outsider = ClusterCredentials(
            certificate: certificates.certificate("outsider"), key: certificates.key("outsider"), authority: certificates.authority)
        await #expect(throws: RPCError.self) {
            try await withGRPCClient(transport: try ClusterTransport.client(coordinator: address, credentials: outsider)) { client in
                var options = CallOptions.defaults
                options.timeout = .seconds(5)
                _ = try await WireCluster.Client(wrapping: client).status(.init(), options: options)
            }
        }

        try await Task.sleep(for: .seconds(1))
        let status = try await cluster.withClient { try await $0.status() }
        #expect(status.workers.isEmpty, "\(status.workers.map(\.name))")
        #expect(cluster.log("rogue").contains("cannot register"), "\(cluster.log("rogue"))")
        #expect(rogue.isRunning, "the rogue worker keeps retrying rather than crashing")
    }

    @Test("malformed, oversized and invalid requests are refused with a clear error; the coordinator keeps serving")
    func refusesBadMessages() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)

        let certificates = cluster.certificates
        let credentials = ClusterCredentials(
            certificate: certificates.certificate("client"), key: certificates.key("client"), authority: certificates.authority)
        let transport = try ClusterTransport.client(coordinator: ClusterAddress(host: "127.0.0.1", port: cluster.port), credentials: credentials)
        try await withGRPCClient(transport: transport) { client in
            // Bytes that are no protobuf message.
            let garbage = await Self.rawSubmit(client, bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x12, 0x99])
            #expect(garbage?.code == .invalidArgument, "\(String(describing: garbage))")
            #expect(garbage?.message.hasPrefix("not a valid autocomp.cluster.v1.SubmitRequest message") == true)
            #expect(garbage?.message.isEmpty == false)
            // A message over the size limit.
            let oversized = await Self.rawSubmit(client, bytes: [UInt8](repeating: 0x20, count: ClusterTransport.maxMessageBytes + 1024))
            #expect(oversized?.code == .resourceExhausted, "\(String(describing: oversized))")
            #expect(oversized?.message.contains("over the \(ClusterTransport.maxMessageBytes)-byte message limit") == true)
            // A well-formed request with an invalid job.
            var empty = TestJobs.job(0)
            empty.harness = ""
            let invalid = await #expect(throws: RPCError.self) {
                _ = try await WireCluster.Client(wrapping: client).submit(.with { $0.jobs = [empty] })
            }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.message == "job 1: no harness text", "\(String(describing: invalid))")

            // Still serving.
            let status = try await WireCluster.Client(wrapping: client).status(.init())
            #expect(status.queued == 0)
        }
    }

    /// Sends raw bytes as a Submit request; returns the error the coordinator answered with.
    static func rawSubmit(_ client: GRPCClient<HTTP2ClientTransport.Posix>, bytes: [UInt8]) async -> RPCError? {
        do {
            var options = CallOptions.defaults
            options.timeout = .seconds(15)
            _ = try await client.unary(
                request: ClientRequest(message: bytes), descriptor: WireCluster.Method.Submit.descriptor,
                serializer: RawBytes(), deserializer: RawBytes(), options: options) { try $0.message }
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return RPCError(code: .unknown, message: "\(error)")
        }
    }
}

/// Passes bytes through unchanged, to put arbitrary bytes on the wire.
struct RawBytes: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
    func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> [UInt8] { bytes.withUnsafeBytes { Array($0) } }
}
