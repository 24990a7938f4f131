public import Foundation

/// Writes a run directory in Autocomp's trace layout, next to the run's SQLite file:
///
///     run_metadata.json            problem, settings, models, versions
///     candidates-iter-N/candidate_I.txt   every candidate of iteration N (its code, with a
///                                         header comment: id, parent, plan, option, model, result)
///     eval-results-iter-N/candidate_I.json  its evaluation (status, cycles, hardware feedback)
///     metrics-iter-N.json          the iteration's beam, best cycles and counts
///     run_metrics.json             baselines, best, speedup, utilization, per-iteration best
///     best.c, trajectory.json      the best program and the menu choices that led to it
///
/// Files are rewritten after every iteration, so a run killed mid-way leaves a trace of what
/// it finished.
public struct RunTrace: Sendable {
    public let directory: URL
    public let store: RunStore
    public let problem: Problem
    /// DIM of the problem's array, for utilization.
    public let arrayDim: Int

    public init(directory: URL, store: RunStore, problem: Problem, arrayDim: Int) {
        self.directory = directory
        self.store = store
        self.problem = problem
        self.arrayDim = arrayDim
    }

    public func writeMetadata(configuration: SearchConfiguration, models: (planning: [String], coding: [String]), versions: [String: String]) throws {
        let metadata: [String: Any] = [
            "problem": problem.id, "family": problem.family.rawValue, "accelerator": problem.accelerator, "macs": problem.macs,
            "beam_size": configuration.beamWidth, "num_plan_candidates": configuration.plansPerEntry,
            "num_code_candidates": configuration.codesPerPlan, "iterations": configuration.iterations,
            "dropout_menu_options": configuration.keepProbability, "single_phase": configuration.singlePhase,
            "early_stop_iterations": configuration.earlyStopAfter as Any, "repair_attempts": configuration.repairAttempts,
            "seed": configuration.seed, "temperature": configuration.temperature,
            "planning_models": models.planning, "coding_models": models.coding,
            "reuse": configuration.reuse.map { ["problem": $0.problemID, "steps": $0.steps.map(\.optionID)] } as Any,
            "versions": versions,
        ]
        try writeJSON(metadata, to: "run_metadata.json")
    }

    /// Rewrites the trace of iterations 1...`through` and the run's metrics.
    public func write(outcome beams: [[SearchCandidate]], baselines: [String: SearchCandidate.Outcome], wallSeconds: Double) throws {
        let records = try store.candidates()
        let plans = Dictionary(try store.plans().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for iteration in 1..<max(beams.count, 1) {
            let candidates = records.filter { $0.candidate.iteration == iteration }
            let folder = directory.appendingPathComponent("candidates-iter-\(iteration)")
            let results = directory.appendingPathComponent("eval-results-iter-\(iteration)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
            for (index, record) in candidates.enumerated() {
                let candidate = record.candidate
                let plan = candidate.planID.flatMap { plans[$0]?.plan }
                try Data(candidateText(candidate, plan: plan).utf8).write(to: folder.appendingPathComponent("candidate_\(index).txt"))
                try writeJSON(evaluationJSON(record), to: "eval-results-iter-\(iteration)/candidate_\(index).json")
            }
            let beam = beams[iteration]
            var statuses: [String: Int] = [:]
            for record in candidates { statuses[record.candidate.outcome.status.rawValue, default: 0] += 1 }
            try writeJSON([
                "iteration": iteration,
                "best_latency": beam[0].cycles.map { Int($0) } as Any,
                "beam": beam.map { ["id": $0.id, "latency": Int($0.cycles ?? 0), "parent": $0.parentID as Any, "option": $0.optionID as Any] },
                "candidates": candidates.count,
                "statuses": statuses,
            ], to: "metrics-iter-\(iteration).json")
        }
        let start = baselines["start"]?.cycles
        let best = beams.last?.first
        let ideal = Double(problem.macs) / Double(arrayDim * arrayDim)
        let usage = try store.totalUsage()
        var metrics: [String: Any] = [
            "problem": problem.id,
            "baselines": baselines.mapValues { ["status": $0.status.rawValue, "latency": $0.cycles.map { Int($0) } as Any] },
            "best_id": best?.id as Any,
            "best_latency": best?.cycles.map { Int($0) } as Any,
            "best_latency_per_iteration": beams.map { Int($0.first?.cycles ?? 0) },
            "evaluated_candidates": records.filter { ![.duplicate, .badReply, .pending].contains($0.candidate.outcome.status) }.count - 1,
            "generated_candidates": records.count - 1,
            "llm_calls": usage.calls, "llm_cached_calls": usage.cachedCalls,
            "input_tokens": usage.input, "output_tokens": usage.output, "cost_usd": usage.cost as Any,
            "wall_seconds": wallSeconds,
        ]
        if let start, let bestCycles = best?.cycles {
            metrics["speedup"] = Double(start) / Double(bestCycles)
            metrics["utilization"] = ideal / Double(bestCycles)
        }
        try writeJSON(metrics, to: "run_metrics.json")
        if let best {
            try Data(best.code.utf8).write(to: directory.appendingPathComponent("best.c"))
            try writeJSON(try trajectory(to: best), to: "trajectory.json")
        }
    }

    /// The menu choices and plans on the path from the starting code to `candidate`.
    public func trajectory(to candidate: SearchCandidate) throws -> Trajectory {
        var steps: [Trajectory.Step] = []
        var current: SearchCandidate? = candidate
        while let node = current, let parent = node.parentID {
            if let option = node.optionID {
                let plan = try node.planID.flatMap { try store.plan(id: $0)?.plan } ?? ""
                steps.append(.init(optionID: option, plan: plan))
            }
            current = try store.candidate(id: parent)?.candidate
        }
        return Trajectory(problemID: problem.id, steps: steps.reversed())
    }

    private func candidateText(_ candidate: SearchCandidate, plan: String?) -> String {
        var header = [
            "id: \(candidate.id)", "parent: \(candidate.parentID ?? "-")", "option: \(candidate.optionID ?? "-")",
            "model: \(candidate.model)", "status: \(candidate.outcome.status.rawValue)",
        ]
        if let cycles = candidate.outcome.cycles { header.append("latency: \(cycles) cycles") }
        if let reason = candidate.outcome.reason { header.append("reason: \(reason.split(separator: "\n").first ?? "")") }
        if let plan { header.append("plan:\n" + plan) }
        let comment = header.joined(separator: "\n").replacingOccurrences(of: "*/", with: "* /")
        return "/*\n\(comment)\n*/\n\(candidate.code)\n"
    }

    private func evaluationJSON(_ record: CandidateRecord) -> [String: Any] {
        let outcome = record.candidate.outcome
        var json: [String: Any] = [
            "id": record.candidate.id, "status": outcome.status.rawValue, "latency": outcome.cycles.map { Int($0) } as Any,
            "reason": outcome.reason as Any, "generation_seconds": record.generationSeconds,
            "input_tokens": record.usage.inputTokens, "output_tokens": record.usage.outputTokens,
        ]
        if let evaluation = record.evaluation {
            json["job_id"] = evaluation.jobID
            json["worker"] = evaluation.worker
            json["compile_seconds"] = evaluation.compileSeconds
            json["run_seconds"] = evaluation.runSeconds
            json["cached"] = evaluation.cached
        }
        if let feedback = outcome.feedback, let data = try? JSONEncoder().encode(feedback),
           let object = try? JSONSerialization.jsonObject(with: data) {
            json["hardware"] = object
        }
        return json
    }

    private func writeJSON(_ object: Any, to name: String) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: directory.appendingPathComponent(name), options: .atomic)
    }

    private func writeJSON<Value: Encodable>(_ value: Value, to name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(value).write(to: directory.appendingPathComponent(name), options: .atomic)
    }
}
