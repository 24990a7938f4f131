import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// `autocomp serve`: the cluster's coordinator.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the cluster's coordinator: a job queue that workers lease from over mutual TLS.",
        discussion: """
            Jobs, leases, results and the result cache live in the SQLite file given by --db, so \
            a coordinator that stops or crashes resumes where it was when started again with the \
            same file. Only peers whose certificate chains to --ca are accepted. A job whose \
            worker stops heartbeating for --lease-seconds goes back to the queue. SIGTERM or \
            SIGINT stops it gracefully.
            """
    )

    @Option(help: ArgumentHelp("Where to listen (port 0: any free port, printed).", valueName: "host:port"))
    var listen: String = "0.0.0.0:7700"

    @OptionGroup var certificates: CertificateOptions

    @Option(help: ArgumentHelp("The job store (SQLite, created if missing).", valueName: "file"))
    var db: String

    @Option(help: ArgumentHelp("Serve Prometheus metrics over plain HTTP at http://HOST:PORT/metrics.", valueName: "host:port"))
    var metrics: String?

    @Option(help: ArgumentHelp("How long a lease lives without a heartbeat.", valueName: "seconds"))
    var leaseSeconds: Double = 30

    func validate() throws {
        _ = try parseAddress(listen, option: "--listen")
        if let metrics { _ = try parseAddress(metrics, option: "--metrics") }
        if !(leaseSeconds >= 1) { throw ValidationError("--lease-seconds \(leaseSeconds): must be at least 1") }
    }

    func run() async throws {
        let credentials = try certificates.credentials(for: "autocomp serve")
        let address = try parseAddress(listen, option: "--listen")
        let store: JobStore
        do {
            store = try JobStore(path: db)
        } catch {
            printError("autocomp serve: \(error)")
            throw ExitCode(1)
        }
        var options = CoordinatorOptions()
        options.leaseSeconds = leaseSeconds
        let service = ClusterService(store: store, options: options)
        try await service.prepareForRestart()

        let transport = ClusterTransport.server(listen: address, credentials: credentials)
        let server = GRPCServer(transport: transport, services: [service])
        let endpoint: MetricsEndpoint?
        if let metrics {
            let metricsAddress = try parseAddress(metrics, option: "--metrics")
            do {
                endpoint = try await MetricsEndpoint.start(host: metricsAddress.host, port: metricsAddress.port) { await service.metricsText() }
            } catch {
                printError("autocomp serve: --metrics \(metrics): cannot listen (\(error))")
                throw ExitCode(1)
            }
        } else {
            endpoint = nil
        }
        let signals = TerminationSignals { _ in
            printError("autocomp serve: stopping (finishing calls in progress)")
            server.beginGracefulShutdown()
        }
        defer { withExtendedLifetime(signals) {} }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { await service.runHousekeeping() }
            do {
                let bound = try await transport.listeningAddress
                let shown = bound.ipv4.map { "\($0.host):\($0.port)" } ?? bound.ipv6.map { "[\($0.host)]:\($0.port)" } ?? "\(bound)"
                var line = "autocomp serve: listening on \(shown) (mutual TLS), job store \(db)"
                if let endpoint { line += ", metrics on port \(endpoint.port)" }
                print(line)
                fflush(nil)
                // Returns when the server stops (gracefully, after a signal) or fails.
                try await group.next()
            } catch {
                printError("autocomp serve: \(ServeCommand.describe(error))")
                group.cancelAll()
                throw ExitCode(1)
            }
            group.cancelAll()
        }
        await endpoint?.close()
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? RuntimeError { return error.message + (error.cause.map { ": \($0)" } ?? "") }
        return "\(error)"
    }
}
