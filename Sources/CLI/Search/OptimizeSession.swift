import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import Simulator
import Worker

/// One `autocomp optimize` invocation: settles the run (new or resumed), picks the agent and
/// the cluster, runs the search with a progress display and prints the summary.
struct OptimizeSession {
    let command: OptimizeCommand
    let problem: Problem
    let accelerator: GemminiConfiguration
    let configuration: SearchConfiguration
    let directory: URL
    let store: RunStore
    let models: (planning: [String], coding: [String])
    let resumed: Bool

    init(command: OptimizeCommand) throws {
        self.command = command
        let catalog = try loadCatalogOrExit(command: "autocomp optimize")
        do {
            if let resume = command.resume {
                directory = URL(fileURLWithPath: resume)
                let database = directory.appendingPathComponent("run.sqlite").path
                guard FileManager.default.fileExists(atPath: database) else {
                    throw SearchError("--resume \(resume): no run.sqlite there (not a run directory)")
                }
                store = try RunStore(path: database)
                guard let problemID = try store.value(for: "problem"),
                      var saved = try store.json(SearchConfiguration.self, for: "configuration"),
                      let savedModels = try store.json([[String]].self, for: "models"), savedModels.count == 2 else {
                    throw SearchError("--resume \(resume): the run database holds no run settings")
                }
                if let iterations = command.iterations { saved.iterations = iterations }
                if let earlyStop = command.earlyStop { saved.earlyStopAfter = earlyStop }
                try saved.validate()
                try store.setJSON(saved, for: "configuration")
                problem = try catalog.problem(id: problemID)
                configuration = saved
                models = (savedModels[0], savedModels[1])
                resumed = true
            } else {
                problem = try catalog.problem(id: command.problem!)
                var configuration = SearchConfiguration()
                if let value = command.iterations { configuration.iterations = value }
                if let value = command.beam { configuration.beamWidth = value }
                if let value = command.plans { configuration.plansPerEntry = value }
                if let value = command.codes { configuration.codesPerPlan = value }
                if let value = command.keep { configuration.keepProbability = value }
                if let value = command.seed { configuration.seed = value }
                if let value = command.earlyStop { configuration.earlyStopAfter = value }
                if let value = command.repairs { configuration.repairAttempts = value }
                if let value = command.temperature { configuration.temperature = value }
                configuration.singlePhase = command.singlePhase
                configuration.utilizationFeedback = !command.latencyOnly
                configuration.hardwareFeedback = !command.latencyOnly
                if let reuse = command.reuse { configuration.reuse = try Trajectory.load(path: reuse) }
                try configuration.validate()
                self.configuration = configuration
                models = (command.models, command.codeModels.isEmpty ? command.models : command.codeModels)
                directory = URL(fileURLWithPath: command.out ?? Self.defaultDirectory(for: problem.id))
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("run.sqlite").path) {
                    throw SearchError("--out \(directory.path) already holds a run: continue it with --resume \(directory.path), or choose another directory")
                }
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
                try store.setValue(problem.id, for: "problem")
                try store.setJSON(configuration, for: "configuration")
                try store.setJSON([models.planning, models.coding], for: "models")
                resumed = false
            }
        } catch {
            printError("autocomp optimize: \(error)")
            throw ExitCode(1)
        }
        accelerator = try resolveOrExit(problem.accelerator, command: "autocomp optimize")
    }

    static func defaultDirectory(for problem: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return "runs/\(problem)-\(formatter.string(from: Date()))"
    }

    func makeAgent() throws -> any Agent {
        if models.planning.isEmpty {
            do {
                return try OfflineAgent(problem: problem)
            } catch {
                throw SearchError("\(error); give --model provider::model to use an LLM")
            }
        }
        return try command.llm.makeAgent(planning: models.planning, coding: models.coding, configuration: configuration)
    }

    func run() async throws {
        let agent: any Agent
        do {
            agent = try makeAgent()
        } catch {
            printError("autocomp optimize: \(error)")
            throw ExitCode(1)
        }
        let display = ProgressDisplay(totalIterations: configuration.totalIterations, idealCycles: problem.idealCycles(arrayDim: accelerator.dim))
        display.line("autocomp optimize \(problem.id): \(resumed ? "resuming" : "run") in \(directory.path)")
        display.line("  agent: \(models.planning.isEmpty ? "offline (built in)" : models.planning.joined(separator: ", "))" +
                     (models.coding != models.planning ? "; coding: \(models.coding.joined(separator: ", "))" : "") +
                     "; beam \(configuration.beamWidth), \(configuration.plansPerEntry) plans x \(configuration.codesPerPlan) codes, " +
                     "\(configuration.iterations) iterations, keep \(configuration.keepProbability), seed \(configuration.seed)" +
                     (configuration.reuse.map { "; replaying \($0.steps.count) steps from \($0.problemID)" } ?? ""))
        let trace = RunTrace(directory: directory, store: store, problem: problem, arrayDim: accelerator.dim)
        let started = Date()
        do {
            try trace.writeMetadata(configuration: configuration, models: models, versions: [
                "autocomp": ProtocolVersion.string, "runtime": RuntimeIdentity.version, "simulator_model": RuntimeIdentity.simulatorModel,
            ])
        } catch {
            printError("autocomp optimize: cannot write to \(directory.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }

        let outcome: SearchOutcome
        do {
            outcome = try await withCluster { client in
                var evaluator = CandidateEvaluator(
                    client: client, problem: problem, accelerator: accelerator.name,
                    acceleratorJSON: GemminiConfiguration.builtIn(named: accelerator.name) == accelerator ? "" : AcceleratorCatalog.json(accelerator),
                    runtimeVersion: RuntimeIdentity.version)
                evaluator.runSeconds = 600
                let search = BeamSearch(
                    problem: problem, configuration: configuration, agent: agent, evaluator: evaluator, store: store,
                    events: { event in
                        display.handle(event)
                        if case .iterationFinished = event { try? writeTrace(trace, started: started) }
                    })
                return try await search.run()
            }
        } catch {
            display.finish()
            printError("autocomp optimize: \(error)")
            printError("autocomp optimize: everything so far is kept; continue with: autocomp optimize --resume \(directory.path)")
            throw ExitCode(1)
        }
        display.finish()
        do {
            try trace.write(outcome: outcome.beams, baselines: outcome.baselines, wallSeconds: Date().timeIntervalSince(started))
        } catch {
            printError("autocomp optimize: cannot write the trace: \(error.localizedDescription)")
        }
        printSummary(outcome, seconds: Date().timeIntervalSince(started))
    }

    private func writeTrace(_ trace: RunTrace, started: Date) throws {
        let beams = try store.beams().sorted { $0.key < $1.key }.map { entry in try entry.value.compactMap { try store.candidate(id: $0)?.candidate } }
        try trace.write(outcome: beams, baselines: try store.baselines(), wallSeconds: Date().timeIntervalSince(started))
    }

    /// Runs the body with a client of the configured cluster: a remote coordinator, or an
    /// embedded one whose job store lives in the run directory.
    private func withCluster<Result: Sendable>(_ body: @Sendable (ClusterClient) async throws -> Result) async throws -> Result {
        if let coordinator = command.coordinator {
            let address = try parseAddress(coordinator, option: "--coordinator")
            let credentials = try command.certificates.credentials(for: "autocomp optimize --coordinator")
            do {
                return try await RemoteCluster.with(address: address, credentials: credentials, body)
            } catch let error as SearchError {
                throw error
            } catch {
                throw SearchError(RemoteCluster.describe(error, address: address))
            }
        }
        let compiler: CrossCompiler
        do {
            compiler = try CrossCompiler.locate()
        } catch {
            throw SearchError("\(error)")
        }
        let slots = command.slots ?? ProcessInfo.processInfo.activeProcessorCount
        return try await EmbeddedCluster.with(
            database: directory.appendingPathComponent("jobs.sqlite").path, slots: slots, compiler: compiler, body)
    }

    private func printSummary(_ outcome: SearchOutcome, seconds: Double) {
        let ideal = problem.idealCycles(arrayDim: accelerator.dim)
        let start = outcome.start.cycles ?? 0
        let best = outcome.best
        let bestCycles = best.cycles ?? start
        func row(_ name: String, _ outcome: SearchCandidate.Outcome?) -> [String] {
            guard let outcome, let cycles = outcome.cycles, outcome.status == .correct else {
                return [name, outcome.map { "(\($0.status.rawValue))" } ?? "-", "", ""]
            }
            return [name, "\(cycles)", String(format: "%.1f%%", ideal / Double(cycles) * 100), String(format: "%.2fx", Double(start) / Double(cycles))]
        }
        var rows = [["", "CYCLES", "UTILIZATION", "SPEEDUP"]]
        rows.append(row("starting code", outcome.baselines["start"]))
        rows.append(row("software library", outcome.baselines["library"]))
        rows.append(row("hardware loop", outcome.baselines["hardware_loop"]))
        rows.append(row("best found (\(best.id))", best.outcome))
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        print("")
        for row in rows {
            print("  " + row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  "))
        }
        let usage = try? store.totalUsage()
        let evaluated = (try? store.candidates().filter { ![.duplicate, .badReply, .pending].contains($0.candidate.outcome.status) }.count) ?? 0
        var facts = ["\(max(evaluated - 1, 0)) candidates evaluated", String(format: "%.0f s", seconds), outcome.stopReason]
        if let usage, usage.calls > 0 {
            facts.append("LLM: \(usage.calls) calls (\(usage.cachedCalls) cached), \(usage.input + usage.output) tokens" +
                         (usage.cost.map { String(format: ", $%.2f", $0) } ?? ""))
        }
        print("  " + facts.joined(separator: "; "))
        print("  best code: \(directory.appendingPathComponent("best.c").path); run directory: \(directory.path)")
        print(String(format: "best: %llu cycles, speedup %.2f x over the starting code, utilization %.1f%%",
                     bestCycles, Double(start) / Double(bestCycles), ideal / Double(bestCycles) * 100))
    }
}
