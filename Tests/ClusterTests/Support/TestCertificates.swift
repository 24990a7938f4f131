import Foundation

/// A cluster CA with certificates for a coordinator and workers, and a second, unrelated CA
/// with a certificate of its own (an outsider), made with openssl at test time.
struct TestCertificates {
    let directory: URL

    var authority: String { path("ca.pem") }
    func certificate(_ name: String) -> String { path("\(name).pem") }
    func key(_ name: String) -> String { path("\(name)-key.pem") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-certs-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try makeAuthority("ca")
        for name in ["coordinator", "worker", "client"] { try issue(name, by: "ca") }
        try makeAuthority("other-ca")
        try issue("outsider", by: "other-ca")
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func makeAuthority(_ name: String) throws {
        try openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key(name)])
        try openssl(["req", "-x509", "-new", "-key", key(name), "-subj", "/CN=\(name)", "-days", "2", "-out", path("\(name).pem"),
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private func issue(_ name: String, by authority: String) throws {
        try openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key(name)])
        try openssl(["req", "-new", "-key", key(name), "-subj", "/CN=\(name)", "-out", path("\(name).csr")])
        let extensions = path("\(name).ext")
        try Data("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n".utf8).write(to: URL(fileURLWithPath: extensions))
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(authority).pem"), "-CAkey", key(authority),
                     "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", path("\(name).pem")])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ClusterTestFailure("openssl \(arguments.first ?? ""): \(String(decoding: message, as: UTF8.self))")
        }
    }
}

struct ClusterTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
