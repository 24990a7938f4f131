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

            A board file describes an FPGA (or other) machine that runs the compiled programs \
            instead of the simulator, one at a time:
              {"name": "vcu118-0", "accelerator": "int8_16x16",
               "command": ["firesim-run-elf", "--elf", "{elf}"],
               "timeoutSeconds": 900, "console": "stdout"}
            {elf} is the program to run and {dir} a scratch directory; "console" is "stdout" \
            (the command's output) or "file:PATH" (read when the command ends, e.g. \
            "file:{dir}/uartlog"). Results come from the harness's own cycle counter.
            """
    )

    @Option(help: ArgumentHelp("The coordinator to work for.", valueName: "host:port"))
    var coordinator: String

    @OptionGroup var certificates: CertificateOptions

    @Option(help: ArgumentHelp("Jobs to run at once on the simulator (default: one per core; 0 with --board: boards only).", valueName: "N"))
    var slots: Int?

    @Option(help: ArgumentHelp("This worker's name in `autocomp status` (default: the host name).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("A board this worker drives, described in a JSON file (repeatable; the format is described above).", valueName: "file"))
    var board: [String] = []

    @Option(help: ArgumentHelp("How long a drain waits for running jobs before handing them back.", valueName: "seconds"))
    var drainSeconds: Double = 300

    func validate() throws {
        _ = try parseAddress(coordinator, option: "--coordinator")
        if let slots, !(0...1024).contains(slots) { throw ValidationError("--slots \(slots): must be from 0 to 1024") }
        if slots == 0 && board.isEmpty { throw ValidationError("--slots 0 needs at least one --board: the worker would have nothing to run jobs on") }
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
        let pool = SimulatorPool(threads: max(slots, 1))
        defer { pool.shutdown() }
        let workerName = name ?? ProcessInfo.processInfo.hostName
        var executor = JobExecutor(evaluator: HarnessEvaluator(compiler: compiler, pool: pool))
        let accelerators = GemminiConfiguration.builtIn.map(\.name)
        var boards: [BoardConfiguration] = []
        for path in board {
            do {
                boards.append(try BoardConfiguration.load(path: path, knownAccelerators: accelerators))
            } catch {
                printError("autocomp worker: \(error)")
                throw ExitCode(1)
            }
        }
        if let duplicate = Dictionary(grouping: boards, by: \.name).first(where: { $0.value.count > 1 })?.key {
            printError("autocomp worker: two boards are named \(duplicate)")
            throw ExitCode(1)
        }
        executor.boards = Dictionary(uniqueKeysWithValues: boards.map { ($0.name, BoardRunner(board: $0)) })

        let transport = try ClusterTransport.client(coordinator: address, credentials: credentials)
        let client = GRPCClient(transport: transport)
        var options = WorkerAgent.Options(name: workerName, slots: slots, accelerators: slots > 0 ? accelerators : [])
        options.boards = boards.map { board in .with { $0.name = board.name; $0.accelerator = board.accelerator } }
        options.drainSeconds = drainSeconds
        let agent = WorkerAgent(client: WireCluster.Client(wrapping: client), options: options, log: WorkerLog.line) { [executor] job, board in
            let result = await executor.run(job, board: board, workerName: workerName)
            WorkerLog.line(WorkerLog.summary(of: result, job: job))
            return result
        }
        let signals = TerminationSignals { _ in agent.drain() }
        defer { withExtendedLifetime(signals) {} }
        let boardNote = boards.isEmpty ? "" : ", boards \(boards.map(\.name).joined(separator: ", "))"
        WorkerLog.line("worker \(workerName): \(slots) slot\(slots == 1 ? "" : "s")\(boardNote), coordinator \(address), runtime \(RuntimeIdentity.version)")

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
