import ClusterProtocol
import Coordinator
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Real `autocomp serve` and `autocomp worker` processes on loopback, with their output in log
/// files, for the cluster tests.
final class ClusterProcesses: @unchecked Sendable {
    let certificates: TestCertificates
    let directory: URL
    let database: String
    private(set) var port = 0
    private(set) var metricsPort = 0
    private var coordinator: Process?
    private(set) var workers: [String: Process] = [:]

    static let autocomp: String = {
        for case let binary? in [CommandLine.arguments.first, Bundle.main.executablePath] {
            var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
            for _ in 0..<4 {
                let path = directory.appendingPathComponent("autocomp").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
                directory = directory.deletingLastPathComponent()
            }
        }
        return ".build/debug/autocomp"
    }()

    init(certificates: TestCertificates) throws {
        self.certificates = certificates
        directory = certificates.directory.appendingPathComponent("run-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = directory.appendingPathComponent("jobs.sqlite").path
    }

    deinit { stopAll() }

    func log(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
    }

    /// Starts the coordinator (on a new port the first time, the same port on a restart) and
    /// waits until it listens.
    func startCoordinator(leaseSeconds: Double) throws {
        var arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--db", database, "--lease-seconds", "\(leaseSeconds)",
                         "--metrics", "127.0.0.1:\(metricsPort)"]
        arguments += credentials("coordinator")
        let name = "coordinator-\(UUID().uuidString.prefix(4))"
        let process = try launch(arguments, log: name)
        coordinator = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = log(name)
            if let match = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+).*metrics on port (\d+)/) {
                port = Int(match.1)!
                metricsPort = Int(match.2)!
                return
            }
            guard process.isRunning else { throw ClusterTestFailure("the coordinator exited: \(text)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ClusterTestFailure("the coordinator did not start listening: \(log(name))")
    }

    func killCoordinator() {
        guard let coordinator, coordinator.isRunning else { return }
        kill(coordinator.processIdentifier, SIGKILL)
        coordinator.waitUntilExit()
    }

    @discardableResult
    func startWorker(_ name: String, slots: Int = 1, certificate: String = "worker", extra: [String] = []) throws -> Process {
        let arguments = ["worker", "--coordinator", "127.0.0.1:\(port)", "--slots", "\(slots)", "--name", name]
            + credentials(certificate) + extra
        let process = try launch(arguments, log: name)
        workers[name] = process
        return process
    }

    func credentials(_ name: String) -> [String] {
        ["--cert", certificates.certificate(name), "--key", certificates.key(name), "--ca", certificates.authority]
    }

    private func launch(_ arguments: [String], log name: String) throws -> Process {
        let file = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.autocomp)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func stopAll() {
        for process in Array(workers.values) + [coordinator].compactMap({ $0 }) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs `body` with a client connected to the coordinator as "client".
    func withClient<Result: Sendable>(_ body: @Sendable (ClusterClient) async throws -> Result) async throws -> Result {
        let credentials = ClusterCredentials(
            certificate: certificates.certificate("client"), key: certificates.key("client"), authority: certificates.authority)
        let transport = try ClusterTransport.client(coordinator: ClusterAddress(host: "127.0.0.1", port: port), credentials: credentials)
        return try await withGRPCClient(transport: transport) { client in
            try await body(ClusterClient(client: WireCluster.Client(wrapping: client)))
        }
    }

    /// The job ids each worker's log reports as finished ("job ID attempt N finished").
    func finishedJobs() -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in workers.keys {
            for match in log(name).matches(of: /job ([0-9a-f-]+) attempt \d+ finished/) {
                counts[String(match.1), default: 0] += 1
            }
        }
        return counts
    }

    /// Runs an `autocomp` command to its end; returns its exit status and its output and errors.
    func runCommand(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let name = "command-\(UUID().uuidString.prefix(6))"
        let process = try launch(arguments, log: name)
        process.waitUntilExit()
        return (process.terminationStatus, log(name))
    }

    /// The coordinator's metrics page, fetched with curl.
    func metrics() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--max-time", "10", "http://127.0.0.1:\(metricsPort)/metrics"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
