import Foundation

/// The three PEM files of a mutual-TLS peer: its certificate (chain), its private key and the
/// cluster's CA certificate, which every peer's certificate must chain to.
public struct ClusterCredentials: Sendable, Equatable {
    public var certificate: String
    public var key: String
    public var authority: String

    public init(certificate: String, key: String, authority: String) {
        self.certificate = certificate
        self.key = key
        self.authority = authority
    }

    /// Throws, naming the file, unless all three are readable PEM files of the right kind.
    /// (The TLS library's own errors do not say which file was wrong.)
    public func validate() throws(ClusterSetupError) {
        try Self.check(certificate, option: "--cert", marker: "-----BEGIN CERTIFICATE-----")
        try Self.check(key, option: "--key", marker: "PRIVATE KEY-----")
        try Self.check(authority, option: "--ca", marker: "-----BEGIN CERTIFICATE-----")
    }

    private static func check(_ path: String, option: String, marker: String) throws(ClusterSetupError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClusterSetupError("\(option) \(path): cannot read the file")
        }
        guard String(decoding: data, as: UTF8.self).contains(marker) else {
            throw ClusterSetupError("\(option) \(path): not a PEM file holding a \(marker.contains("KEY") ? "private key" : "certificate")")
        }
    }
}
