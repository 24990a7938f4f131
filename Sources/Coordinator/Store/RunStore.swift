import Foundation
import GRDB

/// A run's durable record, in one SQLite file (WAL) in the run directory: its settings, every
/// plan and candidate with its prompt, reply, code and result, and the beam after each
/// iteration. Each is written as soon as it exists, so a run killed at any moment resumes
/// with everything it had paid for (LLM replies) and measured (results).
///
/// Plans and candidates are keyed by their *slot*, the place in the search that produced them
/// (`i3/i2-c5/p1` = iteration 3, parent i2-c5, plan 1; `.../c0` its first coding), so that a
/// resumed run finds what it already has for each slot instead of asking again.
public final class RunStore: Sendable {
    let database: DatabasePool
    public let path: String

    /// Opens (creating or migrating) a run database. `readOnly` opens an existing one without
    /// writing to it, and fails unless it holds a run's tables (reports and inspection).
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            if !readOnly { try Self.migrator.migrate(database) }
        } catch {
            throw RunStoreError("\(path): cannot open the run database (\(Self.oneLine(error)))")
        }
        if readOnly {
            let tables: [String]
            do {
                tables = try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            } catch {
                throw RunStoreError("\(path): cannot read the run database (\(Self.oneLine(error)))")
            }
            let missing = ["run", "plans", "candidates", "beams", "baselines"].filter { !tables.contains($0) }
            if !missing.isEmpty {
                throw RunStoreError("\(path): not an autocomp run database (no \(missing.joined(separator: ", ")) table\(missing.count == 1 ? "" : "s"))")
            }
        }
    }

    /// An error's description on one line.
    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("run-v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE plans (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    slot TEXT NOT NULL UNIQUE,
                    iteration INTEGER NOT NULL,
                    parent_id TEXT NOT NULL,
                    option_id TEXT,
                    model TEXT NOT NULL,
                    menu TEXT NOT NULL,
                    prompt TEXT NOT NULL,
                    reply TEXT NOT NULL,
                    plan TEXT,
                    failure TEXT,
                    usage TEXT NOT NULL,
                    seconds REAL NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE candidates (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    slot TEXT NOT NULL UNIQUE,
                    iteration INTEGER NOT NULL,
                    parent_id TEXT,
                    plan_id TEXT,
                    option_id TEXT,
                    model TEXT NOT NULL,
                    prompt TEXT NOT NULL,
                    reply TEXT NOT NULL,
                    code TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    status TEXT NOT NULL,
                    cycles INTEGER,
                    reason TEXT,
                    feedback TEXT,
                    usage TEXT NOT NULL,
                    generation_seconds REAL NOT NULL,
                    evaluation TEXT,
                    job_id TEXT,
                    created_at REAL NOT NULL,
                    evaluated_at REAL
                );
                CREATE INDEX candidates_by_fingerprint ON candidates(fingerprint);
                CREATE TABLE beams (
                    iteration INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    candidate_id TEXT NOT NULL,
                    PRIMARY KEY (iteration, position)
                );
                CREATE TABLE baselines (
                    name TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    cycles INTEGER,
                    reason TEXT,
                    feedback TEXT
                );
                """)
        }
        return migrator
    }

    // MARK: Settings

    public func setValue(_ value: String, for key: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO run (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    public func value(for key: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM run WHERE key = ?", arguments: [key]) }
    }

    public func setJSON<Value: Encodable>(_ value: Value, for key: String) throws {
        try setValue(String(decoding: try Self.encoder.encode(value), as: UTF8.self), for: key)
    }

    public func json<Value: Decodable>(_ type: Value.Type, for key: String) throws -> Value? {
        guard let text = try value(for: key) else { return nil }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode<Value: Encodable>(_ value: Value?) -> String? {
        guard let value, let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A run database problem, in one line.
public struct RunStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
