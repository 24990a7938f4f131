import Foundation
import Synchronization

/// Autocomp's search. Each iteration, every beam entry gets N plans (each choosing one option
/// of a dropped-out menu), each plan K codings; the programs are evaluated on the cluster,
/// failed ones may be re-implemented once with their error, and the beam is updated by
/// `BeamSelection`. Everything is recorded in the run's store as it happens; a search started
/// on a store that already holds part of a run continues it: finished iterations are not
/// redone, and within the interrupted one every plan, coding and result already recorded is
/// reused, so nothing is asked of an agent or evaluated twice.
public final class BeamSearch: Sendable {
    public let problem: Problem
    public let configuration: SearchConfiguration
    let agent: any Agent
    let evaluator: CandidateEvaluator
    let store: RunStore
    let events: @Sendable (SearchEvent) -> Void
    let progress: Mutex<SearchEvent.Progress>
    let menu: OptimizationMenu

    public init(
        problem: Problem, configuration: SearchConfiguration, agent: any Agent, evaluator: CandidateEvaluator, store: RunStore,
        events: @escaping @Sendable (SearchEvent) -> Void = { _ in }
    ) {
        self.problem = problem
        self.configuration = configuration
        self.agent = agent
        self.evaluator = evaluator
        self.store = store
        self.events = events
        self.progress = Mutex(.init(iteration: 0))
        self.menu = OptimizationMenu.forMenu(problem.manifest.menu)
    }

    /// Runs (or continues) the search to its last iteration or an early stop.
    public func run() async throws -> SearchOutcome {
        let baselines = try await evaluateBaselines()
        let start = try startCandidate(baselines)
        var history = try recordedBeams(start: start)
        if history.count > 1 { events(.resumed(iteration: history.count - 1, candidates: try store.candidateCount())) }
        var beam = history.last!
        var stopReason = "all \(configuration.totalIterations) iterations done"
        var iteration = history.count
        while iteration <= configuration.totalIterations {
            if let patience = configuration.earlyStopAfter, Self.idleIterations(history) >= patience {
                stopReason = "no faster program in \(patience) iteration\(patience == 1 ? "" : "s") (early stop)"
                break
            }
            try Task.checkCancellation()
            beam = try await runIteration(iteration, beam: beam)
            try store.saveBeam(beam, iteration: iteration)
            history.append(beam)
            events(.iterationFinished(iteration: iteration, beam: beam, improved: beam[0].cycles! < history[history.count - 2][0].cycles!))
            iteration += 1
        }
        events(.stopped(reason: stopReason))
        return SearchOutcome(baselines: baselines, start: start, beams: history, stopReason: stopReason)
    }

    /// Iterations since the best program last got faster.
    static func idleIterations(_ history: [[SearchCandidate]]) -> Int {
        var idle = 0
        for index in stride(from: history.count - 1, to: 0, by: -1) {
            if history[index][0].cycles! < history[index - 1][0].cycles! { break }
            idle += 1
        }
        return idle
    }

    // MARK: Start

    /// The starting code, the library call and the hardware loop, evaluated once per run.
    private func evaluateBaselines() async throws -> [String: SearchCandidate.Outcome] {
        var known = try store.baselines()
        let wanted: [(String, ProblemBaseline)] = [("start", .start), ("library", .library), ("hardware_loop", .hardwareLoop)]
        let missing = wanted.filter { known[$0.0] == nil }
        if !missing.isEmpty {
            let programs = missing.map { CandidateEvaluator.Program(name: "\($0.0).c", code: problem.solution($0.1)) }
            let results = try await evaluator.evaluate(programs, label: "\(problem.id) baselines")
            for (entry, result) in zip(missing, results) {
                try store.saveBaseline(entry.0, outcome: result.outcome)
                known[entry.0] = result.outcome
            }
        }
        events(.baselines(known))
        return known
    }

    private func startCandidate(_ baselines: [String: SearchCandidate.Outcome]) throws -> SearchCandidate {
        if let recorded = try store.candidate(id: "start") { return recorded.candidate }
        let outcome = baselines["start"] ?? .pending
        guard outcome.status == .correct, outcome.cycles != nil else {
            throw SearchError("the starting code of \(problem.id) is not correct (\(outcome.status.rawValue): \(outcome.reason ?? "no reason")); nothing to start from")
        }
        let start = SearchCandidate(id: "start", iteration: 0, parentID: nil, planID: nil, optionID: nil, model: "start", code: problem.startCode, outcome: outcome)
        try store.insert(CandidateRecord(candidate: start, slot: "start", prompt: "", reply: "", usage: .zero, generationSeconds: 0, evaluation: nil))
        try store.saveBeam([start], iteration: 0)
        return start
    }

    /// The beam after each recorded iteration, starting with the starting code's.
    private func recordedBeams(start: SearchCandidate) throws -> [[SearchCandidate]] {
        let recorded = try store.beams()
        var history: [[SearchCandidate]] = [[start]]
        var iteration = 1
        while let ids = recorded[iteration] {
            let entries = try ids.compactMap { try store.candidate(id: $0)?.candidate }
            guard entries.count == ids.count, !entries.isEmpty else { break }
            history.append(entries)
            iteration += 1
        }
        return history
    }

    // MARK: One iteration

    private func runIteration(_ iteration: Int, beam: [SearchCandidate]) async throws -> [SearchCandidate] {
        let step = configuration.reuse.flatMap { reuse in iteration <= reuse.steps.count ? reuse.steps[iteration - 1] : nil }
        let width = step == nil ? configuration.beamWidth : min(configuration.reuseBeamWidth, configuration.beamWidth)
        let plans = step == nil ? configuration.plansPerEntry : min(configuration.reusePlansPerEntry, configuration.plansPerEntry)
        events(.iterationStarted(iteration: iteration, of: configuration.totalIterations, beam: beam, replaying: step?.optionID))
        progress.withLock { state in
            let tokens = (state.inputTokens, state.outputTokens)
            state = .init(iteration: iteration)
            (state.inputTokens, state.outputTokens) = tokens
            state.bestCycles = beam[0].cycles ?? 0
            state.plansWanted = configuration.singlePhase ? 0 : beam.count * plans
            state.codesWanted = beam.count * plans * configuration.codesPerPlan
        }

        var children = try await generate(iteration: iteration, beam: beam, plans: plans, step: step)
        children = try markDuplicates(children, iteration: iteration)
        children = try await evaluatePending(children, iteration: iteration)
        var failed = children.filter(Self.isRepairable)
        for attempt in 0..<(agent.supportsRepair ? configuration.repairAttempts : 0) where !failed.isEmpty {
            var repairs = try await repair(failed, attempt: attempt + 1, iteration: iteration, beam: beam)
            repairs = try markDuplicates(repairs, iteration: iteration)
            repairs = try await evaluatePending(repairs, iteration: iteration)
            children += repairs
            failed = repairs.filter(Self.isRepairable)
        }
        return BeamSelection.select(beam: beam, children: children.filter(\.isCorrect), width: width)
    }

    static func isRepairable(_ candidate: SearchCandidate) -> Bool {
        [.compileError, .incorrect, .crash, .rejected].contains(candidate.outcome.status)
    }

    private func context(for parent: SearchCandidate) -> AgentContext {
        AgentContext(problem: problem, accelerator: evaluator.accelerator, code: parent.code, cycles: parent.cycles ?? 0, feedback: parent.outcome.feedback)
    }

    /// Plans and codings for every beam entry, concurrently (an LLM client bounds how many
    /// requests are in flight). Returns the iteration's candidates in slot order.
    private func generate(iteration: Int, beam: [SearchCandidate], plans: Int, step: Trajectory.Step?) async throws -> [SearchCandidate] {
        try await withThrowingTaskGroup(of: (Int, [SearchCandidate]).self) { group in
            for (entry, parent) in beam.enumerated() {
                for plan in 0..<plans {
                    group.addTask { [self] in
                        let order = entry * plans + plan
                        let prefix = "i\(iteration)-b\(entry)-p\(plan)"
                        if configuration.singlePhase {
                            return (order, try await singlePhaseCodings(prefix, order: order, iteration: iteration, parent: parent, step: step))
                        }
                        return (order, try await planAndCode(prefix, order: order, iteration: iteration, parent: parent, step: step))
                    }
                }
            }
            var byOrder: [(Int, [SearchCandidate])] = []
            for try await result in group { byOrder.append(result) }
            return byOrder.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// The menu a slot offers: the replayed option alone, or the full menu after dropout.
    private func offeredMenu(slot: String, step: Trajectory.Step?) -> OptimizationMenu {
        if let step, let option = menu.option(step.optionID) { return OptimizationMenu(options: [option]) }
        var random = SeededRandom(seed: configuration.seed, slot, "menu")
        return MenuDropout.apply(menu, keep: configuration.keepProbability, using: &random)
    }

    private func planAndCode(_ planID: String, order: Int, iteration: Int, parent: SearchCandidate, step: Trajectory.Step?) async throws -> [SearchCandidate] {
        let plan: PlanRecord
        if let recorded = try store.plan(slot: planID), !recorded.isTransientFailure {
            plan = recorded
        } else {
            try store.deletePlan(slot: planID)
            let offered = offeredMenu(slot: planID, step: step)
            let models = agent.planningModels
            let model = models[order % models.count]
            let started = Date()
            let reply = await agent.plan(PlanRequest(
                context: context(for: parent), menu: offered, sampleIndex: order, model: model,
                random: SeededRandom(seed: configuration.seed, planID, "plan"), hint: step?.plan))
            // An interrupted run records nothing for the slot: its resumption asks again.
            try Task.checkCancellation()
            let failure = reply.failure ?? (reply.content == nil ? "the reply holds no plan" : nil)
            plan = PlanRecord(
                id: planID, slot: planID, iteration: iteration, parentID: parent.id, optionID: reply.optionID ?? step?.optionID, model: model,
                menu: offered.options.map(\.id), prompt: reply.prompt, reply: reply.reply, plan: failure == nil ? reply.content : nil,
                failure: failure.map { (reply.transient ? PlanRecord.transientMarker : "") + $0 }, usage: reply.usage,
                seconds: Date().timeIntervalSince(started))
            try store.insert(plan)
            count(usage: reply.usage)
        }
        progress.withLock { $0.planned += 1 }
        guard let text = plan.plan else {
            progress.withLock { $0.codesWanted -= configuration.codesPerPlan }
            return []
        }
        var codings: [SearchCandidate] = []
        for code in 0..<configuration.codesPerPlan {
            let id = "\(planID)-c\(code)"
            codings.append(try await coding(
                id: id, iteration: iteration, parent: parent, planID: planID, optionID: plan.optionID,
                request: { model in
                    CodeRequest(
                        context: self.context(for: parent), plan: text, menu: nil, sampleIndex: order * self.configuration.codesPerPlan + code,
                        model: model, random: SeededRandom(seed: self.configuration.seed, id, "code"), failedAttempt: nil)
                }, order: order * configuration.codesPerPlan + code))
        }
        return codings
    }

    private func singlePhaseCodings(_ prefix: String, order: Int, iteration: Int, parent: SearchCandidate, step: Trajectory.Step?) async throws -> [SearchCandidate] {
        var codings: [SearchCandidate] = []
        for code in 0..<configuration.codesPerPlan {
            let id = "\(prefix)-s\(code)"
            let offered = offeredMenu(slot: id, step: step)
            codings.append(try await coding(
                id: id, iteration: iteration, parent: parent, planID: nil, optionID: step?.optionID,
                request: { model in
                    CodeRequest(
                        context: self.context(for: parent), plan: nil, menu: offered, sampleIndex: order * self.configuration.codesPerPlan + code,
                        model: model, random: SeededRandom(seed: self.configuration.seed, id, "code"), failedAttempt: nil)
                }, order: order * configuration.codesPerPlan + code))
        }
        return codings
    }

    /// One coding slot: the recorded candidate, or a new one from the agent.
    private func coding(
        id: String, iteration: Int, parent: SearchCandidate, planID: String?, optionID: String?,
        request: (String) -> CodeRequest, order: Int
    ) async throws -> SearchCandidate {
        if let recorded = try store.candidate(slot: id) {
            if !recorded.candidate.isTransientFailure {
                progress.withLock { $0.coded += 1 }
                return recorded.candidate
            }
            try store.deleteCandidate(slot: id)
        }
        let models = agent.codingModels
        let model = models[order % models.count]
        let started = Date()
        let reply = await agent.code(request(model))
        try Task.checkCancellation()
        var candidate = SearchCandidate(
            id: id, iteration: iteration, parentID: parent.id, planID: planID, optionID: reply.optionID ?? optionID, model: model,
            code: reply.content ?? "")
        if let failure = reply.failure ?? (reply.content == nil ? "the reply holds no code" : nil) {
            candidate.outcome = .init(status: .badReply, reason: (reply.transient ? PlanRecord.transientMarker : "") + failure)
        }
        try store.insert(CandidateRecord(
            candidate: candidate, slot: id, prompt: reply.prompt, reply: reply.reply, usage: reply.usage,
            generationSeconds: Date().timeIntervalSince(started), evaluation: nil))
        count(usage: reply.usage)
        progress.withLock { $0.coded += 1 }
        return candidate
    }

    private func repair(_ failed: [SearchCandidate], attempt: Int, iteration: Int, beam: [SearchCandidate]) async throws -> [SearchCandidate] {
        let parents = Dictionary(beam.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        progress.withLock { $0.codesWanted += failed.count }
        return try await withThrowingTaskGroup(of: (Int, SearchCandidate).self) { group in
            for (index, broken) in failed.enumerated() {
                guard let parentID = broken.parentID, let parent = parents[parentID] else { continue }
                let planText = try broken.planID.flatMap { try store.plan(id: $0)?.plan }
                let id = Self.repairID(of: broken.id, attempt: attempt)
                group.addTask { [self] in
                    let candidate = try await coding(
                        id: id, iteration: iteration, parent: parent, planID: broken.planID, optionID: broken.optionID,
                        request: { model in
                            CodeRequest(
                                context: self.context(for: parent), plan: planText, menu: planText == nil ? self.menu : nil, sampleIndex: index,
                                model: model, random: SeededRandom(seed: self.configuration.seed, id, "code"),
                                failedAttempt: (broken.code, broken.outcome.reason ?? broken.outcome.status.rawValue))
                        }, order: index)
                    return (index, candidate)
                }
            }
            var repaired: [(Int, SearchCandidate)] = []
            for try await result in group { repaired.append(result) }
            return repaired.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// `i1-b0-p2-c1` -> `i1-b0-p2-c1-r1`; a repair of a repair counts up.
    static func repairID(of id: String, attempt: Int) -> String {
        if let range = id.range(of: #"-r\d+$"#, options: .regularExpression) { return id[..<range.lowerBound] + "-r\(attempt)" }
        return id + "-r\(attempt)"
    }

    // MARK: Duplicates and evaluation

    /// Marks candidates whose program (up to comments and whitespace) was seen before in this
    /// run; they are not evaluated again.
    private func markDuplicates(_ candidates: [SearchCandidate], iteration: Int) throws -> [SearchCandidate] {
        var seen: [String: String] = [:]
        for record in try store.candidates() where ![.duplicate, .badReply].contains(record.candidate.outcome.status) {
            let candidate = record.candidate
            if candidates.contains(where: { $0.id == candidate.id }) { continue }
            if seen[candidate.fingerprint] == nil { seen[candidate.fingerprint] = candidate.id }
        }
        var marked: [SearchCandidate] = []
        for var candidate in candidates {
            if candidate.outcome.status == .pending {
                if let original = seen[candidate.fingerprint] {
                    candidate.outcome = .init(status: .duplicate, reason: "same program as \(original)")
                    try store.update(candidate: candidate.id, outcome: candidate.outcome, evaluation: nil)
                } else {
                    seen[candidate.fingerprint] = candidate.id
                }
            } else if ![.duplicate, .badReply].contains(candidate.outcome.status), seen[candidate.fingerprint] == nil {
                seen[candidate.fingerprint] = candidate.id
            }
            marked.append(candidate)
        }
        return marked
    }

    /// Evaluates the pending candidates. Each one's job id is recorded before waiting, so a
    /// run killed while they run waits for the same jobs when resumed instead of submitting
    /// the programs again.
    private func evaluatePending(_ candidates: [SearchCandidate], iteration: Int) async throws -> [SearchCandidate] {
        let pending = candidates.filter { $0.outcome.status == .pending }
        progress.withLock { $0.evaluationsWanted += pending.count }
        report()
        guard !pending.isEmpty else { return candidates }
        var jobs = try pending.map { try store.job(ofCandidate: $0.id) }
        let recorded = jobs.compactMap { $0 }
        let lost = recorded.isEmpty ? [] : try await evaluator.unknownJobs(recorded)
        let unsubmitted = pending.indices.filter { jobs[$0] == nil || lost.contains(jobs[$0]!) }
        let submitted = try await evaluator.submit(
            unsubmitted.map { CandidateEvaluator.Program(name: "\(pending[$0].id).c", code: pending[$0].code) },
            label: "\(problem.id) iteration \(iteration)")
        for (index, job) in zip(unsubmitted, submitted) {
            jobs[index] = job
            try store.setJob(job, forCandidate: pending[index].id)
        }
        let done = progress.withLock { $0.evaluated }
        var results = try await evaluator.results(of: jobs.map { $0! }) { [self] finished, _ in
            progress.withLock { $0.evaluated = done + finished }
            report()
        }
        // Jobs cancelled when an earlier run of this search was interrupted: submit again.
        let cancelled = results.indices.filter { results[$0].cancelled }
        if !cancelled.isEmpty {
            let again = try await evaluator.submit(
                cancelled.map { CandidateEvaluator.Program(name: "\(pending[$0].id).c", code: pending[$0].code) },
                label: "\(problem.id) iteration \(iteration)")
            for (index, job) in zip(cancelled, again) { try store.setJob(job, forCandidate: pending[index].id) }
            for (index, result) in zip(cancelled, try await evaluator.results(of: again)) { results[index] = result }
        }
        var outcomes: [String: SearchCandidate.Outcome] = [:]
        for (candidate, result) in zip(pending, results) {
            try store.update(candidate: candidate.id, outcome: result.outcome, evaluation: result.timings)
            outcomes[candidate.id] = result.outcome
            if let cycles = result.outcome.cycles, result.outcome.status == .correct {
                progress.withLock { $0.bestCycles = min($0.bestCycles, cycles) }
            }
        }
        report()
        return candidates.map { candidate in
            var updated = candidate
            if let outcome = outcomes[candidate.id] { updated.outcome = outcome }
            return updated
        }
    }

    private func count(usage: AgentUsage) {
        guard !usage.cached else { return }
        progress.withLock {
            $0.inputTokens += usage.inputTokens
            $0.outputTokens += usage.outputTokens
        }
        report()
    }

    private func report() {
        events(.progress(progress.withLock { $0 }))
    }
}

/// What a search ended with.
public struct SearchOutcome: Sendable {
    public var baselines: [String: SearchCandidate.Outcome]
    public var start: SearchCandidate
    /// The beam after each iteration (0: the starting code alone).
    public var beams: [[SearchCandidate]]
    public var stopReason: String

    public var best: SearchCandidate { beams.last![0] }
}
