import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import Simulator
import Worker

/// `autocomp eval`: evaluates solutions of a benchmark problem on the simulator.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate solutions of a benchmark problem: correctness and cycles.",
        discussion: """
            Each solution is a C file holding `void solution(...) { ... }` with the problem's \
            signature (see its start.c); its body runs inside the problem's harness, which checks \
            the output against a gold result and reports the fastest of REPEAT runs. Several \
            solutions are built into one program (batch mode). `start`, `library` and \
            `hardware_loop` name the problem's own solutions (write ./start for a file of that name). \
            The exit status is 0 when every solution is correct, 1 otherwise.
            """
    )

    @Option(help: ArgumentHelp("The problem (see `autocomp problems`).", valueName: "id"))
    var problem: String

    @Option(help: ArgumentHelp("A solution file, or start, library or hardware_loop. Repeatable.", valueName: "file.c"))
    var solution: [String] = []

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Runs per solution, instead of the problem's own count.", valueName: "N"))
    var repeatCount: Int?

    @Option(help: ArgumentHelp("Stop a program after this many seconds of wall-clock time.", valueName: "seconds"))
    var timeout: Double = 600

    @Flag(help: "Build one program per solution instead of one program for all of them.")
    var noBatch = false

    @Option(help: ArgumentHelp("Model cycles (on) or count instructions (off: faster, cycles are instructions).", valueName: "on|off"))
    var timing: TimingMode = .on

    @Flag(help: "Evaluate in this process (no job store) and keep the build directory (assembled C and programs); prints its path.")
    var keep = false

    @Option(help: ArgumentHelp("Evaluate on this cluster coordinator instead of an embedded one.", valueName: "host:port"))
    var coordinator: String?

    @OptionGroup var certificates: CertificateOptions

    @Option(help: ArgumentHelp("The run directory of the embedded coordinator (its job store is jobs.sqlite there); kept.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Jobs the embedded coordinator's local worker runs at once (default: one per core).", valueName: "N"))
    var slots: Int?

    func validate() throws {
        if solution.isEmpty { throw ValidationError("give at least one --solution FILE.c (or start, library, hardware_loop)") }
        if let repeatCount, repeatCount < 1 { throw ValidationError("--repeat \(repeatCount): must be at least 1") }
        if !(timeout > 0) { throw ValidationError("--timeout \(timeout): must be positive") }
        if let coordinator {
            _ = try parseAddress(coordinator, option: "--coordinator")
            if keep { throw ValidationError("--keep evaluates in this process; it cannot be combined with --coordinator") }
            if out != nil || slots != nil { throw ValidationError("--out and --slots configure the embedded coordinator; not with --coordinator") }
        } else if certificates.anyGiven {
            throw ValidationError("--cert, --key and --ca are for --coordinator")
        }
        if let slots, !(1...1024).contains(slots) { throw ValidationError("--slots \(slots): must be from 1 to 1024") }
    }

    func run() async throws {
        let catalog = try loadCatalogOrExit(command: "autocomp eval")
        let problem: Problem
        do {
            problem = try catalog.problem(id: self.problem)
        } catch {
            printError("autocomp eval: \(error.description)")
            throw ExitCode(1)
        }
        let accelerator = try resolveOrExit(problem.accelerator, command: "autocomp eval")
        let sources = try solution.map(loadSolution(problem))
        let expected: [String]
        let compiler: CrossCompiler
        do {
            expected = try SolutionFunction.parameterNames(ofSignature: problem.signature)
            compiler = try CrossCompiler.locate()
        } catch {
            printError("autocomp eval: \(error)")
            throw ExitCode(1)
        }

        let ideal = problem.idealCycles(arrayDim: accelerator.dim)
        print("\(problem.id) on \(accelerator.name): \(problem.title)")
        let repeats = repeatCount ?? problem.repeatCount
        print("  \(problem.macs) MACs, ideal \(String(format: "%.0f", ideal)) cycles (MACs / \(accelerator.dim)²), \(repeats) repeat\(repeats == 1 ? "" : "s")")
        fflush(nil)

        if !keep {
            let jobs = ClusterEvaluation.jobs(
                problem: problem, accelerator: accelerator, solutions: sources, expectedParameters: expected,
                repeatCount: repeatCount, timeout: timeout, batch: !noBatch, modelCycles: timing == .on)
            let results = try await ClusterEvaluation.run(jobs, label: "eval \(problem.id)", command: self, compiler: compiler)
            let allCorrect = ClusterEvaluation.printResults(results, ideal: ideal)
            if !allCorrect { throw ExitCode(1) }
            return
        }

        let pool = SimulatorPool()
        defer { pool.shutdown() }
        let request = EvaluationRequest(
            harness: problem.harness, harnessName: "\(problem.id)/harness.c", solutions: sources, accelerator: accelerator,
            repeatCount: repeatCount, expectedParameters: expected, timeoutSeconds: timeout, keepFiles: keep, batch: !noBatch)
        var timedRequest = request
        timedRequest.modelsCycles = timing == .on
        let report: EvaluationReport
        do {
            report = try await HarnessEvaluator(compiler: compiler, pool: pool).evaluate(timedRequest)
        } catch {
            printError("autocomp eval: \(error)")
            throw ExitCode(1)
        }
        printReport(report, ideal: ideal)
        if !report.allCorrect { throw ExitCode(1) }
    }

    /// A solution argument's name and text.
    private func loadSolution(_ problem: Problem) -> (String) throws -> SolutionSource {
        { argument in
            if let baseline = ProblemBaseline(rawValue: argument) {
                return SolutionSource(name: baseline.fileName, text: problem.solution(baseline))
            }
            do {
                return SolutionSource(name: argument, text: try String(contentsOfFile: argument, encoding: .utf8))
            } catch {
                printError("autocomp eval: --solution \(argument): cannot read the file (\(error.localizedDescription))")
                throw ExitCode(1)
            }
        }
    }

    /// The cycle model's findings for a solution's timed region, as the planner will see them.
    static func printFeedback(_ f: WireHardwareFeedback) {
        func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
        print("      array \(percent(f.meshUtilization)) utilized; busy: load \(percent(f.loadBusy)), store \(percent(f.storeBusy)), execute \(percent(f.executeBusy))")
        print(String(format: "      DMA %.1f B/cycle (%llu B read, %llu B written); scratchpad %.0f of %.0f KB, accumulator %.0f of %.0f KB",
                     f.dmaBytesPerCycle, f.dmaBytesRead, f.dmaBytesWritten, f.scratchpadKb, f.scratchpadCapacityKb,
                     f.accumulatorKb, f.accumulatorCapacityKb))
        print("      waiting: on DMA \(f.waitingOnDmaCycles), on dependencies \(f.waitingOnDependenciesCycles), on a full station \(f.reservationStationFullCycles), on the host \(f.waitingOnHostCycles) cycles; bank conflicts \(f.bankConflictCycles) cycles")
    }

    private func printReport(_ report: EvaluationReport, ideal: Double) {
        let width = report.solutions.map(\.name.count).max() ?? 0
        for solution in report.solutions {
            let name = solution.name.padding(toLength: width, withPad: " ", startingAt: 0)
            switch solution.result {
            case .correct(let cycles):
                let share = cycles > 0 ? String(format: "%.1f%%", ideal / Double(cycles) * 100) : "-"
                print("  \(name)  correct    \(cycles) cycles (\(share) of peak)")
                if let region = solution.region, let feedback = region.accelerator {
                    Self.printFeedback(JobExecutor.feedback(feedback, cycles: region.cycles))
                }
            case .incorrect(let reason):
                print("  \(name)  incorrect  \(reason)")
            case .failed(let reason):
                print("  \(name)  failed     \(reason)")
                if !solution.diagnostics.isEmpty { printError(solution.diagnostics.trimmingCharacters(in: .newlines)) }
            }
        }
        let simulated = report.programs.compactMap(\.simulation)
        let seconds = simulated.reduce(0) { $0 + $1.wallSeconds }
        let instructions = simulated.reduce(0) { $0 + $1.instret }
        let batch = report.programs.first.map { $0.solutions.count > 1 } ?? false
        var summary = "  \(report.programs.count) program\(report.programs.count == 1 ? "" : "s")"
        if batch { summary += " (the first one holds all \(report.programs[0].solutions.count) solutions)" }
        summary += String(format: ", %.2f s of simulation, %llu instructions simulated", seconds, instructions)
        print(summary)
        if let directory = report.directory { print("  Build directory: \(directory.path)") }
    }
}
