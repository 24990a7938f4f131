import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// `autocomp status`: what a coordinator is doing.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a coordinator's workers, queue and throughput."
    )

    @Option(help: ArgumentHelp("The coordinator.", valueName: "host:port"))
    var coordinator: String

    @OptionGroup var certificates: CertificateOptions

    func validate() throws {
        _ = try parseAddress(coordinator, option: "--coordinator")
    }

    func run() async throws {
        let credentials = try certificates.credentials(for: "autocomp status")
        let address = try parseAddress(coordinator, option: "--coordinator")
        let status: WireStatusResponse
        do {
            status = try await RemoteCluster.with(address: address, credentials: credentials) { try await $0.status() }
        } catch {
            printError("autocomp status: \(RemoteCluster.describe(error, address: address))")
            throw ExitCode(1)
        }
        print("coordinator \(address): protocol \(status.version), up \(Self.duration(status.uptimeSeconds))")
        print("jobs: \(status.queued) queued, \(status.running) running, \(status.done) done, \(status.cancelled) cancelled" +
              (status.unroutable > 0 ? "; \(status.unroutable) queued jobs no live worker can run" : ""))
        print(String(format: "throughput: %.2f jobs/s over the last minute; %llu completed and %llu answered from the cache since start",
                     status.jobsPerSecond, status.completedSinceStart, status.cacheHits))
        print("workers: \(status.workers.count)")
        guard !status.workers.isEmpty else { return }
        let rows = status.workers.map { worker in
            [worker.name, "\(worker.running)/\(worker.capabilities.slots)", "\(worker.completed)",
             String(format: "%.1f s ago", Double(worker.lastSeenMs) / 1000),
             (worker.capabilities.accelerators + worker.capabilities.boards.map { "board \($0.name) (\($0.accelerator))" }).joined(separator: ", ")
                + (worker.draining ? " [draining]" : "")]
        }
        printTable(header: ["NAME", "RUNNING", "DONE", "LAST SEEN", "RUNS"], rows: rows)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 120 ? String(format: "%.0f s", seconds) : seconds < 7200 ? String(format: "%.0f min", seconds / 60) : String(format: "%.1f h", seconds / 3600)
    }

    private func printTable(header: [String], rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print("  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  "))
        }
    }
}

/// A connection to a remote coordinator for one piece of work.
enum RemoteCluster {
    static func with<Result: Sendable>(
        address: ClusterAddress, credentials: ClusterCredentials, _ body: @Sendable (ClusterClient) async throws -> Result
    ) async throws -> Result {
        try await ClusterConnection.with(coordinator: address, credentials: credentials) { try await body(ClusterClient(client: $0)) }
    }

    /// A one-line explanation of a failed call, with the likely cause for connection failures.
    static func describe(_ error: any Error, address: ClusterAddress) -> String {
        guard let rpc = error as? RPCError else { return "\(error)" }
        if rpc.code == .unavailable || rpc.code == .deadlineExceeded {
            return "cannot reach the coordinator at \(address) (\(rpc.code): \(rpc.message)); is it running, and do --cert/--ca belong to its cluster?"
        }
        return "\(rpc.code): \(rpc.message)"
    }
}
