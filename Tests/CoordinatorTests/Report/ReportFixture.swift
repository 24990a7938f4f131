@testable import Coordinator
import Foundation

/// A small synthetic run, written to a RunStore in a temporary directory (no simulator):
///
///     start (100,000)
///     ├── i1-b0-p0-c0 tiling 60,000 ── i2-b0-p0-c0 substitute 30,000 ── i3-b0-p0-c0 unroll 25,000 (best)
///     └── i1-b0-p1-c0 unroll 80,000   (dropped after iteration 1; its child i2-b1-p0-c0 never enters a beam)
///
/// Baselines: library 150,000, hardware loop 20,000. 2,560,000 MACs on int8_16x16 (ideal 10,000
/// cycles). The code of i2-b0-p0-c0 holds `</script><b>&` and quotes; its plan `<`, `&`, `"`.
enum ReportFixture {
    static let hostileCode = "void solution(int *a) {\n    // </script><b>&amp; \"quoted\" 'single'\n    if (a[0] < 1 && a[1] > 2) a[2] = 3;\n}\n"
    static let hostilePlan = "Use tiles < 64 & keep \"A\" in <scratchpad>"

    /// A run directory holding run.sqlite (and, unless `traceFiles` is false, run_metadata.json
    /// and run_metrics.json). `inProgress` adds a pending candidate of iteration 4 (no beam yet).
    static func makeRun(problem: String = "gemm-synthetic", traceFiles: Bool = true, inProgress: Bool = false) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        var configuration = SearchConfiguration()
        configuration.beamWidth = 2
        configuration.plansPerEntry = 2
        configuration.codesPerPlan = 2
        configuration.iterations = 3
        configuration.keepProbability = 0.3
        configuration.seed = 7
        try store.setValue(problem, for: "problem")
        try store.setJSON(configuration, for: "configuration")
        try store.setJSON([["openai::gpt-4o"], ["openai::gpt-4o"]], for: "models")
        try store.saveBaseline("start", outcome: .init(status: .correct, cycles: 100_000))
        try store.saveBaseline("library", outcome: .init(status: .correct, cycles: 150_000))
        try store.saveBaseline("hardware_loop", outcome: .init(status: .correct, cycles: 20_000))

        func candidate(
            _ id: String, _ iteration: Int, parent: String?, plan: String?, option: String?, _ status: SearchCandidate.Status,
            _ cycles: UInt64? = nil, code: String? = nil
        ) throws {
            var candidate = SearchCandidate(
                id: id, iteration: iteration, parentID: parent, planID: plan, optionID: option, model: parent == nil ? "start" : "openai::gpt-4o",
                code: code ?? "void solution(void) { /* \(id) */ }")
            candidate.outcome = .init(status: status, cycles: cycles, reason: status == .correct || status == .pending ? nil : "scripted \(status.rawValue)")
            try store.insert(CandidateRecord(
                candidate: candidate, slot: id, prompt: "prompt", reply: "reply", usage: parent == nil ? .zero : AgentUsage(inputTokens: 500, outputTokens: 100, costUSD: 0.01),
                generationSeconds: 1, evaluation: nil))
        }
        func plan(_ id: String, _ iteration: Int, parent: String, option: String?, text: String?) throws {
            try store.insert(PlanRecord(
                id: id, slot: id, iteration: iteration, parentID: parent, optionID: option, model: "openai::gpt-4o", menu: ["tiling", "unroll", "substitute"],
                prompt: "plan prompt", reply: text ?? "no idea", plan: text, failure: text == nil ? "the reply holds no plan" : nil,
                usage: AgentUsage(inputTokens: 1_000, outputTokens: 200, costUSD: 0.02), seconds: 1))
        }

        try candidate("start", 0, parent: nil, plan: nil, option: nil, .correct, 100_000, code: "void solution(int *a) { /* start */ }")
        try store.saveBeamIDs(["start"], iteration: 0)

        try plan("i1-b0-p0", 1, parent: "start", option: "tiling", text: "Tile by 4 along J.")
        try plan("i1-b0-p1", 1, parent: "start", option: "unroll", text: "Unroll the K loop.")
        try candidate("i1-b0-p0-c0", 1, parent: "start", plan: "i1-b0-p0", option: "tiling", .correct, 60_000)
        try candidate("i1-b0-p0-c1", 1, parent: "start", plan: "i1-b0-p0", option: "tiling", .incorrect)
        try candidate("i1-b0-p1-c0", 1, parent: "start", plan: "i1-b0-p1", option: "unroll", .correct, 80_000)
        try candidate("i1-b0-p1-c1", 1, parent: "start", plan: "i1-b0-p1", option: "unroll", .compileError)
        try store.saveBeamIDs(["i1-b0-p0-c0", "i1-b0-p1-c0"], iteration: 1)

        try plan("i2-b0-p0", 2, parent: "i1-b0-p0-c0", option: "substitute", text: hostilePlan)
        try plan("i2-b1-p0", 2, parent: "i1-b0-p1-c0", option: "tiling", text: "Tile by 8.")
        try candidate("i2-b0-p0-c0", 2, parent: "i1-b0-p0-c0", plan: "i2-b0-p0", option: "substitute", .correct, 30_000, code: hostileCode)
        try candidate("i2-b0-p0-c1", 2, parent: "i1-b0-p0-c0", plan: "i2-b0-p0", option: "substitute", .duplicate)
        try candidate("i2-b1-p0-c0", 2, parent: "i1-b0-p1-c0", plan: "i2-b1-p0", option: "tiling", .correct, 70_000)
        try candidate("i2-b1-p0-c1", 2, parent: "i1-b0-p1-c0", plan: "i2-b1-p0", option: "tiling", .timeout)
        try store.saveBeamIDs(["i2-b0-p0-c0", "i1-b0-p0-c0"], iteration: 2)

        try plan("i3-b0-p0", 3, parent: "i2-b0-p0-c0", option: "unroll", text: "Unroll the inner loop twice.")
        try plan("i3-b1-p0", 3, parent: "i1-b0-p0-c0", option: "tiling", text: "Tile by 2.")
        try plan("i3-b1-p1", 3, parent: "i1-b0-p0-c0", option: nil, text: nil)
        try candidate("i3-b0-p0-c0", 3, parent: "i2-b0-p0-c0", plan: "i3-b0-p0", option: "unroll", .correct, 25_000)
        try candidate("i3-b0-p0-c1", 3, parent: "i2-b0-p0-c0", plan: "i3-b0-p0", option: "unroll", .badReply)
        try candidate("i3-b1-p0-c0", 3, parent: "i1-b0-p0-c0", plan: "i3-b1-p0", option: "tiling", .crash)
        try candidate("i3-b1-p0-c1", 3, parent: "i1-b0-p0-c0", plan: "i3-b1-p0", option: "tiling", .rejected)
        try store.saveBeamIDs(["i3-b0-p0-c0", "i2-b0-p0-c0"], iteration: 3)

        if inProgress {
            try plan("i4-b0-p0", 4, parent: "i3-b0-p0-c0", option: "hoist", text: "Hoist the config calls.")
            try candidate("i4-b0-p0-c0", 4, parent: "i3-b0-p0-c0", plan: "i4-b0-p0", option: "hoist", .pending)
        }
        if traceFiles {
            let metadata: [String: Any] = ["problem": problem, "accelerator": "int8_16x16", "macs": 2_560_000]
            try JSONSerialization.data(withJSONObject: metadata).write(to: directory.appendingPathComponent("run_metadata.json"))
            try JSONSerialization.data(withJSONObject: ["wall_seconds": 83.0]).write(to: directory.appendingPathComponent("run_metrics.json"))
        }
        return directory
    }
}

extension RunStore {
    /// Records a beam by candidate ids (the fixture's candidates are already stored).
    func saveBeamIDs(_ ids: [String], iteration: Int) throws {
        let candidates = try ids.map { id in
            guard let record = try candidate(id: id) else { throw RunStoreError("no candidate \(id)") }
            return record.candidate
        }
        try saveBeam(candidates, iteration: iteration)
    }
}
