import Coordinator
import Foundation
import Testing
import Worker

/// Laws the cycle model must obey on whole programs (Documentation/TimingModel.md), checked on
/// the benchmark suite's code. BaselineEvaluationTests checks the per-problem ones (cycles at
/// least MACs / DIM², hardware loop < start < library); these compare programs.
@Suite struct TimingLawTests {
    func utilization(_ solution: EvaluationReport.Solution) throws -> Double {
        let feedback = try #require(solution.region?.accelerator, "\(solution.name): no timed region")
        return feedback.meshUtilization
    }

    func evaluate(_ id: String, _ solutions: [SolutionSource]) async throws -> EvaluationReport {
        let report = try await SuiteEvaluation.evaluate(try SuiteEvaluation.catalog.problem(id: id), solutions, repeatCount: 1)
        for solution in report.solutions {
            #expect(solution.result.isCorrect, "\(id)/\(solution.name): \(solution.result) \(solution.diagnostics)")
        }
        return report
    }

    /// The published shape on FireSim: the loop FSM keeps a large GEMM's array busy; the
    /// CPU-sequenced software library reaches a fraction of that (product.md: 15-17%).
    @Test func hardwareLoopAndLibraryUtilizationOnTheLargeGemm() async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "gemm-I512-J512-K512")
        let report = try await evaluate(problem.id, [
            SolutionSource(name: "hardware_loop.c", text: problem.solution(.hardwareLoop)),
            SolutionSource(name: "library.c", text: problem.solution(.library)),
        ])
        let loop = try utilization(report.solutions[0]), library = try utilization(report.solutions[1])
        #expect(loop >= 0.90, "loop_ws reached \(loop) of the array's peak")
        #expect(library >= 0.15 && library <= 0.25, "the CPU-sequenced library reached \(library)")
    }

    /// The starting code alternates its operands between two scratchpad slots; the same code
    /// with one slot must wait for each step's multiplies before moving the next operands in.
    @Test func doubleBufferedBeatsSingleBuffered() async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "gemm-I256-J256-K256")
        let single = try SuiteEvaluation.startCode(
            of: problem, replacing: "const uint32_t a_tile = (k % 2) * slot_rows;", with: "const uint32_t a_tile = 0;")
        let report = try await evaluate(problem.id, [
            SolutionSource(name: "double.c", text: problem.startCode),
            SolutionSource(name: "single.c", text: single),
        ])
        let double = try #require(report.solutions[0].result.cycles), singleCycles = try #require(report.solutions[1].result.cycles)
        #expect(Double(double) < 0.9 * Double(singleCycles), "double-buffered \(double) cycles, single-buffered \(singleCycles)")
        // The high-water marks are the region's own (the harness's gold computation before it
        // used half the scratchpad): two slots of an A tile and four B tiles, int8 rows of 16 B.
        #expect(report.solutions[0].region?.accelerator?.scratchpadHighWaterKB == 2.5)
        #expect(report.solutions[1].region?.accelerator?.scratchpadHighWaterKB == 1.25)
        #expect(report.solutions[0].region?.accelerator?.accumulatorHighWaterKB == 4)
    }

    /// The same code on more rows of A (I = 32, 64, 128; J = K = 1024) never takes fewer
    /// cycles, for each of the three baselines.
    @Test(arguments: ProblemBaseline.allCases)
    func moreWorkNeverTakesFewerCycles(baseline: ProblemBaseline) async throws {
        var previous: UInt64 = 0
        for id in ["gemm-I32-J1024-K1024", "gemm-I64-J1024-K1024", "gemm-I128-J1024-K1024"] {
            let problem = try SuiteEvaluation.catalog.problem(id: id)
            let report = try await evaluate(id, [SolutionSource(name: baseline.fileName, text: problem.solution(baseline))])
            let cycles = try #require(report.solutions[0].result.cycles)
            #expect(cycles > previous, "\(id)/\(baseline.fileName): \(cycles) cycles, \(previous) for half the rows")
            previous = cycles
        }
    }
}
