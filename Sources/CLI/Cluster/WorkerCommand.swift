import ArgumentParser
import ClusterProtocol
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Simulator
import Worker

/// `autocomp worker`: runs jobs for a coordinator.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run jobs for a cluster coordinator: compile candidates and simulate them.",
        discussion: """
            The worker registers with the coordinator over mutual TLS, leases up to --slots jobs \
            at a time, and sends back each candidate's verdict, cycles and hardware feedback. It \
            reconnects with backoff when the coordinator is unreachable. On SIGTERM or SIGINT it \
            stops leasing, finishes its running jobs (up to --drain-seconds, then hands them back) \
            and exits.
            """
    )

    @Option(help: ArgumentHelp("The coordinator to work for.", valueName: "host:port"))
    var coordinator: String

    @OptionGroup var certificates: CertificateOptions

    @Option(help: ArgumentHelp("Jobs to run at once (default: one per core).", valueName: "N"))
    var slots: Int?

    @Option(help: ArgumentHelp("This worker's name in `autocomp status` (default: the host name).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("How long a drain waits for running jobs before handing them back.", valueName: "seconds"))
    var drainSeconds: Double = 300

    func validate() throws {
        _ = try parseAddress(coordinator, option: "--coordinator")
        if let slots, !(1...1024).contains(slots) { throw ValidationError("--slots \(slots): must be from 1 to 1024") }
    }

    func run() async throws {
        let credentials = try certificates.credentials(for: "autocomp worker")
        let address = try parseAddress(coordinator, option: "--coordinator")
        let compiler: CrossCompiler
        do {
            compiler = try CrossCompiler.locate()
        } catch {
            printError("autocomp worker: \(error)")
            throw ExitCode(1)
        }
        let slots = self.slots ?? ProcessInfo.processInfo.activeProcessorCount
        let pool = SimulatorPool(threads: slots)
        defer { pool.shutdown() }
        let workerName = name ?? ProcessInfo.processInfo.hostName
        let executor = JobExecutor(evaluator: HarnessEvaluator(compiler: compiler, pool: pool))

        let transport = try ClusterTransport.client(coordinator: address, credentials: credentials)
        let client = GRPCClient(transport: transport)
        var options = WorkerAgent.Options(name: workerName, slots: slots, accelerators: GemminiConfiguration.builtIn.map(\.name))
        options.drainSeconds = drainSeconds
        let agent = WorkerAgent(client: WireCluster.Client(wrapping: client), options: options, log: WorkerLog.line) { job, _ in
            let result = await executor.run(job, workerName: workerName)
            WorkerLog.line(WorkerLog.summary(of: result, job: job))
            return result
        }
        let signals = TerminationSignals { _ in agent.drain() }
        defer { withExtendedLifetime(signals) {} }
        WorkerLog.line("worker \(workerName): \(slots) slot\(slots == 1 ? "" : "s"), coordinator \(address), runtime \(RuntimeIdentity.version)")

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.runConnections() }
            do {
                try await agent.run()
            } catch {
                WorkerLog.line("stopping: \(error)")
                client.beginGracefulShutdown()
                throw ExitCode(1)
            }
            client.beginGracefulShutdown()
            group.cancelAll()
        }
        WorkerLog.line("drained; exiting")
    }
}

/// The worker's log: one timestamped line per event on standard error.
enum WorkerLog {
    @Sendable static func line(_ text: String) {
        let stamp = Date().formatted(.iso8601.time(includingFractionalSeconds: true))
        FileHandle.standardError.write(Data("[\(stamp)] \(text)\n".utf8))
    }

    static func summary(of result: WireJobResult, job: WireJob) -> String {
        let verdicts = result.candidates.map { candidate -> String in
            switch candidate.status {
            case .correct: "correct \(candidate.cycles) cycles"
            case .incorrect: "incorrect"
            case .compileError: "compile error"
            case .timeout: "timeout"
            case .crash: "crash"
            case .rejected: "rejected"
            default: "unknown"
            }
        }
        let summary = verdicts.count <= 4 ? verdicts.joined(separator: ", ") : "\(verdicts.filter { $0.hasPrefix("correct") }.count) of \(verdicts.count) correct"
        return "job \(job.jobID) attempt \(job.attempt) finished in \(String(format: "%.2f", result.wallSeconds)) s: \(result.error.isEmpty ? summary : result.error)"
    }
}
