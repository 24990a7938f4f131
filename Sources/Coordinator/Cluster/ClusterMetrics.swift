import Synchronization

/// Counters since the coordinator started, for `autocomp status` and the metrics endpoint.
final class ClusterMetrics: Sendable {
    struct Counters: Sendable {
        var submitted: UInt64 = 0
        var cacheHits: UInt64 = 0
        var completed: UInt64 = 0
        var duplicateResults: UInt64 = 0
        var leasesExpired: UInt64 = 0
        var jobsFailedAfterRetries: UInt64 = 0
        var released: UInt64 = 0
        var cancelled: UInt64 = 0
        var rejectedRequests: UInt64 = 0
        /// Completion times (seconds) over the last minute, for the throughput figure.
        var recentCompletions: [Double] = []
    }

    private let counters = Mutex(Counters())

    func update(_ change: (inout Counters) -> Void) {
        counters.withLock { change(&$0) }
    }

    func completed(at now: Double) {
        counters.withLock { counters in
            counters.completed += 1
            counters.recentCompletions.append(now)
            if counters.recentCompletions.count > 4096 || (counters.recentCompletions.first ?? now) < now - 60 {
                counters.recentCompletions.removeAll { $0 < now - 60 }
            }
        }
    }

    func snapshot() -> Counters { counters.withLock { $0 } }

    /// Completed jobs per second over the last minute (or since the first completion, if later).
    func throughput(now: Double) -> Double {
        let times = counters.withLock { $0.recentCompletions.filter { $0 >= now - 60 } }
        guard let first = times.first, times.count > 1 else { return 0 }
        return Double(times.count) / max(now - first, 1)
    }
}
