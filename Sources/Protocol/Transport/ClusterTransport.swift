public import GRPCNIOTransportHTTP2

/// The HTTP/2 transports of the cluster, secured with mutual TLS: each side proves its
/// identity with a certificate that chains to the cluster's CA, and refuses peers whose
/// certificate does not.
public enum ClusterTransport {
    /// The largest message either side accepts. A job carries a harness and candidate texts
    /// (tens of KB); anything near this is a mistake or an attack.
    public static let maxMessageBytes = 8 << 20

    public static func server(
        listen address: ClusterAddress, credentials: ClusterCredentials
    ) -> HTTP2ServerTransport.Posix {
        let security = HTTP2ServerTransport.Posix.TransportSecurity.mTLS(
            certificateChain: [.file(path: credentials.certificate, format: .pem)],
            privateKey: .file(path: credentials.key, format: .pem)
        ) { tls in
            tls.trustRoots = .certificates([.file(path: credentials.authority, format: .pem)])
            // Workers connect from anywhere; what counts is that their certificate chains to the CA.
            tls.clientCertificateVerification = .noHostnameVerification
        }
        return HTTP2ServerTransport.Posix(
            address: socketAddress(address), transportSecurity: security,
            // Twice the limit: the service's decoders refuse what lies between with a clear
            // status; beyond, the transport resets the stream.
            config: .defaults { $0.rpc.maxRequestPayloadSize = 2 * maxMessageBytes })
    }

    public static func client(
        coordinator address: ClusterAddress, credentials: ClusterCredentials
    ) throws -> HTTP2ClientTransport.Posix {
        let security = HTTP2ClientTransport.Posix.TransportSecurity.mTLS(
            certificateChain: [.file(path: credentials.certificate, format: .pem)],
            privateKey: .file(path: credentials.key, format: .pem)
        ) { tls in
            tls.trustRoots = .certificates([.file(path: credentials.authority, format: .pem)])
            // The coordinator's certificate must chain to the CA and name the host we dialled.
            tls.serverCertificateVerification = .fullVerification
        }
        // IP literals dial directly (TLS then checks the chain: an IP is no SNI host name);
        // names resolve through DNS and must match the certificate.
        let target: any ResolvableTarget
        if address.isIPv6 {
            target = .ipv6(address: address.host, port: address.port)
        } else if address.isIPv4Literal {
            target = .ipv4(address: address.host, port: address.port)
        } else {
            target = .dns(host: address.host, port: address.port)
        }
        return try HTTP2ClientTransport.Posix(
            target: target, transportSecurity: security,
            config: .defaults { $0.backoff = .init(initial: .milliseconds(200), max: .seconds(5), multiplier: 1.6, jitter: 0.2) })
    }

    private static func socketAddress(_ address: ClusterAddress) -> GRPCNIOTransportCore.SocketAddress {
        address.isIPv6 ? .ipv6(host: address.host, port: address.port) : .ipv4(host: address.host, port: address.port)
    }
}
