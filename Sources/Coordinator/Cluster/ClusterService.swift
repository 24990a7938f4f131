public import ClusterProtocol
import Foundation
public import GRPCCore

/// How the coordinator paces its workers.
public struct CoordinatorOptions: Sendable {
    /// How long a lease lives without a heartbeat renewing it.
    public var leaseSeconds: Double = 30
    /// Leases a job may lose before it is failed rather than queued again.
    public var maxAttempts = 3
    /// The longest a Lease or Await call waits before answering empty.
    public var maxWaitSeconds: Double = 20

    public init() {}

    var heartbeatSeconds: Double { max(leaseSeconds / 4, 0.25) }
}

/// The coordinator's gRPC service: the job store behind the calls of workers and clients.
public final class ClusterService: WireCluster.SimpleServiceProtocol {
    let store: JobStore
    let options: CoordinatorOptions
    let workers = WorkerRegistry()
    let metrics = ClusterMetrics()
    /// Signalled when jobs may have become leasable (submitted, requeued, released).
    let jobsQueued = ChangeSignal()
    /// Signalled when jobs finished (completed, cancelled, answered from the cache).
    let jobsFinished = ChangeSignal()
    let started = Date()

    public init(store: JobStore, options: CoordinatorOptions = .init()) {
        self.store = store
        self.options = options
    }

    static var now: Double { Date().timeIntervalSince1970 }

    // MARK: Workers

    public func register(request: WireRegisterRequest, context: ServerContext) async throws -> WireRegisterResponse {
        guard request.protocolMajor == UInt32(ProtocolVersion.major) else {
            throw rejected(.failedPrecondition, "protocol \(request.protocolMajor).\(request.protocolMinor) is not supported; this coordinator speaks \(ProtocolVersion.string)")
        }
        guard request.capabilities.slots > 0 || !request.capabilities.boards.isEmpty else {
            throw rejected(.invalidArgument, "a worker needs at least one slot or one board")
        }
        let id = UUID().uuidString.lowercased()
        let name = request.name.isEmpty ? id : String(request.name.prefix(128))
        try await store.saveWorker(id: id, name: name, capabilities: request.capabilities, now: Self.now)
        workers.add(.init(id: id, name: name, capabilities: request.capabilities, lastSeen: Self.now))
        return .with {
            $0.workerID = id
            $0.heartbeatIntervalMs = UInt32(options.heartbeatSeconds * 1000)
            $0.leaseMs = UInt32(options.leaseSeconds * 1000)
        }
    }

    public func lease(request: WireLeaseRequest, context: ServerContext) async throws -> WireLeaseResponse {
        let worker = try await knownWorker(request.workerID)
        guard !worker.draining else { return .init() }
        let boards = worker.capabilities.boards.filter { request.idleBoards.contains($0.name) }
        let deadline = ContinuousClock.now + .milliseconds(min(Int(request.waitMs), Int(options.maxWaitSeconds * 1000)))
        while true {
            // A caller that went away (a draining worker) must not be handed jobs it never sees.
            if Task.isCancelled { return .init() }
            let seen = jobsQueued.generation
            let jobs = try await store.lease(
                to: worker.route, slots: Int(request.freeSlots), idleBoards: boards, now: Self.now, leaseSeconds: options.leaseSeconds)
            if !jobs.isEmpty || ContinuousClock.now >= deadline {
                _ = workers.touch(worker.id, now: Self.now) { $0.running += jobs.count }
                return .with { $0.jobs = jobs }
            }
            await jobsQueued.wait(since: seen, timeout: deadline - ContinuousClock.now)
        }
    }

    public func heartbeat(request: WireHeartbeatRequest, context: ServerContext) async throws -> WireHeartbeatResponse {
        var known = workers.touch(request.workerID, now: Self.now) != nil
        if !known { known = try await restoreWorker(request.workerID) != nil }
        guard known else { return .with { $0.registerAgain = true } }
        _ = workers.touch(request.workerID, now: Self.now) {
            $0.running = request.runningJobIds.count
            $0.draining = request.draining
        }
        let stop = try await store.renew(
            worker: request.workerID, running: request.runningJobIds, now: Self.now, leaseSeconds: options.leaseSeconds)
        return .with { $0.stopJobIds = stop }
    }

    public func complete(request: WireCompleteRequest, context: ServerContext) async throws -> WireCompleteResponse {
        guard !request.result.jobID.isEmpty else { throw rejected(.invalidArgument, "a result without a job id") }
        var result = request.result
        result.workerID = request.workerID
        let accepted = try await store.complete(result, now: Self.now)
        if accepted {
            metrics.completed(at: Self.now)
            workers.recordCompletion(by: request.workerID)
            jobsFinished.signal()
        } else {
            metrics.update { $0.duplicateResults += 1 }
        }
        return .with { $0.accepted = accepted }
    }

    public func release(request: WireReleaseRequest, context: ServerContext) async throws -> WireReleaseResponse {
        let released = try await store.release(worker: request.workerID, jobs: request.jobIds)
        metrics.update { $0.released += UInt64(released) }
        if released > 0 { jobsQueued.signal() }
        return .with { $0.released = UInt32(released) }
    }

    // MARK: Clients

    public func submit(request: WireSubmitRequest, context: ServerContext) async throws -> WireSubmitResponse {
        if let problem = JobSpecValidation.problem(with: request.jobs) { throw rejected(.invalidArgument, problem) }
        let submitted = try await store.submit(request.jobs, label: String(request.label.prefix(1024)), now: Self.now)
        metrics.update {
            $0.submitted += UInt64(request.jobs.count)
            $0.cacheHits += UInt64(submitted.cached)
        }
        if submitted.cached < request.jobs.count { jobsQueued.signal() }
        if submitted.cached > 0 { jobsFinished.signal() }
        return .with {
            $0.jobIds = submitted.ids
            $0.cached = UInt32(submitted.cached)
        }
    }

    public func await(request: WireAwaitRequest, context: ServerContext) async throws -> WireAwaitResponse {
        guard request.jobIds.count <= JobSpecValidation.maxJobsPerSubmit * 10 else {
            throw rejected(.invalidArgument, "\(request.jobIds.count) job ids in one call; at most \(JobSpecValidation.maxJobsPerSubmit * 10)")
        }
        let deadline = ContinuousClock.now + .milliseconds(min(Int(request.waitMs), Int(options.maxWaitSeconds * 1000)))
        while true {
            let seen = jobsFinished.generation
            // Half the message limit: the rest of the reply (pending ids) must fit too.
            let state = try await store.results(of: request.jobIds, byteBudget: ClusterTransport.maxMessageBytes / 2)
            let ready = request.all ? state.pending.isEmpty : (!state.finished.isEmpty || state.pending.isEmpty)
            if ready || ContinuousClock.now >= deadline {
                return .with {
                    $0.results = state.finished
                    $0.pendingJobIds = state.pending
                    $0.unknownJobIds = state.unknown
                }
            }
            await jobsFinished.wait(since: seen, timeout: deadline - ContinuousClock.now)
        }
    }

    public func cancel(request: WireCancelRequest, context: ServerContext) async throws -> WireCancelResponse {
        let cancelled = try await store.cancel(request.jobIds, now: Self.now)
        metrics.update { $0.cancelled += UInt64(cancelled) }
        if cancelled > 0 { jobsFinished.signal() }
        return .with { $0.cancelled = UInt32(cancelled) }
    }

    public func status(request: WireStatusRequest, context: ServerContext) async throws -> WireStatusResponse {
        try await statusSnapshot()
    }

    func statusSnapshot() async throws -> WireStatusResponse {
        let now = Self.now
        let counts = try await store.counts()
        let live = workers.live(now: now, window: options.leaseSeconds * 2)
        let counters = metrics.snapshot()
        let unroutable = counts.queuedNeeds.filter { need in
            !live.contains { worker in
                let versionFits = need.runtimeVersion.isEmpty || need.runtimeVersion == worker.capabilities.runtimeVersion
                let simulates = need.backend != .board && worker.capabilities.slots > 0 && worker.capabilities.accelerators.contains(need.accelerator)
                let drives = need.backend != .simulator && worker.capabilities.boards.contains { $0.accelerator == need.accelerator }
                return versionFits && (simulates || drives)
            }
        }.reduce(0) { $0 + $1.count }
        return .with { status in
            status.workers = live.map { worker in
                .with {
                    $0.workerID = worker.id
                    $0.name = worker.name
                    $0.capabilities = worker.capabilities
                    $0.running = UInt32(worker.running)
                    $0.lastSeenMs = UInt64(max(0, (now - worker.lastSeen) * 1000))
                    $0.completed = worker.completed
                    $0.draining = worker.draining
                }
            }
            status.queued = UInt64(counts.byState["queued"] ?? 0)
            status.running = UInt64(counts.byState["leased"] ?? 0)
            status.done = UInt64(counts.byState["done"] ?? 0)
            status.cancelled = UInt64(counts.byState["cancelled"] ?? 0)
            status.cacheHits = counters.cacheHits
            status.completedSinceStart = counters.completed
            status.uptimeSeconds = Date().timeIntervalSince(started)
            status.jobsPerSecond = metrics.throughput(now: now)
            status.version = ProtocolVersion.string
            status.unroutable = UInt64(unroutable)
        }
    }

    // MARK: Housekeeping

    /// Requeues jobs whose worker stopped heartbeating. Runs every quarter lease.
    func expireLeases() async throws {
        let outcome = try await store.expireLeases(now: Self.now, maxAttempts: options.maxAttempts)
        metrics.update {
            $0.leasesExpired += UInt64(outcome.requeued + outcome.failed)
            $0.jobsFailedAfterRetries += UInt64(outcome.failed)
        }
        if outcome.requeued > 0 { jobsQueued.signal() }
        if outcome.failed > 0 { jobsFinished.signal() }
    }

    private func knownWorker(_ id: String) async throws -> WorkerRegistry.Entry {
        if let entry = workers.touch(id, now: Self.now) { return entry }
        if let entry = try await restoreWorker(id) { return entry }
        throw rejected(.notFound, "unknown worker \(id): register again")
    }

    /// A worker that registered with an earlier run of the coordinator.
    private func restoreWorker(_ id: String) async throws -> WorkerRegistry.Entry? {
        guard !id.isEmpty, let saved = try await store.worker(id: id) else { return nil }
        let entry = WorkerRegistry.Entry(id: id, name: saved.name, capabilities: saved.capabilities, lastSeen: Self.now)
        workers.add(entry)
        return entry
    }

    private func rejected(_ code: RPCError.Code, _ message: String) -> RPCError {
        metrics.update { $0.rejectedRequests += 1 }
        return RPCError(code: code, message: message)
    }
}

extension ClusterService {
    /// Call once before serving: leases recorded by an earlier run get a fresh term, so that
    /// their workers can reach this run before their jobs count as lost.
    public func prepareForRestart() async throws {
        try await store.extendLeases(until: Self.now + options.leaseSeconds)
    }

    /// Call once before serving when this coordinator's only worker is in its own process (the
    /// embedded cluster): jobs leased by an earlier run went down with it, so they are queued
    /// again at once instead of after their lease term.
    public func prepareForEmbeddedRestart() async throws {
        try await store.requeueAllLeases()
    }

    /// Requeues expired leases every quarter lease until the task is cancelled.
    public func runHousekeeping() async {
        while !Task.isCancelled {
            guard (try? await Task.sleep(for: .milliseconds(Int(options.heartbeatSeconds * 1000)))) != nil else { return }
            do {
                try await expireLeases()
            } catch {
                FileHandle.standardError.write(Data("autocomp serve: housekeeping failed: \(error)\n".utf8))
            }
        }
    }

    /// The metrics page (Prometheus text format).
    public func metricsText() async -> String {
        guard let status = try? await statusSnapshot() else { return "# the job store is unavailable\n" }
        return PrometheusText.render(status: status, counters: metrics.snapshot())
    }
}
