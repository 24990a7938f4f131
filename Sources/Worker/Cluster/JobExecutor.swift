public import ClusterProtocol
import Foundation
public import Simulator

/// Runs a leased job: turns the wire job into an evaluation request, evaluates it (compile,
/// simulate, parse the harness's verdicts) and turns the report into the wire result.
public struct JobExecutor: Sendable {
    public let evaluator: HarnessEvaluator
    /// The boards this worker drives, by name.
    public var boards: [String: BoardRunner] = [:]
    /// Defaults for limits a job leaves at zero.
    public var defaultRunSeconds: Double = 600
    public var maxMemoryBytes: UInt64 = 2 << 30

    public init(evaluator: HarnessEvaluator) {
        self.evaluator = evaluator
    }

    /// Runs the job on the named board, or on the simulator when `board` is empty.
    public func run(_ job: WireJob, board: String = "", workerName: String) async -> WireJobResult {
        let started = Date()
        var result = WireJobResult()
        result.jobID = job.jobID
        result.attempt = job.attempt
        result.workerName = workerName
        defer { result.wallSeconds = Date().timeIntervalSince(started) }
        do {
            var request = try Self.request(for: job.spec, defaultRunSeconds: defaultRunSeconds, maxMemoryBytes: maxMemoryBytes)
            if !board.isEmpty {
                guard let runner = boards[board] else { throw JobError("this worker has no board named \(board)") }
                guard runner.board.accelerator == request.accelerator.name else {
                    throw JobError("board \(board) implements \(runner.board.accelerator), the job needs \(request.accelerator.name)")
                }
                request.board = runner
                request.modelsCycles = false
            }
            let report = try await evaluator.evaluate(request)
            result.candidates = report.solutions.map { Self.wireResult($0, in: report) }
        } catch {
            result.error = "\(error)"
            result.candidates = job.spec.candidates.map { candidate in
                .with { $0.name = candidate.name; $0.status = .rejected; $0.reason = "\(error)" }
            }
        }
        result.wallSeconds = Date().timeIntervalSince(started)
        return result
    }

    /// The evaluation a job asks for. Accelerators are resolved by built-in name or from the
    /// job's JSON only, never from a file of this machine.
    static func request(for spec: WireJobSpec, defaultRunSeconds: Double, maxMemoryBytes: UInt64) throws -> EvaluationRequest {
        let accelerator: GemminiConfiguration
        if !spec.acceleratorJson.isEmpty {
            do {
                accelerator = try JSONDecoder().decode(GemminiConfiguration.self, from: Data(spec.acceleratorJson.utf8))
            } catch {
                throw JobError("the job's accelerator_json is not a configuration: \(error)")
            }
            do {
                try accelerator.validate()
            } catch {
                throw JobError("the job's accelerator_json: \(error)")
            }
        } else if let builtIn = GemminiConfiguration.builtIn(named: spec.accelerator) {
            accelerator = builtIn
        } else {
            throw JobError("unknown accelerator configuration \"\(spec.accelerator)\"")
        }
        var request = EvaluationRequest(
            harness: spec.harness, harnessName: spec.harnessName.isEmpty ? "harness.c" : spec.harnessName,
            solutions: spec.candidates.map { SolutionSource(name: $0.name, text: $0.body) },
            accelerator: accelerator,
            repeatCount: spec.repeatCount > 0 ? Int(spec.repeatCount) : nil,
            expectedParameters: spec.expectedParameters.isEmpty ? nil : spec.expectedParameters,
            timeoutSeconds: spec.limits.runSeconds > 0 ? spec.limits.runSeconds : defaultRunSeconds,
            memorySize: spec.limits.memoryBytes > 0 ? min(spec.limits.memoryBytes, maxMemoryBytes) : 512 << 20,
            batch: spec.batch)
        request.modelsCycles = spec.modelCycles
        let limits = spec.limits
        if limits.maxInstructions > 0 { request.maxInstructions = limits.maxInstructions }
        if limits.compileSeconds > 0 { request.compileTimeoutSeconds = min(limits.compileSeconds, 600) }
        if limits.maxOutputBytes > 0 { request.outputLimit = Int(min(limits.maxOutputBytes, 16 << 20)) }
        return request
    }

    /// Console lines kept per candidate in its result.
    static let consoleTailLines = 20

    static func wireResult(_ solution: EvaluationReport.Solution, in report: EvaluationReport) -> WireCandidateResult {
        var wire = WireCandidateResult()
        wire.name = solution.name
        wire.diagnostics = String(solution.diagnostics.prefix(16_384))
        // The program that gave the verdict: the last one built with this solution in it.
        if let program = report.programs.last(where: { $0.solutions.contains(solution.name) }) {
            wire.compileSeconds = program.compileSeconds
            if let simulation = program.simulation {
                wire.runSeconds = simulation.wallSeconds
                wire.consoleTail = consoleTail(simulation.standardOutputText + simulation.standardErrorText)
            }
        }
        switch solution.result {
        case .correct(let cycles):
            wire.status = .correct
            wire.cycles = cycles
        case .incorrect(let reason):
            wire.status = .incorrect
            wire.reason = reason
        case .failed(let reason):
            wire.status = status(ofFailure: reason)
            wire.reason = reason
        }
        if let feedback = solution.region?.accelerator {
            wire.feedback = Self.feedback(feedback, cycles: solution.region?.cycles ?? 0)
        }
        return wire
    }

    static func consoleTail(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return String(lines.suffix(consoleTailLines + 1).joined(separator: "\n").suffix(4096))
    }

    static func status(ofFailure reason: String) -> WireCandidateStatus {
        if reason.hasPrefix("rejected") { return .rejected }
        if reason.hasPrefix("does not compile") || reason.contains("compiler") { return .compileError }
        if reason.contains("did not finish within") || reason.contains("instruction limit") { return .timeout }
        return .crash
    }

    public static func feedback(_ f: AcceleratorFeedback, cycles: UInt64) -> WireHardwareFeedback {
        .with {
            $0.cycles = cycles
            $0.meshUtilization = f.meshUtilization
            $0.loadBusy = f.loadBusyFraction
            $0.storeBusy = f.storeBusyFraction
            $0.executeBusy = f.executeBusyFraction
            $0.waitingOnDmaCycles = f.waitingOnDMACycles
            $0.waitingOnDependenciesCycles = f.waitingOnDependenciesCycles
            $0.reservationStationFullCycles = f.reservationStationFullCycles
            $0.waitingOnHostCycles = f.waitingOnHostCycles
            $0.dmaBytesRead = f.dmaBytesRead
            $0.dmaBytesWritten = f.dmaBytesWritten
            $0.dmaBytesPerCycle = f.dmaBytesPerCycle
            $0.bankConflictCycles = f.bankConflictCycles
            $0.scratchpadKb = f.scratchpadHighWaterKB
            $0.scratchpadCapacityKb = f.scratchpadCapacityKB
            $0.accumulatorKb = f.accumulatorHighWaterKB
            $0.accumulatorCapacityKb = f.accumulatorCapacityKB
            $0.macs = f.macs
        }
    }
}

/// A job that cannot be run as given, in one line.
struct JobError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
