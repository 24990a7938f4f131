import ClusterProtocol
import Foundation
import Synchronization

/// The workers the coordinator has heard from: what they run and when they last called. Kept in
/// memory (heartbeats are frequent); registrations are also in the job store, so a restarted
/// coordinator recognises workers that registered with its previous run.
final class WorkerRegistry: Sendable {
    struct Entry: Sendable {
        var id: String
        var name: String
        var capabilities: WireCapabilities
        var lastSeen: Double
        var running = 0
        var completed: UInt64 = 0
        var draining = false

        var route: WorkerRoute {
            WorkerRoute(id: id, simulates: Set(capabilities.accelerators), runtimeVersion: capabilities.runtimeVersion)
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    func add(_ entry: Entry) {
        entries.withLock { $0[entry.id] = entry }
    }

    /// Updates a known worker's last-seen time and returns it.
    func touch(_ id: String, now: Double, update: (inout Entry) -> Void = { _ in }) -> Entry? {
        entries.withLock { entries in
            guard var entry = entries[id] else { return nil }
            entry.lastSeen = now
            update(&entry)
            entries[id] = entry
            return entry
        }
    }

    func recordCompletion(by id: String) {
        entries.withLock { $0[id]?.completed += 1 }
    }

    /// Workers heard from within `window` seconds.
    func live(now: Double, window: Double) -> [Entry] {
        entries.withLock { entries in
            entries.values.filter { now - $0.lastSeen <= window }.sorted { $0.name < $1.name }
        }
    }
}
