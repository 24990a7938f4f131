public import Foundation

/// A cluster's certificate authority in a directory, managed with the openssl command:
/// `ca.pem` and `ca-key.pem`, and for each issued peer `NAME.pem` and `NAME-key.pem`.
/// Every certificate is valid for both TLS server and client use, so one file serves a
/// coordinator, a worker or a client; peers are accepted when their certificate chains to
/// `ca.pem`. Keys are EC P-256 and readable by their owner only.
public struct CertificateAuthority: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public var certificate: URL { file("ca.pem") }
    public var key: URL { file("ca-key.pem") }
    public func certificate(of name: String) -> URL { file("\(name).pem") }
    public func key(of name: String) -> URL { file("\(name)-key.pem") }

    private func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Creates the CA; refuses to replace an existing one (its peers would be locked out).
    public func create(commonName: String, days: Int) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: certificate.path) || manager.fileExists(atPath: key.path) {
            throw CertificateError("\(directory.path) already holds a cluster CA (ca.pem); remove it first to start a new cluster")
        }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CertificateError("\(directory.path): cannot create the directory (\(error.localizedDescription))")
        }
        try Self.makeKey(key)
        try Self.openssl([
            "req", "-x509", "-new", "-sha256", "-key", key.path, "-subj", "/CN=\(commonName)", "-days", "\(days)",
            "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-out", certificate.path,
        ])
    }

    /// The credentials of an issued peer.
    public func credentials(of name: String) -> ClusterCredentials {
        ClusterCredentials(certificate: certificate(of: name).path, key: key(of: name).path, authority: certificate.path)
    }

    /// Issues a certificate for a peer. `ips` and `dnsNames` are the addresses a coordinator is
    /// dialled by (TLS checks them); workers and clients need none but get the defaults harmlessly.
    public func issue(name: String, ips: [String], dnsNames: [String], days: Int) throws {
        guard FileManager.default.fileExists(atPath: certificate.path), FileManager.default.fileExists(atPath: key.path) else {
            throw CertificateError("\(directory.path) holds no cluster CA: run `autocomp certs init \(directory.path)` first")
        }
        guard name.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil, name != "ca" else {
            throw CertificateError("--name \(name): use 1-64 letters, digits, '.', '_' or '-' (and not \"ca\")")
        }
        if FileManager.default.fileExists(atPath: certificate(of: name).path) {
            throw CertificateError("\(certificate(of: name).path) exists: choose another --name or remove the old files")
        }
        for ip in ips where !Self.isIPAddress(ip) {
            throw CertificateError("--ip \(ip): not an IPv4 or IPv6 address")
        }
        let alternativeNames = (ips.map { "IP:\($0)" } + dnsNames.map { "DNS:\($0)" }).joined(separator: ",")
        let extensions = [
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage=serverAuth,clientAuth",
            "subjectAltName=\(alternativeNames)",
        ].joined(separator: "\n") + "\n"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-certs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let request = scratch.appendingPathComponent("request.csr")
        let extensionFile = scratch.appendingPathComponent("extensions.cnf")
        try Data(extensions.utf8).write(to: extensionFile)

        try Self.makeKey(key(of: name))
        try Self.openssl(["req", "-new", "-sha256", "-key", key(of: name).path, "-subj", "/CN=\(name)", "-out", request.path])
        try Self.openssl([
            "x509", "-req", "-sha256", "-in", request.path, "-CA", certificate.path, "-CAkey", key.path,
            "-set_serial", "0x" + Self.randomSerial(), "-days", "\(days)", "-extfile", extensionFile.path,
            "-out", certificate(of: name).path,
        ])
    }

    private static func makeKey(_ url: URL) throws {
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", url.path])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    private static func randomSerial() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255) & 0x7F) }.joined()
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// Runs openssl; its own message becomes the error when it fails.
    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CertificateError("cannot run openssl (\(error.localizedDescription)); install it with ./ops/bootstrap.sh")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            if process.terminationStatus == 127 { throw CertificateError("openssl is not installed; run ./ops/bootstrap.sh") }
            throw CertificateError("openssl \(arguments[0]) failed: \(text)")
        }
    }
}

public struct CertificateError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
