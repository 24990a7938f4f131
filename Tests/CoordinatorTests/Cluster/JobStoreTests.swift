import ClusterProtocol
@testable import Coordinator
import Foundation
import GRDB
import Testing

/// The job store on a real SQLite file, without a network: leases route by capability,
/// results are idempotent, the cache answers repeats, and replies stay within a byte budget.
@Suite struct JobStoreTests {
    let directory: URL
    let store: JobStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try JobStore(path: directory.appendingPathComponent("jobs.sqlite").path)
    }

    static func spec(_ index: Int, accelerator: String = "int8_16x16", bodyBytes: Int = 100) -> WireJobSpec {
        .with {
            $0.harness = "int main(void) { return 0; }"
            $0.candidates = [.with { $0.name = "c\(index).c"; $0.body = "/* \(index) */" + String(repeating: " ", count: bodyBytes) }]
            $0.accelerator = accelerator
        }
    }

    static func result(for id: String, consoleBytes: Int = 10) -> WireJobResult {
        .with {
            $0.jobID = id
            $0.candidates = [.with { $0.name = "c.c"; $0.status = .correct; $0.cycles = 1000; $0.consoleTail = String(repeating: "x", count: consoleBytes) }]
        }
    }

    static let worker = WorkerRoute(id: "w1", simulates: ["int8_16x16"], runtimeVersion: "")

    @Test func leasesOnlyWhatTheWorkerCanRunOldestFirst() async throws {
        let (ids, _) = try await store.submit([Self.spec(0, accelerator: "fp32_4x4"), Self.spec(1), Self.spec(2)], label: "", now: 0)
        let leased = try await store.lease(to: Self.worker, slots: 4, idleBoards: [], now: 1, leaseSeconds: 30)
        #expect(leased.map(\.job.jobID) == [ids[1], ids[2]])
        #expect(try await store.lease(to: Self.worker, slots: 4, idleBoards: [], now: 1, leaseSeconds: 30).isEmpty)
    }

    @Test func theFirstResultWinsAndFillsTheCache() async throws {
        let (ids, _) = try await store.submit([Self.spec(1)], label: "", now: 0)
        _ = try await store.lease(to: Self.worker, slots: 1, idleBoards: [], now: 1, leaseSeconds: 30)
        #expect(try await store.complete(Self.result(for: ids[0]), now: 2))
        var second = Self.result(for: ids[0])
        second.candidates[0].cycles = 5
        #expect(try await !store.complete(second, now: 3))
        #expect(try await store.results(of: ids).finished.map { $0.candidates[0].cycles } == [1000])

        let again = try await store.submit([Self.spec(1), Self.spec(9)], label: "", now: 4)
        #expect(again.cached == 1)
        let state = try await store.results(of: again.ids)
        #expect(state.finished.map(\.jobID) == [again.ids[0]] && state.finished[0].cached && state.pending == [again.ids[1]])
    }

    @Test func expiredLeasesReturnToTheQueueUntilTheAttemptsRunOut() async throws {
        let (ids, _) = try await store.submit([Self.spec(1)], label: "", now: 0)
        _ = try await store.lease(to: Self.worker, slots: 1, idleBoards: [], now: 1, leaseSeconds: 10)
        #expect(try await store.expireLeases(now: 5, maxAttempts: 2) == (0, 0))
        #expect(try await store.expireLeases(now: 12, maxAttempts: 2) == (1, 0))
        _ = try await store.lease(to: Self.worker, slots: 1, idleBoards: [], now: 13, leaseSeconds: 10)
        #expect(try await store.expireLeases(now: 30, maxAttempts: 2) == (0, 1))
        let failed = try #require(try await store.results(of: ids).finished.first)
        #expect(failed.candidates.map(\.status) == [.crash] && failed.error.contains("lost 2 workers"))
    }

    @Test func aReplyHoldsResultsUpToItsByteBudgetAndListsTheRestAsPending() async throws {
        let (ids, _) = try await store.submit((0..<10).map { Self.spec($0) }, label: "", now: 0)
        _ = try await store.lease(to: Self.worker, slots: 10, idleBoards: [], now: 1, leaseSeconds: 30)
        for id in ids { _ = try await store.complete(Self.result(for: id, consoleBytes: 1000), now: 2) }

        let first = try await store.results(of: ids, byteBudget: 3500)
        #expect(first.finished.count == 3 && first.pending.count == 7 && first.unknown.isEmpty)
        #expect(Set(first.finished.map(\.jobID)).union(first.pending) == Set(ids))
        // One result always comes back, however small the budget, so a caller makes progress.
        #expect(try await store.results(of: first.pending, byteBudget: 1).finished.count == 1)
        #expect(try await store.results(of: ids).finished.count == 10)
    }

    @Test func aStoreFromBeforeSpecsMovedToTheirOwnTableKeepsItsQueue() async throws {
        let path = directory.appendingPathComponent("v1.sqlite").path
        let spec = Self.spec(7, bodyBytes: 20_000)
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE jobs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, cache_key TEXT NOT NULL,
                    accelerator TEXT NOT NULL, backend INTEGER NOT NULL, runtime_version TEXT NOT NULL, label TEXT NOT NULL,
                    spec BLOB NOT NULL, state TEXT NOT NULL, worker_id TEXT, lease_expires REAL,
                    attempts INTEGER NOT NULL DEFAULT 0, result BLOB, submitted_at REAL NOT NULL, finished_at REAL);
                CREATE INDEX jobs_by_state ON jobs(state, seq);
                CREATE TABLE result_cache (key TEXT PRIMARY KEY, result BLOB NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE workers (id TEXT PRIMARY KEY, name TEXT NOT NULL, capabilities BLOB NOT NULL, registered_at REAL NOT NULL);
                """)
            try db.execute(
                sql: "INSERT INTO jobs (id, cache_key, accelerator, backend, runtime_version, label, spec, state, submitted_at) VALUES ('old', 'k', 'int8_16x16', 0, '', '', ?, 'queued', 0)",
                arguments: [try spec.serializedBytes() as Data])
        }
        let migrated = try JobStore(path: path)
        let leased = try await migrated.lease(to: Self.worker, slots: 1, idleBoards: [], now: 1, leaseSeconds: 30)
        #expect(leased.map(\.job.jobID) == ["old"] && leased.first?.job.spec == spec)
    }
}
