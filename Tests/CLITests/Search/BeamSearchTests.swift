@testable import CLI
import Coordinator
import Foundation
import Synchronization
import TestThreads
import Testing

/// The search's rules, on an in-process cluster whose worker reports scripted cycles.
@Suite(.onTestThreads) struct BeamSearchTests {
    static let problem = try! ProblemCatalog.builtIn().problem(id: "gemm-I256-J256-K256")

    static func configuration(iterations: Int = 3, beam: Int = 3, plans: Int = 3, codes: Int = 2) -> SearchConfiguration {
        var configuration = SearchConfiguration()
        configuration.iterations = iterations
        configuration.beamWidth = beam
        configuration.plansPerEntry = plans
        configuration.codesPerPlan = codes
        configuration.seed = 7
        return configuration
    }

    /// Children whose cycles depend on the parent, the plan's sample and the coding sample:
    /// some faster, some slower than the parent.
    static var varyingAgent: ScriptedAgent { ScriptedAgent(code: varyingCode) }

    @Sendable static func varyingCode(_ request: CodeRequest) -> AgentReply {
        let parent = request.context.cycles
        let factor = [0.9, 1.1, 0.8, 1.3, 0.95, 0.7][request.sampleIndex % 6]
        let cycles = UInt64(Double(parent) * factor)
        let code = ScriptedAgent.program(cycles: cycles, tag: "\(parent)-\(request.sampleIndex)-\(request.plan?.prefix(12) ?? "")")
        return AgentReply(prompt: "code?", reply: code, content: code)
    }

    @Test("the beam follows Autocomp's selection rule and never gets worse")
    func selectionRule() async throws {
        let directory = try temporaryDirectory("search")
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        let worker = ScriptedWorker()
        let outcome = try await runSearch(
            problem: Self.problem, configuration: Self.configuration(), agent: Self.varyingAgent, store: store, worker: worker,
            database: directory.appendingPathComponent("jobs.sqlite").path)

        #expect(outcome.start.cycles == 100_000)
        #expect(outcome.beams.count == 4)
        for (iteration, beam) in outcome.beams.enumerated().dropFirst() {
            let previous = outcome.beams[iteration - 1]
            #expect(beam.count <= 3)
            #expect(beam[0].cycles! <= previous[0].cycles!, "the beam got worse in iteration \(iteration)")
            #expect(beam.map(\.cycles!) == beam.map(\.cycles!).sorted(), "not sorted by cycles")
            let keys = beam.compactMap { entry in entry.planID.map { "\(entry.parentID!)/\($0)" } }
            #expect(Set(keys).count == keys.count, "two entries share a parent and a plan")
            for entry in beam where entry.iteration == iteration {
                let parent = try #require(previous.first { $0.id == entry.parentID })
                #expect(entry.cycles! < parent.cycles!, "\(entry.id) is not faster than its parent")
            }
            // The pool is the previous beam plus this iteration's faster children: recompute.
            let children = try store.candidates(iteration: iteration).map(\.candidate).filter(\.isCorrect)
            #expect(BeamSelection.select(beam: previous, children: children, width: 3).map(\.id) == beam.map(\.id))
        }
        #expect(outcome.best.cycles! < 100_000)
        #expect(worker.maxRunsOfOneProgram == 1, "a program was evaluated twice")
    }

    @Test("selection: drop incorrect and slower children, pool with the beam, skip same parent and plan")
    func selectionUnit() {
        func entry(_ id: String, _ cycles: UInt64?, parent: String? = nil, plan: String? = nil) -> SearchCandidate {
            SearchCandidate(
                id: id, iteration: parent == nil ? 0 : 1, parentID: parent, planID: plan, optionID: nil, model: "m", code: id,
                outcome: .init(status: cycles == nil ? .incorrect : .correct, cycles: cycles))
        }
        let beam = [entry("a", 100), entry("b", 200)]
        let children = [
            entry("a1", 90, parent: "a", plan: "pa"), entry("a2", 80, parent: "a", plan: "pa"),  // same parent and plan: only a2
            entry("a3", 120, parent: "a", plan: "pb"),  // slower than its parent
            entry("b1", 150, parent: "b", plan: "pc"),  // faster than b, slower than a
            entry("b2", nil, parent: "b", plan: "pd"),  // incorrect
        ]
        #expect(BeamSelection.select(beam: beam, children: children, width: 3).map(\.id) == ["a2", "a", "b1"])
        #expect(BeamSelection.select(beam: beam, children: children, width: 10).map(\.id) == ["a2", "a", "b1", "b"])
        #expect(BeamSelection.select(beam: beam, children: [], width: 1).map(\.id) == ["a"])
    }

    @Test("menus are subject to dropout, seeded, and never empty")
    func menuDropout() async throws {
        let full = OptimizationMenu.gemmConv
        var sizes: [Int] = []
        for index in 0..<400 {
            var random = SeededRandom(seed: 3, "slot-\(index)")
            let menu = MenuDropout.apply(full, keep: 0.25, using: &random)
            #expect(!menu.options.isEmpty)
            #expect(menu.options.allSatisfy(full.options.contains))
            sizes.append(menu.options.count)
            var again = SeededRandom(seed: 3, "slot-\(index)")
            #expect(MenuDropout.apply(full, keep: 0.25, using: &again) == menu)
        }
        let mean = Double(sizes.reduce(0, +)) / Double(sizes.count)
        #expect(mean > 3.6 && mean < 5.0, "mean kept options \(mean), expected about 17 x 0.25")
        var random = SeededRandom(seed: 3)
        #expect(MenuDropout.apply(full, keep: 1, using: &random) == full)

        // In a run, planners see those menus.
        let directory = try temporaryDirectory("search")
        let agent = Self.varyingAgent
        _ = try await runSearch(
            problem: Self.problem, configuration: Self.configuration(iterations: 1), agent: agent,
            store: try RunStore(path: directory.appendingPathComponent("run.sqlite").path), worker: ScriptedWorker(),
            database: directory.appendingPathComponent("jobs.sqlite").path)
        let menus = agent.seen.withLock { $0.plans.map(\.menu) }
        #expect(menus.count == 3)
        #expect(menus.allSatisfy { $0.count < full.options.count })
        #expect(Set(menus.map { $0.joined() }).count > 1, "every plan saw the same menu")
    }

    @Test("bad replies, duplicates and failures are recorded; failures are re-implemented with their error; the run goes on")
    func badRepliesDuplicatesAndRepairs() async throws {
        let agent = ScriptedAgent(
            plan: { request in
                if request.sampleIndex == 2 { return AgentReply(prompt: "p", reply: "I cannot help", content: nil, failure: "no plan in the reply") }
                return ScriptedAgent.firstOption(request)
            },
            code: { request in
                if let failed = request.failedAttempt {
                    let code = ScriptedAgent.program(cycles: 70_000, tag: "fixed-\(failed.error.count)")
                    return AgentReply(prompt: "fix", reply: code, content: code)
                }
                // Plan 0 codes (0, 1), plan 1 codes (2, 3); plan 2 failed.
                switch request.sampleIndex {
                case 0, 2:
                    let code = ScriptedAgent.program(cycles: 90_000, tag: "same")  // both plans write this one
                    return AgentReply(prompt: "c", reply: code, content: code)
                case 1:
                    return AgentReply(prompt: "c", reply: "Sure! Here is the idea...", content: nil, failure: "no ```c code block in the reply")
                default:
                    let code = "// verdict: compile_error\n" + ScriptedAgent.program(cycles: 1, tag: "broken-\(request.sampleIndex)")
                    return AgentReply(prompt: "c", reply: code, content: code)
                }
            })
        let directory = try temporaryDirectory("search")
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        let worker = ScriptedWorker()
        let outcome = try await runSearch(
            problem: Self.problem, configuration: Self.configuration(iterations: 1, beam: 2, plans: 3, codes: 2), agent: agent, store: store,
            worker: worker, database: directory.appendingPathComponent("jobs.sqlite").path)

        let records = try store.candidates(iteration: 1).map(\.candidate)
        let statuses = records.map(\.outcome.status)
        #expect(try store.plans().filter { $0.failure == "no plan in the reply" }.count == 1)
        #expect(statuses.filter { $0 == .badReply }.count == 1)
        #expect(statuses.filter { $0 == .duplicate }.count == 1)
        #expect(records.first { $0.outcome.status == .duplicate }?.outcome.reason == "same program as i1-b0-p0-c0")
        #expect(statuses.filter { $0 == .compileError }.count == 1)
        // The failure was re-implemented once, with its error.
        #expect(records.filter { $0.id.hasSuffix("-r1") }.map(\.id) == ["i1-b0-p1-c1-r1"])
        let errors = agent.seen.withLock { $0.codes.compactMap(\.failed) }
        #expect(errors.count == 1 && errors.allSatisfy { $0.contains("scripted compile_error") })
        // The repaired program is the best; duplicates never reached the worker twice.
        #expect(outcome.best.cycles == 70_000)
        #expect(worker.maxRunsOfOneProgram == 1)
    }

    @Test("a search interrupted mid-iteration resumes without asking for or evaluating anything twice")
    func resumeAfterInterruption() async throws {
        let directory = try temporaryDirectory("search")
        let runPath = directory.appendingPathComponent("run.sqlite").path
        let jobs = directory.appendingPathComponent("jobs.sqlite").path
        let worker = ScriptedWorker()
        let configuration = Self.configuration(iterations: 3)

        // The first run stops during iteration 2, after some of its codings.
        let codings = Mutex(0)
        let interrupting = ScriptedAgent { request in
            let count = codings.withLock { count in
                count += 1
                return count
            }
            if count == 12 { withUnsafeCurrentTask { $0?.cancel() } }
            return Self.varyingCode(request)
        }
        let first = Task {
            try await runSearch(problem: Self.problem, configuration: configuration, agent: interrupting, store: try RunStore(path: runPath), worker: worker, database: jobs)
        }
        // Cancel the whole first run once the interrupting coding happened.
        while codings.withLock({ $0 }) < 12 { try await Task.sleep(for: .milliseconds(10)) }
        first.cancel()
        _ = await first.result
        let store = try RunStore(path: runPath)
        let recordedBefore = try store.candidates().map(\.candidate.id)
        let plansBefore = try store.plans().map(\.id)
        #expect(try store.beams().keys.max() ?? 0 < 3, "the first run should not have finished")

        // The second run continues: it never asks for a recorded plan or coding again.
        let resumed = ScriptedAgent(plan: ScriptedAgent.firstOption, code: Self.varyingCode)
        let outcome = try await runSearch(problem: Self.problem, configuration: configuration, agent: resumed, store: store, worker: worker, database: jobs)
        #expect(outcome.beams.count == 4)
        let allPlans = try store.plans().map(\.id)
        let newPlans = allPlans.filter { !plansBefore.contains($0) }
        #expect(resumed.seen.withLock { $0.plans.count } == newPlans.count)
        let allCandidates = try store.candidates().map(\.candidate.id)
        #expect(resumed.seen.withLock { $0.codes.count } == allCandidates.filter { !recordedBefore.contains($0) }.count)
        #expect(worker.maxRunsOfOneProgram == 1, "a program was evaluated twice")

        // And the result equals an uninterrupted run's.
        let clean = try temporaryDirectory("search")
        let reference = try await runSearch(
            problem: Self.problem, configuration: configuration, agent: Self.varyingAgent,
            store: try RunStore(path: clean.appendingPathComponent("run.sqlite").path), worker: ScriptedWorker(),
            database: clean.appendingPathComponent("jobs.sqlite").path)
        #expect(reference.beams.map { $0.map(\.id) } == outcome.beams.map { $0.map(\.id) })
    }

    @Test("early stop after idle iterations; duplicate detection ignores comments and spacing")
    func earlyStopAndNormalization() async throws {
        let stuck = ScriptedAgent { request in
            let code = ScriptedAgent.program(cycles: request.context.cycles + 10 + UInt64(request.sampleIndex), tag: "slow-\(request.sampleIndex)")
            return AgentReply(prompt: "c", reply: code, content: code)
        }
        var configuration = Self.configuration(iterations: 6)
        configuration.earlyStopAfter = 2
        let directory = try temporaryDirectory("search")
        let outcome = try await runSearch(
            problem: Self.problem, configuration: configuration, agent: stuck,
            store: try RunStore(path: directory.appendingPathComponent("run.sqlite").path), worker: ScriptedWorker(),
            database: directory.appendingPathComponent("jobs.sqlite").path)
        #expect(outcome.beams.count == 3)
        #expect(outcome.stopReason.contains("early stop"))

        #expect(CodeNormalizer.normalize("int  a = b+ 1; // note\n/* x */ f( a );") == "int a=b+1;f(a);")
        #expect(CodeNormalizer.normalize("x = a - -b;") != CodeNormalizer.normalize("x = a --b;"))
        #expect(CodeNormalizer.normalize("s = \"a  b\";") == "s=\"a  b\";")
        #expect(CodeNormalizer.fingerprint("int a;\n") == CodeNormalizer.fingerprint("int  a ; /* same */"))
    }

    @Test("schedule reuse replays the trajectory one option per iteration with a smaller beam, then searches in full")
    func scheduleReuse() async throws {
        var configuration = Self.configuration(iterations: 1, beam: 3, plans: 3, codes: 1)
        configuration.reuse = Trajectory(problemID: "gemm-I512-J512-K512", steps: [
            .init(optionID: "tiling", plan: "grow the I tile to 4 blocks"), .init(optionID: "double-buffer", plan: "two slots"),
        ])
        let agent = Self.varyingAgent
        let directory = try temporaryDirectory("search")
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        let outcome = try await runSearch(
            problem: Self.problem, configuration: configuration, agent: agent, store: store, worker: ScriptedWorker(),
            database: directory.appendingPathComponent("jobs.sqlite").path)
        #expect(outcome.beams.count == 4)
        let plans = try store.plans()
        let first = plans.filter { $0.iteration == 1 }
        let second = plans.filter { $0.iteration == 2 }
        let third = plans.filter { $0.iteration == 3 }
        #expect(first.count == 2 && first.allSatisfy { $0.menu == ["tiling"] && $0.optionID == "tiling" })
        #expect(second.allSatisfy { $0.menu == ["double-buffer"] })
        #expect(second.count <= 4, "a replay iteration uses beam 2 and 2 plans")
        #expect(outcome.beams[1].count <= 2 && outcome.beams[2].count <= 2)
        #expect(third.count > 0 && third.allSatisfy { $0.menu.count >= 1 } && Set(third.flatMap(\.menu)).count > 1)
        #expect(outcome.beams[3].count <= 3)
        // The source problem's plans reach the planner as hints.
        #expect(agent.seen.withLock { $0.hints.contains("grow the I tile to 4 blocks") && $0.hints.contains("two slots") })
    }
}
