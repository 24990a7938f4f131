import Coordinator
import Foundation
import Testing
import Worker

/// The offline agent's code on the simulator, through the evaluation path `autocomp eval`
/// uses (HarnessEvaluator): every move kind is correct on the smallest GEMM and the smallest
/// convolution, from the start and from composed schedules, and a sequence of single moves
/// climbs. The whole suite is verified by `autocomp offline-ladder` (Documentation/OfflineAgent.md).
@Suite struct OfflineTransformerEvaluationTests {
    static let menu = OptimizationMenu.gemmConv

    /// The proposals of every option from each of `parents` (at most `perOption` per option
    /// and parent), deduplicated, with their labels; the parents first.
    static func proposals(_ t: OfflineTransformer, from parents: [OfflineSchedule], perOption: Int = .max) -> [(String, OfflineSchedule)] {
        var seen = Set(parents)
        var result: [(String, OfflineSchedule)] = parents.map { ("parent", $0) }
        for parent in parents {
            for option in menu.options {
                for proposal in t.proposals(for: option, from: parent).prefix(perOption) where seen.insert(proposal.schedule).inserted {
                    result.append((option.id, proposal.schedule))
                }
            }
        }
        return result
    }

    static func evaluate(_ problem: Problem, _ t: OfflineTransformer, _ schedules: [(String, OfflineSchedule)]) async throws -> [UInt64?] {
        let sources = schedules.enumerated().map { SolutionSource(name: "\($0.offset)-\($0.element.0).c", text: t.code(for: $0.element.1)) }
        let report = try await SuiteEvaluation.evaluate(problem, sources, repeatCount: 1)
        for (solution, (label, schedule)) in zip(report.solutions, schedules) {
            #expect(solution.result.isCorrect, "\(problem.id): \(label) \(schedule): \(solution.result) \(solution.diagnostics)")
        }
        return report.solutions.map(\.result.cycles)
    }

    static func schedule(_ text: String) throws -> OfflineSchedule {
        try #require(OfflineSchedule(text: text), "not a schedule: \(text)")
    }

    @Test func everyGemmMoveIsCorrect() async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "gemm-I256-J256-K256")
        let t = try OfflineTransformer(problem: problem)
        // The start, an explicit schedule with every knob on (clipped tiles: 16 % 3 != 0),
        // its B-resident counterpart, and a hardware-loop schedule with a split K.
        let parents = [
            t.startSchedule,
            try Self.schedule("gemm loop=0 ti=3 tj=5 tk=3 order=ij reuse=a sbuf=2 abuf=2 move=4 spread=1 hoist=1 unroll=1"),
            try Self.schedule("gemm loop=0 ti=3 tj=2 tk=2 order=ji reuse=b sbuf=1 abuf=1 move=2 spread=0 hoist=0 unroll=1"),
            try Self.schedule("gemm loop=1 ti=3 tj=5 tk=6 order=ji reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
        ]
        for parent in parents { #expect(t.isValid(parent), "\(parent)") }
        let cycles = try await Self.evaluate(problem, t, Self.proposals(t, from: parents, perOption: 3))
        #expect(cycles.count > 40)
    }

    @Test func everyConvMoveIsCorrect() async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "conv-14x14-128to128")
        let t = try OfflineTransformer(problem: problem)
        let parents = [
            t.startSchedule,
            try Self.schedule("conv loop=0 tb=1 tr=3 to=3 tc=8 irow=1 wres=1 sbuf=2 abuf=2 move=4 spread=1 hoist=1 unroll=1"),
            try Self.schedule("conv loop=1 tb=2 tr=5 to=3 tc=3 irow=0 wres=0 sbuf=1 abuf=1 move=1 spread=0 hoist=0 unroll=0"),
        ]
        for parent in parents { #expect(t.isValid(parent), "\(parent)") }
        // Explicit convolution code runs millions of cycles: two proposals per option keep
        // the debug-build test within a few minutes; the loop parent's are all taken.
        let sample = Self.proposals(t, from: Array(parents.prefix(2)), perOption: 2) + Self.proposals(t, from: [parents[2]])
        var seen: Set<OfflineSchedule> = []
        let cycles = try await Self.evaluate(problem, t, sample.filter { seen.insert($0.1).inserted })
        #expect(cycles.count > 20)
    }

    /// Single moves, each one option's proposal from the previous schedule, each faster than
    /// the one before: larger tiles, a resident A panel, the hardware unroller, deeper
    /// unroller tiles (the greedy ladder of Documentation/OfflineAgent.md).
    @Test func aSequenceOfMovesClimbsOnASmallGemm() async throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "gemm-I256-J256-K256")
        let t = try OfflineTransformer(problem: problem)
        let steps: [(option: String, schedule: String)] = [
            ("tiling", "gemm loop=0 ti=16 tj=4 tk=1 order=ij reuse=none sbuf=2 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
            ("outer-reuse", "gemm loop=0 ti=16 tj=4 tk=1 order=ij reuse=a sbuf=2 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
            ("substitute", "gemm loop=1 ti=8 tj=4 tk=1 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
            ("tiling", "gemm loop=1 ti=8 tj=4 tk=2 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
            ("tiling", "gemm loop=1 ti=8 tj=4 tk=4 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
            ("tiling", "gemm loop=1 ti=8 tj=4 tk=16 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0"),
        ]
        var schedules = [t.startSchedule]
        for step in steps {
            let option = try #require(Self.menu.option(step.option))
            let target = try Self.schedule(step.schedule)
            let proposal = try #require(t.proposals(for: option, from: schedules.last!).first { $0.schedule == target },
                                        "\(step.option) does not propose \(target) from \(schedules.last!)")
            schedules.append(try #require(t.schedule(fromPlan: proposal.plan)))
        }
        let sources = schedules.enumerated().map { SolutionSource(name: "step-\($0.offset).c", text: t.code(for: $0.element)) }
        let report = try await SuiteEvaluation.evaluate(problem, sources, repeatCount: 2)
        let cycles = try report.solutions.map { try #require($0.result.cycles, "\($0.name): \($0.result)") }
        for index in 1..<cycles.count {
            #expect(cycles[index] < cycles[index - 1], "step \(index) (\(steps[index - 1].option)): \(cycles[index]) cycles after \(cycles[index - 1])")
        }
        let utilization = problem.idealCycles(arrayDim: 16) / Double(cycles.last!)
        #expect(utilization > 0.8, "the last step reaches \(utilization) of peak; cycles \(cycles)")
    }
}
