import ClusterProtocol
import Foundation

/// Evaluates programs for the search by submitting them as cluster jobs (one job per program,
/// so that the cluster spreads them and the result cache answers repeats one by one).
public struct CandidateEvaluator: Sendable {
    public let client: ClusterClient
    public let problem: Problem
    /// The accelerator configuration's name and, for a configuration that is not built in, its JSON.
    public let accelerator: String
    public let acceleratorJSON: String
    /// The runtime version the jobs ask for (workers of another version do not take them).
    public let runtimeVersion: String
    public var runSeconds: Double = 600
    public var repeatCount: Int?

    public init(client: ClusterClient, problem: Problem, accelerator: String, acceleratorJSON: String = "", runtimeVersion: String) {
        self.client = client
        self.problem = problem
        self.accelerator = accelerator
        self.acceleratorJSON = acceleratorJSON
        self.runtimeVersion = runtimeVersion
    }

    /// A program to evaluate and the name it goes by.
    public struct Program: Sendable {
        public var name: String
        public var code: String
        public init(name: String, code: String) {
            self.name = name
            self.code = code
        }
    }

    public struct Evaluation: Sendable {
        public var outcome: SearchCandidate.Outcome
        public var timings: EvaluationTimings
        /// The job was cancelled before it finished (its outcome says nothing about the program).
        public var cancelled = false
    }

    /// Evaluates the programs; results in the same order.
    public func evaluate(_ programs: [Program], label: String, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [Evaluation] {
        guard !programs.isEmpty else { return [] }
        return try await results(of: try await submit(programs, label: label), progress: progress)
    }

    /// Queues the programs as jobs; returns their job ids in order.
    public func submit(_ programs: [Program], label: String) async throws -> [String] {
        guard !programs.isEmpty else { return [] }
        return try await client.submit(programs.map(job), label: label)
    }

    /// Waits for submitted jobs; results in the order of `ids`.
    public func results(of ids: [String], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [Evaluation] {
        guard !ids.isEmpty else { return [] }
        return try await client.results(of: ids, progress: progress).map(Self.evaluation)
    }

    /// The ids among `ids` the cluster does not know (submitted to another coordinator).
    public func unknownJobs(_ ids: [String]) async throws -> Set<String> {
        try await client.unknown(ids)
    }

    func job(for program: Program) -> WireJobSpec {
        .with {
            $0.harness = problem.harness
            $0.harnessName = "\(problem.id)/harness.c"
            $0.candidates = [.with { $0.name = program.name; $0.body = program.code }]
            $0.accelerator = accelerator
            $0.acceleratorJson = acceleratorJSON
            if let repeatCount { $0.repeatCount = UInt32(repeatCount) }
            $0.modelCycles = true
            $0.expectedParameters = problem.parameterNames
            $0.limits.runSeconds = runSeconds
            $0.runtimeVersion = runtimeVersion
        }
    }

    static func evaluation(of result: WireJobResult) -> Evaluation {
        let timings = EvaluationTimings(
            jobID: result.jobID, worker: result.workerName, compileSeconds: result.candidates.first?.compileSeconds ?? 0,
            runSeconds: result.candidates.first?.runSeconds ?? 0, cached: result.cached)
        if result.cancelled {
            return Evaluation(outcome: .init(status: .crash, reason: "cancelled"), timings: timings, cancelled: true)
        }
        guard let candidate = result.candidates.first else {
            return Evaluation(outcome: .init(status: .crash, reason: result.error.isEmpty ? "no result" : result.error), timings: timings)
        }
        return Evaluation(outcome: outcome(of: candidate), timings: timings)
    }

    static func outcome(of candidate: WireCandidateResult) -> SearchCandidate.Outcome {
        let status: SearchCandidate.Status
        switch candidate.status {
        case .correct: status = .correct
        case .incorrect: status = .incorrect
        case .compileError: status = .compileError
        case .timeout: status = .timeout
        case .rejected: status = .rejected
        default: status = .crash
        }
        var reason = candidate.reason.isEmpty ? nil : candidate.reason
        if status == .compileError, !candidate.diagnostics.isEmpty {
            reason = (reason.map { $0 + "\n" } ?? "") + String(candidate.diagnostics.prefix(2000))
        }
        return .init(
            status: status, cycles: status == .correct ? candidate.cycles : nil, reason: reason,
            feedback: candidate.hasFeedback ? summary(candidate.feedback) : nil)
    }

    static func summary(_ f: WireHardwareFeedback) -> HardwareSummary {
        HardwareSummary(
            meshUtilization: f.meshUtilization, loadBusy: f.loadBusy, storeBusy: f.storeBusy, executeBusy: f.executeBusy,
            waitingOnDMACycles: f.waitingOnDmaCycles, waitingOnDependenciesCycles: f.waitingOnDependenciesCycles,
            reservationStationFullCycles: f.reservationStationFullCycles, waitingOnHostCycles: f.waitingOnHostCycles,
            dmaBytesRead: f.dmaBytesRead, dmaBytesWritten: f.dmaBytesWritten, dmaBytesPerCycle: f.dmaBytesPerCycle,
            bankConflictCycles: f.bankConflictCycles, scratchpadKB: f.scratchpadKb, scratchpadCapacityKB: f.scratchpadCapacityKb,
            accumulatorKB: f.accumulatorKb, accumulatorCapacityKB: f.accumulatorCapacityKb)
    }
}
