import ClusterProtocol

/// The coordinator's state in Prometheus's text exposition format.
enum PrometheusText {
    static func render(status: WireStatusResponse, counters: ClusterMetrics.Counters) -> String {
        var text = ""
        func metric(_ name: String, _ type: String, _ help: String, _ value: some CustomStringConvertible) {
            text += "# HELP autocomp_\(name) \(help)\n# TYPE autocomp_\(name) \(type)\nautocomp_\(name) \(value)\n"
        }
        metric("jobs_queued", "gauge", "Jobs waiting for a worker.", status.queued)
        metric("jobs_running", "gauge", "Jobs leased to a worker.", status.running)
        metric("jobs_done", "gauge", "Jobs with a result in the store.", status.done)
        metric("jobs_unroutable", "gauge", "Queued jobs no live worker can run.", status.unroutable)
        metric("workers", "gauge", "Workers heard from within two lease terms.", status.workers.count)
        metric("worker_slots", "gauge", "Simulator slots of the live workers.", status.workers.reduce(0) { $0 + Int($1.capabilities.slots) })
        metric("jobs_submitted_total", "counter", "Jobs submitted since the coordinator started.", counters.submitted)
        metric("jobs_completed_total", "counter", "Results accepted from workers since the coordinator started.", counters.completed)
        metric("cache_hits_total", "counter", "Jobs answered from the result cache.", counters.cacheHits)
        metric("duplicate_results_total", "counter", "Results dropped because the job already had one.", counters.duplicateResults)
        metric("leases_expired_total", "counter", "Leases that ran out without a heartbeat.", counters.leasesExpired)
        metric("jobs_failed_after_retries_total", "counter", "Jobs failed after losing too many workers.", counters.jobsFailedAfterRetries)
        metric("leases_released_total", "counter", "Leases handed back by draining workers.", counters.released)
        metric("jobs_cancelled_total", "counter", "Jobs cancelled by clients.", counters.cancelled)
        metric("rejected_requests_total", "counter", "Requests refused as invalid.", counters.rejectedRequests)
        metric("throughput_jobs_per_second", "gauge", "Completed jobs per second over the last minute.", status.jobsPerSecond)
        metric("uptime_seconds", "gauge", "Seconds since the coordinator started.", status.uptimeSeconds)
        return text
    }
}
