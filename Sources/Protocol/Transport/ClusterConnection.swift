import GRPCCore
public import GRPCNIOTransportHTTP2

/// A mutual-TLS connection to a coordinator for the length of `body`: what workers, clients
/// and tools open.
public enum ClusterConnection {
    public static func with<Result: Sendable>(
        coordinator: ClusterAddress, credentials: ClusterCredentials,
        _ body: @Sendable (WireCluster.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let transport = try ClusterTransport.client(coordinator: coordinator, credentials: credentials)
        return try await withGRPCClient(transport: transport) { client in
            try await body(WireCluster.Client(wrapping: client))
        }
    }
}
