import ClusterProtocol
import Foundation
import GRDB

/// The coordinator's durable state: jobs with their leases and results, the result cache and
/// the registered workers, in one SQLite file (WAL). Every change is one transaction, so a
/// coordinator killed at any moment restarts with the queue exactly as it was.
///
/// A job is `queued`, `leased` (to a worker, until its lease expires), `done` (with its result)
/// or `cancelled` (with a result saying so). Results are idempotent by job id: the first wins.
public final class JobStore: Sendable {
    let database: DatabasePool

    /// Opens (creating if needed) the store at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        // Waits for a lock instead of failing, should another process open the file.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives the process being killed; only an OS crash can lose
            // the last transactions.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw ClusterSetupError("--db \(path): cannot open the job store (\(error))")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    cache_key TEXT NOT NULL,
                    accelerator TEXT NOT NULL,
                    backend INTEGER NOT NULL,
                    runtime_version TEXT NOT NULL,
                    label TEXT NOT NULL,
                    spec BLOB NOT NULL,
                    state TEXT NOT NULL,
                    worker_id TEXT,
                    lease_expires REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    result BLOB,
                    submitted_at REAL NOT NULL,
                    finished_at REAL
                );
                CREATE INDEX jobs_by_state ON jobs(state, seq);
                CREATE TABLE result_cache (
                    key TEXT PRIMARY KEY,
                    result BLOB NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE workers (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    capabilities BLOB NOT NULL,
                    registered_at REAL NOT NULL
                );
                """)
        }
        // Specs (a harness each, tens of KB) move to their own table: in the jobs row they
        // spilled into overflow pages that SQLite read to reach the columns after them and
        // copied again on every change of state.
        migrator.registerMigration("v2: job specs apart") { db in
            try db.execute(sql: """
                CREATE TABLE job_specs (seq INTEGER PRIMARY KEY, spec BLOB NOT NULL);
                INSERT INTO job_specs (seq, spec) SELECT seq, spec FROM jobs;
                ALTER TABLE jobs DROP COLUMN spec;
                """)
        }
        return migrator
    }

    // MARK: Clients

    /// Queues the jobs, answering cache hits at once. Returns the ids in order and how many hit.
    func submit(_ specs: [WireJobSpec], label: String, now: Double) async throws -> (ids: [String], cached: Int) {
        let entries = try specs.map { spec in (spec: spec, key: try ResultCacheKey.of(spec), id: UUID().uuidString.lowercased()) }
        return try await database.write { db in
            var cached = 0
            for entry in entries {
                var state = "queued"
                var result: Data? = nil
                if let hit = try Data.fetchOne(db, sql: "SELECT result FROM result_cache WHERE key = ?", arguments: [entry.key]) {
                    var answer = try WireJobResult(serializedBytes: hit)
                    answer.jobID = entry.id
                    answer.cached = true
                    state = "done"
                    result = try answer.serializedBytes()
                    cached += 1
                }
                try db.execute(
                    sql: """
                        INSERT INTO jobs (id, cache_key, accelerator, backend, runtime_version, label, state, result, submitted_at, finished_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        entry.id, entry.key, entry.spec.accelerator, entry.spec.backend.rawValue, entry.spec.runtimeVersion, label,
                        state, result, now, result == nil ? nil : now,
                    ])
                try db.execute(
                    sql: "INSERT INTO job_specs (seq, spec) VALUES (?, ?)",
                    arguments: [db.lastInsertedRowID, try entry.spec.serializedBytes() as Data])
            }
            return (entries.map(\.id), cached)
        }
    }

    /// The finished ones among `ids` (results), the ones still queued or running, and unknown ids.
    /// Results beyond `byteBudget` bytes are left for the next call (listed as pending), so a
    /// reply always fits in one message.
    func results(of ids: [String], byteBudget: Int = .max) async throws -> (finished: [WireJobResult], pending: [String], unknown: [String]) {
        try await database.read { db in
            var finished: [WireJobResult] = []
            var pending: [String] = []
            var known = Set<String>()
            var bytes = 0
            for chunk in ids.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT id, state, result FROM jobs WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
                for row in rows {
                    let id: String = row["id"]
                    known.insert(id)
                    if let blob: Data = row["result"], finished.isEmpty || bytes + blob.count <= byteBudget {
                        bytes += blob.count
                        finished.append(try WireJobResult(serializedBytes: blob))
                    } else {
                        pending.append(id)
                    }
                }
            }
            return (finished, pending, ids.filter { !known.contains($0) })
        }
    }

    /// Cancels the jobs that are not finished; returns the workers running any of them.
    func cancel(_ ids: [String], now: Double) async throws -> Int {
        try await database.write { db in
            var cancelled = 0
            for id in ids {
                guard let state = try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id]),
                      state == "queued" || state == "leased" else { continue }
                var result = WireJobResult()
                result.jobID = id
                result.cancelled = true
                result.error = "cancelled"
                try db.execute(
                    sql: "UPDATE jobs SET state = 'cancelled', result = ?, finished_at = ? WHERE id = ?",
                    arguments: [try result.serializedBytes() as Data, now, id])
                cancelled += 1
            }
            return cancelled
        }
    }

    // MARK: Workers

    func saveWorker(id: String, name: String, capabilities: WireCapabilities, now: Double) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO workers (id, name, capabilities, registered_at) VALUES (?, ?, ?, ?)",
                arguments: [id, name, try capabilities.serializedBytes() as Data, now])
        }
    }

    /// A worker registered before (possibly with an earlier run of the coordinator).
    func worker(id: String) async throws -> (name: String, capabilities: WireCapabilities)? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, capabilities FROM workers WHERE id = ?", arguments: [id]) else { return nil }
            return (row["name"], try WireCapabilities(serializedBytes: row["capabilities"] as Data))
        }
    }

    /// Leases up to `slots` simulator jobs and one job per idle board, oldest first, among the
    /// jobs this worker can run.
    func lease(to worker: WorkerRoute, slots: Int, idleBoards: [WireBoard], now: Double, leaseSeconds: Double) async throws -> [WireLeasedJob] {
        let accelerators = worker.simulates.union(idleBoards.map(\.accelerator))
        guard !accelerators.isEmpty, slots > 0 || !idleBoards.isEmpty else { return [] }
        return try await database.write { db in
            let marks = Array(repeating: "?", count: accelerators.count).joined(separator: ",")
            var arguments = StatementArguments([worker.runtimeVersion])
            arguments += StatementArguments(Array(accelerators))
            arguments += [slots + idleBoards.count + 64]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, id, accelerator, backend, attempts FROM jobs
                    WHERE state = 'queued' AND (runtime_version = '' OR runtime_version = ?) AND accelerator IN (\(marks))
                    ORDER BY seq LIMIT ?
                    """,
                arguments: arguments)
            var freeSlots = slots
            var boards = idleBoards
            var leased: [WireLeasedJob] = []
            for row in rows {
                let accelerator: String = row["accelerator"]
                let backend = WireBackend(rawValue: row["backend"]) ?? .any
                var board = ""
                if backend != .board, freeSlots > 0, worker.simulates.contains(accelerator) {
                    freeSlots -= 1
                } else if backend != .simulator, let index = boards.firstIndex(where: { $0.accelerator == accelerator }) {
                    board = boards.remove(at: index).name
                } else {
                    continue
                }
                let id: String = row["id"]
                let attempt: Int = row["attempts"] + 1
                try db.execute(
                    sql: "UPDATE jobs SET state = 'leased', worker_id = ?, lease_expires = ?, attempts = ? WHERE id = ?",
                    arguments: [worker.id, now + leaseSeconds, attempt, id])
                leased.append(.with {
                    $0.job.jobID = id
                    $0.job.attempt = UInt32(attempt)
                    $0.board = board
                })
                leased[leased.count - 1].job.spec = try Self.spec(db, seq: row["seq"])
                if freeSlots == 0 && boards.isEmpty { break }
            }
            return leased
        }
    }

    /// Renews the leases of the jobs a worker says it runs; returns those it should stop
    /// (cancelled, finished elsewhere, or leased to another worker since).
    func renew(worker id: String, running: [String], now: Double, leaseSeconds: Double) async throws -> [String] {
        guard !running.isEmpty else { return [] }
        return try await database.write { db in
            var stop: [String] = []
            for job in running {
                try db.execute(
                    sql: "UPDATE jobs SET lease_expires = ? WHERE id = ? AND state = 'leased' AND worker_id = ?",
                    arguments: [now + leaseSeconds, job, id])
                if db.changesCount == 0 { stop.append(job) }
            }
            return stop
        }
    }

    /// Records a result unless the job already has one. Returns whether it was accepted.
    func complete(_ result: WireJobResult, now: Double) async throws -> Bool {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, cache_key FROM jobs WHERE id = ?", arguments: [result.jobID]) else { return false }
            let state: String = row["state"]
            guard state == "queued" || state == "leased" else { return false }
            let blob = try result.serializedBytes() as Data
            try db.execute(
                sql: "UPDATE jobs SET state = 'done', result = ?, finished_at = ?, lease_expires = NULL WHERE id = ?",
                arguments: [blob, now, result.jobID])
            if ResultCacheKey.isCacheable(result) {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO result_cache (key, result, created_at) VALUES (?, ?, ?)",
                    arguments: [row["cache_key"] as String, blob, now])
            }
            return true
        }
    }

    private static func spec(_ db: Database, seq: Int64) throws -> WireJobSpec {
        guard let blob = try Data.fetchOne(db, sql: "SELECT spec FROM job_specs WHERE seq = ?", arguments: [seq]) else {
            throw ClusterSetupError("the job store lost the spec of job \(seq)")
        }
        return try WireJobSpec(serializedBytes: blob)
    }

    /// Puts a worker's leased jobs back in the queue (a draining worker hands them back).
    func release(worker id: String, jobs: [String]) async throws -> Int {
        try await database.write { db in
            var released = 0
            for job in jobs {
                try db.execute(
                    sql: "UPDATE jobs SET state = 'queued', worker_id = NULL, lease_expires = NULL, attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'leased' AND worker_id = ?",
                    arguments: [job, id])
                released += db.changesCount
            }
            return released
        }
    }

    /// Requeues jobs whose lease ran out; a job that lost `maxAttempts` workers is finished
    /// with an error instead (it may be what kills them). Returns how many were requeued and failed.
    func expireLeases(now: Double, maxAttempts: Int) async throws -> (requeued: Int, failed: Int) {
        try await database.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT seq, id, attempts FROM jobs WHERE state = 'leased' AND lease_expires < ?", arguments: [now])
            var failed = 0
            for row in rows {
                let id: String = row["id"]
                let attempts: Int = row["attempts"]
                if attempts >= maxAttempts {
                    let spec = try Self.spec(db, seq: row["seq"])
                    var result = WireJobResult()
                    result.jobID = id
                    result.attempt = UInt32(attempts)
                    result.error = "lost \(attempts) workers while running it (they stopped heartbeating)"
                    result.candidates = spec.candidates.map { candidate in
                        .with { $0.name = candidate.name; $0.status = .crash; $0.reason = result.error }
                    }
                    try db.execute(
                        sql: "UPDATE jobs SET state = 'done', result = ?, finished_at = ?, lease_expires = NULL WHERE id = ?",
                        arguments: [try result.serializedBytes() as Data, now, id])
                    failed += 1
                } else {
                    try db.execute(sql: "UPDATE jobs SET state = 'queued', worker_id = NULL, lease_expires = NULL WHERE id = ?", arguments: [id])
                }
            }
            return (rows.count - failed, failed)
        }
    }

    /// Puts every leased job back in the queue: for a coordinator that owns its only worker (the
    /// embedded one), leases found at start belong to a process that is gone.
    func requeueAllLeases() async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE jobs SET state = 'queued', worker_id = NULL, lease_expires = NULL WHERE state = 'leased'")
        }
    }

    /// Gives every running lease a fresh term: after a coordinator restart, workers need a
    /// heartbeat interval or two to reach it again before their jobs count as lost.
    func extendLeases(until deadline: Double) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE jobs SET lease_expires = MAX(lease_expires, ?) WHERE state = 'leased'", arguments: [deadline])
        }
    }

    // MARK: Status

    struct Counts: Sendable {
        var byState: [String: Int] = [:]
        /// Queued jobs grouped by what they need.
        var queuedNeeds: [(accelerator: String, backend: WireBackend, runtimeVersion: String, count: Int)] = []
    }

    func counts() async throws -> Counts {
        try await database.read { db in
            var counts = Counts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") {
                counts.byState[row["state"]] = row["n"]
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT accelerator, backend, runtime_version, COUNT(*) AS n FROM jobs WHERE state = 'queued' GROUP BY 1, 2, 3") {
                counts.queuedNeeds.append((row["accelerator"], WireBackend(rawValue: row["backend"]) ?? .any, row["runtime_version"], row["n"]))
            }
            return counts
        }
    }

    /// How many times each job's result was recorded is at most one by construction; this
    /// exposes the job table for tests and tools: (id, state, attempts).
    public func jobStates() async throws -> [(id: String, state: String, attempts: Int)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state, attempts FROM jobs ORDER BY seq").map { ($0["id"], $0["state"], $0["attempts"]) }
        }
    }
}

/// What the store needs to know about a worker to pick jobs for it.
struct WorkerRoute: Sendable {
    var id: String
    var simulates: Set<String>
    var runtimeVersion: String
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
