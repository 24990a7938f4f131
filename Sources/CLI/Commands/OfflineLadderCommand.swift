import ArgumentParser
import Coordinator
import Foundation
import Simulator
import Worker

/// `autocomp offline-ladder`: climbs from a problem's starting code with the offline agent's
/// moves and evaluates every step on the simulator (Documentation/OfflineAgent.md).
///
/// - `greedy`: at each step every proposal of every menu option is evaluated (one batch
///   program) and the fastest correct one becomes the next step, until none is faster. Every
///   proposal on the way is checked for correctness, so this also verifies the moves.
/// - `beam`: the search's shape with a planner that picks options at random: a beam of
///   `--beam` entries, `--plans` plans per entry, each from a menu after dropout (each option
///   kept with probability `--keep`), a random proposal of a random kept option; children
///   strictly faster than their parent join the beam.
struct OfflineLadderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offline-ladder",
        abstract: "Climb from a problem's starting code with the offline agent's moves, evaluating each step."
    )

    enum Strategy: String, ExpressibleByArgument { case greedy, beam }

    @Option(help: ArgumentHelp("The problem (see `autocomp problems`).", valueName: "id"))
    var problem: String

    @Option(help: "greedy or beam.")
    var strategy: Strategy = .greedy

    enum LoopPolicy: String, ExpressibleByArgument { case any, after, never }

    @Option(name: .customLong("hardware-loop"), help: "Greedy: when moves to the hardware unrollers may be taken: any (any step), after (once no explicit move improves), never.")
    var hardwareLoop: LoopPolicy = .any

    @Option(help: "Greedy: at most this many steps. Beam: iterations.")
    var steps: Int = 12

    @Option(help: "Beam: entries kept.")
    var beam: Int = 4

    @Option(help: "Beam: plans per beam entry.")
    var plans: Int = 4

    @Option(help: "Beam: probability that a menu option survives dropout.")
    var keep: Double = 0.25

    @Option(help: "Beam: random seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("repeat"), help: "Runs per candidate (default 1; the problem's own count with 0).")
    var repeatCount: Int = 1

    @Option(help: ArgumentHelp("Write each step's code here (step-N.c).", valueName: "dir"))
    var out: String?

    func run() async throws {
        let catalog = try loadCatalogOrExit(command: "autocomp offline-ladder")
        let problem: Problem
        let transformer: OfflineTransformer
        do {
            problem = try catalog.problem(id: self.problem)
            transformer = try OfflineTransformer(problem: problem)
        } catch {
            printError("autocomp offline-ladder: \(error)")
            throw ExitCode(1)
        }
        let accelerator = try resolveOrExit(problem.accelerator, command: "autocomp offline-ladder")
        let evaluator = Evaluator(problem: problem, accelerator: accelerator, repeatCount: repeatCount == 0 ? nil : repeatCount,
                                  ideal: problem.idealCycles(arrayDim: accelerator.dim))
        defer { evaluator.pool.shutdown() }
        print("\(problem.id): \(problem.title)")
        switch strategy {
        case .greedy: try await greedy(problem, transformer, evaluator)
        case .beam: try await beamSearch(problem, transformer, evaluator)
        }
    }

    private func write(_ code: String, step: Int) {
        guard let out else { return }
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try? code.write(toFile: "\(out)/step-\(step).c", atomically: true, encoding: .utf8)
    }

    private func greedy(_ problem: Problem, _ t: OfflineTransformer, _ e: Evaluator) async throws {
        var current = t.startSchedule
        let start = try await e.evaluate([("start", problem.startCode), ("start-schedule", t.code(for: current))])
        guard let startCycles = start[0], let cycles0 = start[1] else {
            printError("autocomp offline-ladder: the starting code or its schedule's code is not correct")
            throw ExitCode(1)
        }
        print("start.c: \(e.describe(startCycles))")
        print("step 0 (start schedule): \(e.describe(cycles0))  \(current)")
        write(t.code(for: current), step: 0)
        var best = cycles0
        var checked = 0, failures = 0
        var allowLoop = hardwareLoop == .any
        var step = 0
        while step < max(1, steps) {
            step += 1
            var proposals: [OfflineProposal] = []
            var seen: Set<OfflineSchedule> = []
            for option in OptimizationMenu.gemmConv.options {
                for proposal in t.proposals(for: option, from: current) where seen.insert(proposal.schedule).inserted {
                    if !allowLoop && Self.usesHardwareLoop(proposal.schedule) { continue }
                    proposals.append(proposal)
                }
            }
            if proposals.isEmpty { break }
            let results = try await e.evaluate(proposals.map { ($0.optionID, t.code(for: $0.schedule)) })
            checked += proposals.count
            for (proposal, cycles) in zip(proposals, results) where cycles == nil {
                failures += 1
                print("  INCORRECT: \(proposal.optionID) \(proposal.schedule)")
            }
            let correct = results.enumerated().compactMap { entry -> (Int, UInt64)? in entry.element.map { (entry.offset, $0) } }
            guard let (index, cycles) = correct.min(by: { $0.1 < $1.1 }), cycles < best else {
                print("no proposal improves on step \(step - 1) (\(proposals.count) evaluated)")
                if !allowLoop && hardwareLoop == .after {
                    allowLoop = true
                    step -= 1
                    print("hardware-loop moves allowed from here")
                    continue
                }
                break
            }
            best = cycles
            current = proposals[index].schedule
            print("step \(step) (\(proposals[index].optionID), best of \(proposals.count)): \(e.describe(cycles))  \(current)")
            write(t.code(for: current), step: step)
        }
        print("checked \(checked) proposals, \(failures) incorrect")
        if failures > 0 { throw ExitCode(1) }
    }

    static func usesHardwareLoop(_ schedule: OfflineSchedule) -> Bool {
        schedule.description.contains(" loop=1")
    }

    private func beamSearch(_ problem: Problem, _ t: OfflineTransformer, _ e: Evaluator) async throws {
        var random = SplitMix64(seed: seed)
        let start = t.startSchedule
        guard let startCycles = try await e.evaluate([("start", t.code(for: start))])[0] else {
            printError("autocomp offline-ladder: the start schedule's code is not correct")
            throw ExitCode(1)
        }
        print("iteration 0: \(e.describe(startCycles))")
        var beamEntries: [(schedule: OfflineSchedule, cycles: UInt64)] = [(start, startCycles)]
        var known: Set<OfflineSchedule> = [start]
        var failures = 0
        for iteration in 1...max(1, steps) {
            var children: [(parent: UInt64, proposal: OfflineProposal)] = []
            for entry in beamEntries {
                for _ in 0..<plans {
                    let menu = OptimizationMenu.gemmConv.options.filter { _ in random.nextDouble() < keep }
                    guard !menu.isEmpty else { continue }
                    let option = menu[Int(random.next() % UInt64(menu.count))]
                    let proposals = t.proposals(for: option, from: entry.schedule)
                    guard !proposals.isEmpty else { continue }
                    let proposal = proposals[Int(random.next() % UInt64(proposals.count))]
                    guard let planned = t.schedule(fromPlan: proposal.plan), known.insert(planned).inserted else { continue }
                    children.append((entry.cycles, proposal))
                }
            }
            let results = children.isEmpty ? [] : try await e.evaluate(children.map { ($0.proposal.optionID, t.code(for: $0.proposal.schedule)) })
            var pool = beamEntries
            for (child, cycles) in zip(children, results) {
                guard let cycles else { failures += 1; print("  INCORRECT: \(child.proposal.schedule)"); continue }
                if cycles < child.parent { pool.append((child.proposal.schedule, cycles)) }
            }
            pool.sort { $0.cycles < $1.cycles }
            beamEntries = Array(pool.prefix(beam))
            print("iteration \(iteration): \(children.count) candidates; best \(e.describe(beamEntries[0].cycles))  \(beamEntries[0].schedule)")
            write(t.code(for: beamEntries[0].schedule), step: iteration)
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Evaluates candidate codes of one problem in one batch program, as `autocomp eval` does.
private struct Evaluator {
    var problem: Problem
    var accelerator: GemminiConfiguration
    var repeatCount: Int?
    var ideal: Double
    let pool = SimulatorPool()

    /// Cycles per code, nil for an incorrect or failed one.
    func evaluate(_ codes: [(String, String)]) async throws -> [UInt64?] {
        let sources = codes.enumerated().map { SolutionSource(name: "\($0.offset)-\($0.element.0).c", text: $0.element.1) }
        let request = EvaluationRequest(
            harness: problem.harness, harnessName: "\(problem.id)/harness.c", solutions: sources, accelerator: accelerator,
            repeatCount: repeatCount, expectedParameters: try SolutionFunction.parameterNames(ofSignature: problem.signature),
            timeoutSeconds: 3600, batch: true)
        let report = try await HarnessEvaluator(compiler: try CrossCompiler.locate(), pool: pool).evaluate(request)
        return report.solutions.map { solution in
            if case .correct(let cycles) = solution.result { return cycles }
            printError("  \(solution.name): \(solution.result.reason ?? "")")
            return nil
        }
    }

    func describe(_ cycles: UInt64) -> String {
        String(format: "%llu cycles (%.1f%% of peak)", cycles, ideal / Double(cycles) * 100)
    }
}

/// A small seeded generator, so beam runs repeat.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
