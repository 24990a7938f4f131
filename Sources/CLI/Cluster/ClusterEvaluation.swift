import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import Simulator
import Worker

/// `autocomp eval` on a cluster: the problem's solutions as jobs, run on the given coordinator
/// or an embedded one, and the results printed as the local evaluation prints them.
enum ClusterEvaluation {
    /// One job holding every solution (batch mode), or one job per solution.
    static func jobs(
        problem: Problem, accelerator: GemminiConfiguration, solutions: [SolutionSource], expectedParameters: [String],
        repeatCount: Int?, timeout: Double, batch: Bool, modelCycles: Bool
    ) -> [WireJobSpec] {
        let groups = batch ? [solutions] : solutions.map { [$0] }
        return groups.map { group in
            .with {
                $0.harness = problem.harness
                $0.harnessName = "\(problem.id)/harness.c"
                $0.candidates = group.map { solution in .with { $0.name = solution.name; $0.body = solution.text } }
                $0.accelerator = accelerator.name
                if GemminiConfiguration.builtIn(named: accelerator.name) != accelerator {
                    $0.acceleratorJson = AcceleratorCatalog.json(accelerator)
                }
                $0.repeatCount = UInt32(repeatCount ?? 0)
                $0.batch = batch
                $0.modelCycles = modelCycles
                $0.expectedParameters = expectedParameters
                $0.limits.runSeconds = timeout
                $0.runtimeVersion = RuntimeIdentity.version
            }
        }
    }

    /// Runs the jobs on the command's coordinator, or on an embedded one.
    static func run(_ jobs: [WireJobSpec], label: String, command: EvaluateCommand, compiler: CrossCompiler) async throws -> [WireJobResult] {
        if let coordinator = command.coordinator {
            let address = try parseAddress(coordinator, option: "--coordinator")
            let credentials = try command.certificates.credentials(for: "autocomp eval --coordinator")
            do {
                return try await RemoteCluster.with(address: address, credentials: credentials) { try await $0.run(jobs, label: label) }
            } catch {
                printError("autocomp eval: \(RemoteCluster.describe(error, address: address))")
                throw ExitCode(1)
            }
        }
        let keepDirectory = command.out != nil
        let directory = URL(fileURLWithPath: command.out ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("autocomp-eval-\(getpid())-\(UUID().uuidString.prefix(8))").path)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            printError("autocomp eval: --out \(directory.path): cannot create the directory (\(error.localizedDescription))")
            throw ExitCode(1)
        }
        defer { if !keepDirectory { try? FileManager.default.removeItem(at: directory) } }
        let database = directory.appendingPathComponent("jobs.sqlite").path
        let slots = command.slots ?? ProcessInfo.processInfo.activeProcessorCount
        do {
            return try await EmbeddedCluster.with(database: database, slots: slots, compiler: compiler) { try await $0.run(jobs, label: label) }
        } catch {
            printError("autocomp eval: \(error)")
            throw ExitCode(1)
        }
    }

    /// Prints a line per candidate (and the feedback of correct ones); returns whether all are correct.
    static func printResults(_ results: [WireJobResult], ideal: Double) -> Bool {
        let candidates = results.flatMap(\.candidates)
        let width = candidates.map(\.name.count).max() ?? 0
        for candidate in candidates {
            let name = candidate.name.padding(toLength: width, withPad: " ", startingAt: 0)
            switch candidate.status {
            case .correct:
                let share = candidate.cycles > 0 ? String(format: "%.1f%%", ideal / Double(candidate.cycles) * 100) : "-"
                print("  \(name)  correct    \(candidate.cycles) cycles (\(share) of peak)")
                if candidate.hasFeedback { EvaluateCommand.printFeedback(candidate.feedback) }
            case .incorrect:
                print("  \(name)  incorrect  \(candidate.reason)")
            default:
                print("  \(name)  failed     \(candidate.reason)")
                if !candidate.diagnostics.isEmpty { printError(candidate.diagnostics.trimmingCharacters(in: .newlines)) }
            }
        }
        let cached = results.filter(\.cached).count
        let seconds = results.filter { !$0.cached }.reduce(0) { $0 + $1.wallSeconds }
        var summary = "  \(results.count) job\(results.count == 1 ? "" : "s")"
        if results.count == 1 && candidates.count > 1 { summary += " (one program for all \(candidates.count) solutions)" }
        summary += String(format: ", %.2f s on the workers", seconds)
        if cached > 0 { summary += ", \(cached) answered from the result cache" }
        print(summary)
        return candidates.allSatisfy { $0.status == .correct }
    }
}
