import Coordinator
import Foundation
import Testing
import Worker

/// Every problem's start.c, library.c and hardware_loop.c evaluate to correct, all three in one
/// batch program, and their modelled cycles obey the timing model's laws (TimingModel.md):
/// never below MACs / DIM², and for GEMM and convolution the hardware loop is fastest, the
/// CPU-sequenced library slowest, the starting code between them. The small problems run
/// their full REPEAT; the large ones run once per solution to keep the debug-build suite
/// within minutes (AUTOCOMP_FULL_SUITE=1 runs every problem with its own REPEAT).
@Suite struct BaselineEvaluationTests {
    /// Problems that run their own REPEAT (each finishes in a few seconds in a debug build).
    static let fullRepeat: Set<String> = ["tinympc-forward", "tinympc-backward", "gemm-I256-J256-K256", "gemm-I32-J1024-K1024"]
    static let fullSuite = ProcessInfo.processInfo.environment["AUTOCOMP_FULL_SUITE"] == "1"

    @Test(arguments: SuiteEvaluation.catalog.problems.map(\.id))
    func baselinesAreCorrect(id: String) async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: id)
        let repeatCount = Self.fullSuite || Self.fullRepeat.contains(id) ? nil : 1
        let started = Date()
        let report = try await SuiteEvaluation.evaluate(problem, SuiteEvaluation.baselines(of: problem), repeatCount: repeatCount)
        for solution in report.solutions {
            #expect(solution.result.isCorrect, "\(id)/\(solution.name): \(solution.result) \(solution.diagnostics)")
        }
        #expect(report.programs.count == 1, "\(id): the batch program did not run through")
        try checkTimingLaws(problem, report)
        let simulated = report.programs.compactMap(\.simulation).reduce(0) { $0 + $1.wallSeconds }
        print(String(format: "%@: %@ in %.1f s (%.1f s simulated), repeat %@", id,
                     report.solutions.map { "\($0.name) \($0.result.cycles.map(String.init) ?? "-")" }.joined(separator: ", "),
                     Date().timeIntervalSince(started), simulated, repeatCount.map(String.init) ?? "\(problem.repeatCount)"))
    }

    func checkTimingLaws(_ problem: Problem, _ report: EvaluationReport) throws {
        let design = try AcceleratorCatalog.resolve(problem.accelerator)
        let ideal = problem.idealCycles(arrayDim: design.dim)
        var cycles: [String: Double] = [:]
        for solution in report.solutions {
            let measured = try #require(solution.result.cycles, "\(problem.id)/\(solution.name) has no cycles")
            cycles[solution.name] = Double(measured)
            #expect(Double(measured) >= ideal, "\(problem.id)/\(solution.name): \(measured) cycles, below MACs / DIM² = \(ideal)")
            // The region's own count of multiply-accumulates is the problem's.
            #expect(solution.region?.accelerator?.macs == UInt64(problem.macs), "\(problem.id)/\(solution.name): region MACs")
        }
        // TinyMPC's matrices are a few 4x4 tiles: command overhead, not the array, decides
        // its cycles, so the three baselines have no fixed order there.
        guard problem.family != .tinympc else { return }
        let start = try #require(cycles["start.c"]), library = try #require(cycles["library.c"])
        let loop = try #require(cycles["hardware_loop.c"])
        #expect(loop < start && start < library, "\(problem.id): hardware loop \(loop), start \(start), library \(library) cycles")
    }
}
