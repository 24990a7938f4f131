import Coordinator
import Foundation
import Testing
import Worker

/// Every problem's start.c, library.c and hardware_loop.c evaluate to correct, all three in one
/// batch program. The small problems run their full REPEAT; the large ones run once per
/// solution to keep the debug-build suite within minutes (AUTOCOMP_FULL_SUITE=1 runs every
/// problem with its own REPEAT).
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
        let simulated = report.programs.compactMap(\.simulation).reduce(0) { $0 + $1.wallSeconds }
        print(String(format: "%@: %@ in %.1f s (%.1f s simulated), repeat %@", id,
                     report.solutions.map { "\($0.name) \($0.result.cycles.map(String.init) ?? "-")" }.joined(separator: ", "),
                     Date().timeIntervalSince(started), simulated, repeatCount.map(String.init) ?? "\(problem.repeatCount)"))
    }
}
