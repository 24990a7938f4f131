@testable import CLI
import ClusterProtocol
import Coordinator
import Foundation
import Synchronization
import Worker

/// Programs for the search tests that say what they measure: `// cycles: N` makes the fake
/// worker report a correct run of N cycles, `// verdict: incorrect` (or compile_error, crash)
/// a failure. The worker counts how often it ran each program.
final class ScriptedWorker: Sendable {
    let runs = Mutex<[String: Int]>([:])

    var totalRuns: Int { runs.withLock { $0.values.reduce(0, +) } }
    var maxRunsOfOneProgram: Int { runs.withLock { $0.values.max() ?? 0 } }

    func execute(_ job: WireJob, _ board: String) async -> WireJobResult {
        try? await Task.sleep(for: .milliseconds(5))
        var result = WireJobResult()
        result.jobID = job.jobID
        result.attempt = job.attempt
        result.workerName = "scripted"
        result.candidates = job.spec.candidates.map { candidate in
            runs.withLock { $0[candidate.body, default: 0] += 1 }
            return Self.verdict(candidate)
        }
        return result
    }

    static func verdict(_ candidate: WireCandidate) -> WireCandidateResult {
        .with {
            $0.name = candidate.name
            if let match = candidate.body.firstMatch(of: /verdict: (\w+)/) {
                $0.status = match.1 == "incorrect" ? .incorrect : match.1 == "compile_error" ? .compileError : .crash
                $0.reason = "scripted \(match.1)"
            } else if let match = candidate.body.firstMatch(of: /cycles: (\d+)/) {
                $0.status = .correct
                $0.cycles = UInt64(match.1)!
                $0.feedback = feedback(cycles: $0.cycles)
            } else {
                // The problem's own baselines: fixed figures.
                $0.status = .correct
                $0.cycles = candidate.name.hasPrefix("library") ? 150_000 : candidate.name.hasPrefix("hardware") ? 20_000 : 100_000
                $0.feedback = feedback(cycles: $0.cycles)
            }
        }
    }

    /// A plausible hardware profile, so prompts carry utilization feedback.
    static func feedback(cycles: UInt64) -> WireHardwareFeedback {
        .with {
            $0.cycles = cycles
            $0.meshUtilization = 0.3
            $0.loadBusy = 0.6
            $0.executeBusy = 0.3
            $0.waitingOnDmaCycles = cycles / 3
            $0.scratchpadKb = 48
            $0.scratchpadCapacityKb = 256
            $0.accumulatorKb = 16
            $0.accumulatorCapacityKb = 64
        }
    }
}

/// An agent whose plans and codes come from closures, recording every request it gets.
final class ScriptedAgent: Agent, Sendable {
    struct Seen: Sendable {
        var plans: [(id: String, menu: [String], cycles: UInt64, code: String)] = []
        var codes: [(plan: String?, failed: String?, cycles: UInt64)] = []
        var hints: [String] = []
    }

    let seen = Mutex(Seen())
    let planReply: @Sendable (PlanRequest) -> AgentReply
    let codeReply: @Sendable (CodeRequest) -> AgentReply
    let supportsRepair: Bool
    var planningModels: [String] { ["scripted-a", "scripted-b"] }
    var codingModels: [String] { ["scripted-a"] }

    init(
        supportsRepair: Bool = true,
        plan: @escaping @Sendable (PlanRequest) -> AgentReply = ScriptedAgent.firstOption,
        code: @escaping @Sendable (CodeRequest) -> AgentReply
    ) {
        self.supportsRepair = supportsRepair
        self.planReply = plan
        self.codeReply = code
    }

    func plan(_ request: PlanRequest) async -> AgentReply {
        seen.withLock {
            $0.plans.append(("", request.menu.options.map(\.id), request.context.cycles, request.context.code))
            if let hint = request.hint { $0.hints.append(hint) }
        }
        return planReply(request)
    }

    func code(_ request: CodeRequest) async -> AgentReply {
        seen.withLock { $0.codes.append((request.plan, request.failedAttempt?.error, request.context.cycles)) }
        return codeReply(request)
    }

    /// Picks the first offered option; the plan names the parent's cycles and the sample.
    @Sendable static func firstOption(_ request: PlanRequest) -> AgentReply {
        let option = request.menu.options[0]
        let plan = "plan \(request.sampleIndex) for a \(request.context.cycles)-cycle program: \(option.text)"
        return AgentReply(prompt: "plan?", reply: plan, optionID: option.id, content: plan)
    }

    /// A program the scripted worker measures at `cycles`.
    static func program(cycles: UInt64, tag: String) -> String {
        let name = String(tag.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return "// cycles: \(cycles)\nvoid solution(elem_t A[256][256], elem_t B[256][256], elem_t C[256][256]) {\n  int v_\(name) = 0;\n}\n"
    }
}

/// Runs a search on an in-process cluster whose worker is `worker`.
func runSearch(
    problem: Problem, configuration: SearchConfiguration, agent: any Agent, store: RunStore, worker: ScriptedWorker,
    database: String, events: @escaping @Sendable (SearchEvent) -> Void = { _ in }
) async throws -> SearchOutcome {
    try await EmbeddedCluster.with(database: database, slots: 4, execute: worker.execute) { client in
        let evaluator = CandidateEvaluator(client: client, problem: problem, accelerator: problem.accelerator, runtimeVersion: "")
        return try await BeamSearch(problem: problem, configuration: configuration, agent: agent, evaluator: evaluator, store: store, events: events).run()
    }
}

func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
