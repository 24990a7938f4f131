public import ClusterProtocol
import Foundation
public import Simulator

/// Runs a leased job: turns the wire job into an evaluation request, evaluates it (compile,
/// simulate, parse the harness's verdicts) and turns the report into the wire result.
public struct JobExecutor: Sendable {
    public let evaluator: HarnessEvaluator
    /// Defaults for limits a job leaves at zero.
    public var defaultRunSeconds: Double = 600
    public var maxMemoryBytes: UInt64 = 2 << 30

    public init(evaluator: HarnessEvaluator) {
        self.evaluator = evaluator
    }

    public func run(_ job: WireJob, workerName: String) async -> WireJobResult {
        let started = Date()
        var result = WireJobResult()
        result.jobID = job.jobID
        result.attempt = job.attempt
        result.workerName = workerName
        defer { result.wallSeconds = Date().timeIntervalSince(started) }
        do {
            let request = try Self.request(for: job.spec, defaultRunSeconds: defaultRunSeconds, maxMemoryBytes: maxMemoryBytes)
            let report = try await evaluator.evaluate(request)
            result.candidates = report.solutions.map(Self.wireResult)
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
        return request
    }

    static func wireResult(_ solution: EvaluationReport.Solution) -> WireCandidateResult {
        var wire = WireCandidateResult()
        wire.name = solution.name
        wire.diagnostics = solution.diagnostics
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
