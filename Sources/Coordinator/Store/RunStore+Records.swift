import Foundation
import GRDB

/// A plan as the run records it.
public struct PlanRecord: Sendable, Equatable {
    public var id: String
    public var slot: String
    public var iteration: Int
    public var parentID: String
    public var optionID: String?
    public var model: String
    /// The option ids offered after dropout.
    public var menu: [String]
    public var prompt: String
    public var reply: String
    /// The plan text (nil when the reply was unusable).
    public var plan: String?
    public var failure: String?
    public var usage: AgentUsage
    public var seconds: Double
}

/// A candidate as the run records it: the search's view plus the conversation behind it.
public struct CandidateRecord: Sendable, Equatable {
    public var candidate: SearchCandidate
    public var slot: String
    public var prompt: String
    public var reply: String
    public var usage: AgentUsage
    public var generationSeconds: Double
    /// Where and how long it was evaluated.
    public var evaluation: EvaluationTimings?
}

/// The worker's account of one evaluation.
public struct EvaluationTimings: Sendable, Equatable, Codable {
    public var jobID: String
    public var worker: String
    public var compileSeconds: Double
    public var runSeconds: Double
    public var cached: Bool

    public init(jobID: String, worker: String, compileSeconds: Double, runSeconds: Double, cached: Bool) {
        self.jobID = jobID
        self.worker = worker
        self.compileSeconds = compileSeconds
        self.runSeconds = runSeconds
        self.cached = cached
    }
}

extension PlanRecord {
    /// Prefixes a failure the provider caused (see AgentReply.transient).
    public static let transientMarker = "[provider] "
    public var isTransientFailure: Bool { failure?.hasPrefix(Self.transientMarker) == true }
}

extension SearchCandidate {
    public var isTransientFailure: Bool { outcome.status == .badReply && outcome.reason?.hasPrefix(PlanRecord.transientMarker) == true }
}

extension RunStore {
    // MARK: Plans

    public func deletePlan(slot: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM plans WHERE slot = ?", arguments: [slot]) }
    }

    public func deleteCandidate(slot: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM candidates WHERE slot = ?", arguments: [slot]) }
    }

    public func insert(_ plan: PlanRecord) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO plans (id, slot, iteration, parent_id, option_id, model, menu, prompt, reply, plan, failure, usage, seconds, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.id, plan.slot, plan.iteration, plan.parentID, plan.optionID, plan.model, plan.menu.joined(separator: ","),
                    plan.prompt, plan.reply, plan.plan, plan.failure, Self.encode(plan.usage) ?? "{}", plan.seconds, Date().timeIntervalSince1970,
                ])
        }
    }

    public func plan(slot: String) throws -> PlanRecord? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM plans WHERE slot = ?", arguments: [slot]).map(Self.plan) }
    }

    public func plan(id: String) throws -> PlanRecord? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM plans WHERE id = ?", arguments: [id]).map(Self.plan) }
    }

    public func plans() throws -> [PlanRecord] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM plans ORDER BY seq").map(Self.plan) }
    }

    public func planCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plans") ?? 0 }
    }

    private static func plan(_ row: Row) -> PlanRecord {
        let menu: String = row["menu"]
        return PlanRecord(
            id: row["id"], slot: row["slot"], iteration: row["iteration"], parentID: row["parent_id"], optionID: row["option_id"],
            model: row["model"], menu: menu.isEmpty ? [] : menu.split(separator: ",").map(String.init), prompt: row["prompt"],
            reply: row["reply"], plan: row["plan"], failure: row["failure"], usage: decode(AgentUsage.self, row["usage"]) ?? .zero,
            seconds: row["seconds"])
    }

    // MARK: Candidates

    public func insert(_ record: CandidateRecord) throws {
        let candidate = record.candidate
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO candidates (id, slot, iteration, parent_id, plan_id, option_id, model, prompt, reply, code, fingerprint,
                        status, cycles, reason, feedback, usage, generation_seconds, evaluation, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    candidate.id, record.slot, candidate.iteration, candidate.parentID, candidate.planID, candidate.optionID, candidate.model,
                    record.prompt, record.reply, candidate.code, candidate.fingerprint, candidate.outcome.status.rawValue,
                    candidate.outcome.cycles.map(Int64.init), candidate.outcome.reason, Self.encode(candidate.outcome.feedback),
                    Self.encode(record.usage) ?? "{}", record.generationSeconds, Self.encode(record.evaluation), Date().timeIntervalSince1970,
                ])
        }
    }

    /// Records a candidate's result.
    public func update(candidate id: String, outcome: SearchCandidate.Outcome, evaluation: EvaluationTimings?) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE candidates SET status = ?, cycles = ?, reason = ?, feedback = ?, evaluation = ?, evaluated_at = ? WHERE id = ?",
                arguments: [
                    outcome.status.rawValue, outcome.cycles.map(Int64.init), outcome.reason, Self.encode(outcome.feedback),
                    Self.encode(evaluation), Date().timeIntervalSince1970, id,
                ])
        }
    }

    /// Records the cluster job evaluating a candidate, so that a resumed run waits for that
    /// job instead of submitting the program again.
    public func setJob(_ jobID: String, forCandidate id: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE candidates SET job_id = ? WHERE id = ?", arguments: [jobID, id])
        }
    }

    /// The job submitted for a candidate, if any.
    public func job(ofCandidate id: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT job_id FROM candidates WHERE id = ?", arguments: [id]) }
    }

    public func candidate(slot: String) throws -> CandidateRecord? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE slot = ?", arguments: [slot]).map(Self.candidate) }
    }

    public func candidate(id: String) throws -> CandidateRecord? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE id = ?", arguments: [id]).map(Self.candidate) }
    }

    public func candidates(iteration: Int? = nil) throws -> [CandidateRecord] {
        try database.read { db in
            if let iteration {
                return try Row.fetchAll(db, sql: "SELECT * FROM candidates WHERE iteration = ? ORDER BY seq", arguments: [iteration]).map(Self.candidate)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM candidates ORDER BY seq").map(Self.candidate)
        }
    }

    /// An earlier candidate with the same program that was (or is being) evaluated.
    public func evaluatedCandidate(fingerprint: String, before id: String) throws -> CandidateRecord? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM candidates WHERE fingerprint = ? AND id != ? AND status NOT IN ('duplicate', 'bad_reply') ORDER BY seq LIMIT 1",
                arguments: [fingerprint, id]
            ).map(Self.candidate)
        }
    }

    public func candidateCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM candidates") ?? 0 }
    }

    private static func candidate(_ row: Row) -> CandidateRecord {
        var candidate = SearchCandidate(
            id: row["id"], iteration: row["iteration"], parentID: row["parent_id"], planID: row["plan_id"], optionID: row["option_id"],
            model: row["model"], code: row["code"])
        let cycles: Int64? = row["cycles"]
        candidate.outcome = .init(
            status: SearchCandidate.Status(rawValue: row["status"]) ?? .pending, cycles: cycles.map(UInt64.init), reason: row["reason"],
            feedback: decode(HardwareSummary.self, row["feedback"]))
        return CandidateRecord(
            candidate: candidate, slot: row["slot"], prompt: row["prompt"], reply: row["reply"],
            usage: decode(AgentUsage.self, row["usage"]) ?? .zero, generationSeconds: row["generation_seconds"],
            evaluation: decode(EvaluationTimings.self, row["evaluation"]))
    }

    // MARK: Beams

    /// Records the beam after an iteration (0: the starting beam).
    public func saveBeam(_ beam: [SearchCandidate], iteration: Int) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM beams WHERE iteration = ?", arguments: [iteration])
            for (position, entry) in beam.enumerated() {
                try db.execute(
                    sql: "INSERT INTO beams (iteration, position, candidate_id) VALUES (?, ?, ?)", arguments: [iteration, position, entry.id])
            }
        }
    }

    /// The beams recorded so far, by iteration (candidate ids in order).
    public func beams() throws -> [Int: [String]] {
        try database.read { db in
            var beams: [Int: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT iteration, candidate_id FROM beams ORDER BY iteration, position") {
                beams[row["iteration"], default: []].append(row["candidate_id"])
            }
            return beams
        }
    }

    // MARK: Baselines

    public func saveBaseline(_ name: String, outcome: SearchCandidate.Outcome) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO baselines (name, status, cycles, reason, feedback) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, outcome.status.rawValue, outcome.cycles.map(Int64.init), outcome.reason, Self.encode(outcome.feedback)])
        }
    }

    public func baselines() throws -> [String: SearchCandidate.Outcome] {
        try database.read { db in
            var result: [String: SearchCandidate.Outcome] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM baselines") {
                let cycles: Int64? = row["cycles"]
                result[row["name"]] = .init(
                    status: SearchCandidate.Status(rawValue: row["status"]) ?? .pending, cycles: cycles.map(UInt64.init), reason: row["reason"],
                    feedback: Self.decode(HardwareSummary.self, row["feedback"]))
            }
            return result
        }
    }

    // MARK: Usage

    /// Tokens and cost over all plans and candidates.
    public func totalUsage() throws -> (calls: Int, cachedCalls: Int, input: Int, output: Int, cost: Double?) {
        var calls = 0, cached = 0, input = 0, output = 0
        var cost: Double? = 0
        for usage in try plans().map(\.usage) + candidates().map(\.usage) where usage != .zero {
            calls += 1
            if usage.cached { cached += 1 }
            input += usage.inputTokens
            output += usage.outputTokens
            if let price = usage.costUSD { cost = cost.map { $0 + price } } else if !usage.cached { cost = nil }
        }
        return (calls, cached, input, output, cost)
    }
}
