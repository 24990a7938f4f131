import Coordinator
import Foundation
import TestThreads
import Testing

/// The offline agent's engine without the simulator: schedules survive code and plan text,
/// every proposal fits the local memories and changes the program, and proposals are
/// deterministic (Documentation/OfflineAgent.md).
@Suite(.heavyCases) struct OfflineTransformerTests {
    static let transformable = SuiteEvaluation.catalog.problems.filter { $0.family != .tinympc }.map(\.id)
    static let menu = OptimizationMenu.gemmConv

    /// Scratchpad and accumulator rows of the int8 16x16 design.
    static let scratchpadRows = 16384, accumulatorRows = 1024

    static func transformer(_ id: String) throws -> (Problem, OfflineTransformer) {
        let problem = try SuiteEvaluation.catalog.problem(id: id)
        return (problem, try OfflineTransformer(problem: problem))
    }

    /// The schedules two levels deep from the start (every proposal of every option, then
    /// every proposal of those, deduplicated), a sample of what a search explores.
    static func twoLevels(_ t: OfflineTransformer) -> [OfflineSchedule] {
        var seen: Set<OfflineSchedule> = [t.startSchedule]
        var frontier = [t.startSchedule], all = [t.startSchedule]
        for _ in 0..<2 {
            var next: [OfflineSchedule] = []
            for schedule in frontier {
                for option in menu.options {
                    for proposal in t.proposals(for: option, from: schedule) where seen.insert(proposal.schedule).inserted {
                        next.append(proposal.schedule)
                    }
                }
            }
            all += next
            frontier = next
        }
        return all
    }

    /// The code without comment lines (the marker and the description).
    static func body(_ code: String) -> String {
        code.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
    }

    @Test func tinympcIsRejectedWithOneLine() throws {
        let problem = try SuiteEvaluation.catalog.problem(id: "tinympc-forward")
        #expect(throws: OfflineTransformerError.self) { try OfflineTransformer(problem: problem) }
        do {
            _ = try OfflineTransformer(problem: problem)
        } catch {
            let message = "\(error)"
            #expect(message.contains("tinympc-forward") && message.contains("tinympc") && !message.contains("\n"), "\(message)")
        }
    }

    @Test(arguments: transformable)
    func startCodeHasTheStartSchedule(id: String) throws {
        let (problem, t) = try Self.transformer(id)
        #expect(t.schedule(of: problem.startCode) == t.startSchedule)
        #expect(t.schedule(of: "void solution() { /* from elsewhere */ }") == t.startSchedule)
        // A marker that does not describe a valid schedule falls back to the start.
        #expect(t.schedule(of: "// autocomp-offline-schedule: gemm loop=7\nvoid solution() {}") == t.startSchedule)
    }

    /// Every proposal two levels deep: valid, within the memories, round-trips through its
    /// code's marker and its plan's last line, changes the code, and says what it changes.
    @Test(arguments: transformable)
    func proposalsRoundTripFitAndChangeTheCode(id: String) throws {
        let (problem, t) = try Self.transformer(id)
        var count = 0
        // The start, its children, and a spread of grandchildren (every third).
        let schedules = Self.twoLevels(t)
        let parents = Array(schedules.prefix(12)) + stride(from: 12, to: schedules.count, by: 3).prefix(10).map { schedules[$0] }
        for (index, parent) in parents.enumerated() {
            let parentBody = Self.body(t.code(for: parent))
            for option in Self.menu.options {
                let proposals = t.proposals(for: option, from: parent)
                if index < 3 { #expect(proposals == t.proposals(for: option, from: parent), "\(id): \(option.id) is not deterministic") }
                for proposal in proposals {
                    count += 1
                    let child = proposal.schedule
                    #expect(proposal.optionID == option.id)
                    #expect(child != parent, "\(id): \(option.id) proposes its parent")
                    #expect(t.isValid(child), "\(id): \(option.id) proposes an invalid \(child)")
                    let (spad, acc) = t.footprint(of: child)
                    #expect(spad <= Self.scratchpadRows && acc <= Self.accumulatorRows, "\(id): \(child) needs \(spad) scratchpad and \(acc) accumulator rows")
                    let code = t.code(for: child)
                    #expect(t.schedule(of: code) == child, "\(id): the marker of \(child) does not read back")
                    #expect(t.schedule(fromPlan: proposal.plan) == child, "\(id): the plan of \(child) does not read back")
                    #expect(Self.body(code) != parentBody, "\(id): \(option.id) to \(child) leaves the code unchanged")
                    #expect(code.contains(problem.signature), "\(id): the code lacks the problem's signature")
                    #expect(!code.contains("#"), "\(id): generated code holds a preprocessor directive")
                    let plan = proposal.plan.split(separator: "\n")
                    #expect(plan.count >= 5 && plan.last?.hasPrefix("schedule: ") == true, "\(id): plan shape\n\(proposal.plan)")
                    #expect(proposal.plan.contains("Plan:\n- "), "\(id): the plan lists no change\n\(proposal.plan)")
                }
            }
        }
        #expect(count > 80, "\(id): only \(count) proposals two levels deep")
    }

    @Test func plansReadBackOnlyForTheirProblem() throws {
        let (_, gemm) = try Self.transformer("gemm-I256-J256-K256")
        let (_, conv) = try Self.transformer("conv-14x14-128to128")
        let proposal = try #require(gemm.proposals(for: Self.menu.options[0], from: gemm.startSchedule).first)
        #expect(gemm.schedule(fromPlan: proposal.plan) == proposal.schedule)
        #expect(conv.schedule(fromPlan: proposal.plan) == nil)
        #expect(gemm.schedule(fromPlan: "no schedule line") == nil)
        // A tile larger than the problem is not a schedule of it.
        #expect(gemm.schedule(fromPlan: "schedule: gemm loop=1 ti=64 tj=1 tk=1 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0") == nil)
        // A loop_ws tile over half the accumulator is never valid.
        #expect(gemm.schedule(fromPlan: "schedule: gemm loop=1 ti=8 tj=8 tk=1 order=ij reuse=none sbuf=1 abuf=1 move=4 spread=0 hoist=0 unroll=0") == nil)
    }

    /// Options that apply to the starting code: most of the menu has a move there.
    @Test(arguments: ["gemm-I512-J512-K512", "conv-56x56-64to64"])
    func mostOptionsApplyToTheStart(id: String) throws {
        let (_, t) = try Self.transformer(id)
        let applicable = Self.menu.options.filter { !t.proposals(for: $0, from: t.startSchedule).isEmpty }
        #expect(applicable.count >= 15, "\(id): only \(applicable.map(\.id)) apply")
    }
}
