import Foundation

/// A cluster CA with certificates for a coordinator, workers and a client, and a second,
/// unrelated CA with a certificate of its own (an outsider), made at test time with
/// `autocomp certs` (which runs openssl).
struct TestCertificates {
    let directory: URL
    private let outsiders: URL

    var authority: String { directory.appendingPathComponent("ca.pem").path }
    func certificate(_ name: String) -> String { folder(of: name).appendingPathComponent("\(name).pem").path }
    func key(_ name: String) -> String { folder(of: name).appendingPathComponent("\(name)-key.pem").path }

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-certs-\(getpid())-\(UUID().uuidString.prefix(6))")
        directory = root.appendingPathComponent("cluster")
        outsiders = root.appendingPathComponent("other")
        try Self.autocomp(["certs", "init", directory.path])
        for name in ["coordinator", "worker", "client"] {
            try Self.autocomp(["certs", "issue", directory.path, "--name", name])
        }
        try Self.autocomp(["certs", "init", outsiders.path])
        try Self.autocomp(["certs", "issue", outsiders.path, "--name", "outsider"])
    }

    private func folder(of name: String) -> URL { name == "outsider" ? outsiders : directory }

    private static func autocomp(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ClusterProcesses.autocomp)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ClusterTestFailure("autocomp \(arguments.prefix(2).joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
    }
}

struct ClusterTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
