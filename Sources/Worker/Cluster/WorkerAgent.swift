public import ClusterProtocol
import Foundation
import GRPCCore
import Synchronization

/// A worker's side of the cluster: registers with the coordinator, leases as many jobs as it
/// has free slots (and idle boards), runs them, heartbeats their leases and delivers the
/// results, retrying until the coordinator has them. It survives coordinator restarts and
/// network trouble by retrying with backoff; `drain()` makes it stop leasing, finish (or hand
/// back) what it runs and return.
public final class WorkerAgent: Sendable {
    public struct Options: Sendable {
        public var name: String
        /// Jobs run at once on the simulator.
        public var slots: Int
        /// Accelerator configurations it simulates.
        public var accelerators: [String]
        /// Boards it drives (one job at a time each).
        public var boards: [WireBoard] = []
        /// How long a drain waits for running jobs before handing them back.
        public var drainSeconds: Double = 300
        /// How long one Lease call may wait for work.
        public var leaseWaitMilliseconds: UInt32 = 10_000

        public init(name: String, slots: Int, accelerators: [String]) {
            self.name = name
            self.slots = slots
            self.accelerators = accelerators
        }
    }

    /// Runs one job (on the named board, or the simulator when it is empty).
    public typealias Execute = @Sendable (_ job: WireJob, _ board: String) async -> WireJobResult

    private struct State {
        var workerID = ""
        var heartbeat: Duration = .seconds(5)
        var running: [String: (task: Task<Void, Never>, board: String)] = [:]
        var draining = false
        /// The lease loop, cancelled by a drain so that a waiting Lease call ends at once.
        var leasing: Task<Void, Never>?
    }

    private let client: any WireCluster.ClientProtocol
    private let options: Options
    private let execute: Execute
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())
    /// Signalled when a slot frees up or a drain begins.
    private let changed = ChangeSignal()

    public init(client: any WireCluster.ClientProtocol, options: Options, log: @escaping @Sendable (String) -> Void, execute: @escaping Execute) {
        self.client = client
        self.options = options
        self.log = log
        self.execute = execute
    }

    /// Stops leasing; `run()` returns once the running jobs are finished or handed back.
    public func drain() {
        let (first, leasing) = state.withLock { state in
            defer { state.draining = true }
            return (!state.draining, state.leasing)
        }
        leasing?.cancel()
        if first {
            log("draining: no new jobs; waiting up to \(Int(options.drainSeconds)) s for \(runningCount) running")
            changed.signal()
        }
    }

    public var runningCount: Int { state.withLock { $0.running.count } }

    /// Works until drained (or cancelled, which stops running jobs and hands them back at
    /// once). Throws only if the coordinator refuses the registration itself (another protocol
    /// version, bad capabilities).
    public func run() async throws {
        try await register()
        let heartbeats = Task { await heartbeatLoop() }
        defer { heartbeats.cancel() }
        let leasing = Task { await leaseLoop() }
        let alreadyDraining = state.withLock { state in
            state.leasing = leasing
            return state.draining
        }
        if alreadyDraining { leasing.cancel() }
        await withTaskCancellationHandler {
            await leasing.value
        } onCancel: {
            leasing.cancel()
        }
        await finishRunningJobs()
    }

    // MARK: Registration

    private func register() async throws {
        var backoff = Backoff()
        while !isDraining && !Task.isCancelled {
            do {
                let reply = try await client.register(
                    .with {
                        $0.name = options.name
                        $0.protocolMajor = UInt32(ProtocolVersion.major)
                        $0.protocolMinor = UInt32(ProtocolVersion.minor)
                        $0.capabilities = capabilities
                    },
                    options: Self.callOptions(seconds: 15))
                state.withLock {
                    $0.workerID = reply.workerID
                    $0.heartbeat = .milliseconds(max(Int(reply.heartbeatIntervalMs), 100))
                }
                log("registered as \(reply.workerID) (\(options.slots) slot\(options.slots == 1 ? "" : "s"), heartbeat every \(reply.heartbeatIntervalMs) ms)")
                return
            } catch let error as RPCError where error.code == .failedPrecondition || error.code == .invalidArgument {
                throw ClusterSetupError("the coordinator refused this worker: \(error.message)")
            } catch {
                await backoff.wait(after: error, doing: "register", log: log)
            }
        }
    }

    private var capabilities: WireCapabilities {
        .with {
            $0.accelerators = options.accelerators
            $0.boards = options.boards
            $0.slots = UInt32(options.slots)
            $0.version = ProtocolVersion.string
            $0.runtimeVersion = RuntimeIdentity.version
        }
    }

    private var workerID: String { state.withLock { $0.workerID } }
    private var isDraining: Bool { state.withLock { $0.draining } }

    // MARK: Leasing

    private func leaseLoop() async {
        var backoff = Backoff()
        while true {
            let seen = changed.generation
            let (draining, freeSlots, idleBoards) = state.withLock { state in
                let busyBoards = Set(state.running.values.map(\.board))
                let simulatorJobs = state.running.values.filter { $0.board.isEmpty }.count
                return (state.draining, options.slots - simulatorJobs, options.boards.map(\.name).filter { !busyBoards.contains($0) })
            }
            if draining || Task.isCancelled { return }
            if freeSlots <= 0 && idleBoards.isEmpty {
                await changed.wait(since: seen, timeout: .seconds(5))
                continue
            }
            do {
                let reply = try await client.lease(
                    .with {
                        $0.workerID = workerID
                        $0.freeSlots = UInt32(max(freeSlots, 0))
                        $0.idleBoards = idleBoards
                        $0.waitMs = options.leaseWaitMilliseconds
                    },
                    options: Self.callOptions(seconds: Double(options.leaseWaitMilliseconds) / 1000 + 15))
                backoff.reset()
                for leased in reply.jobs { start(leased) }
            } catch let error as RPCError where error.code == .notFound {
                log("the coordinator does not know this worker any more; registering again")
                try? await register()
            } catch {
                if isDraining || Task.isCancelled { return }
                await backoff.wait(after: error, doing: "lease", log: log)
            }
        }
    }

    private func start(_ leased: WireLeasedJob) {
        let id = leased.job.jobID
        let task = Task {
            let result = await execute(leased.job, leased.board)
            if !Task.isCancelled { await deliver(result) }
            state.withLock { _ = $0.running.removeValue(forKey: id) }
            changed.signal()
        }
        state.withLock { $0.running[id] = (task, leased.board) }
    }

    /// Sends a result until the coordinator has it (it may be restarting).
    private func deliver(_ result: WireJobResult) async {
        var backoff = Backoff()
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(3600) {
            do {
                let reply = try await client.complete(
                    .with { $0.workerID = workerID; $0.result = result }, options: Self.callOptions(seconds: 30))
                if !reply.accepted { log("job \(result.jobID): the coordinator already had a result (dropped this one)") }
                return
            } catch {
                await backoff.wait(after: error, doing: "deliver job \(result.jobID)", log: log)
            }
        }
        log("job \(result.jobID): gave up delivering its result after an hour")
    }

    // MARK: Heartbeats and draining

    private func heartbeatLoop() async {
        while !Task.isCancelled {
            let (interval, running, draining) = state.withLock { ($0.heartbeat, Array($0.running.keys), $0.draining) }
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            do {
                let reply = try await client.heartbeat(
                    .with {
                        $0.workerID = workerID
                        $0.runningJobIds = running
                        $0.draining = draining
                    },
                    options: Self.callOptions(seconds: 10))
                if reply.registerAgain {
                    log("the coordinator lost this worker's registration; registering again")
                    try? await register()
                }
                for id in reply.stopJobIds { stop(id) }
            } catch {
                // Leases outlive a few missed heartbeats; the lease loop reports connection trouble.
            }
        }
    }

    /// Stops a job the coordinator no longer wants from us (cancelled, or re-leased elsewhere).
    private func stop(_ id: String) {
        guard let entry = state.withLock({ $0.running.removeValue(forKey: id) }) else { return }
        entry.task.cancel()
        log("job \(id): stopped at the coordinator's request")
        changed.signal()
    }

    private func finishRunningJobs() async {
        let deadline = ContinuousClock.now + .seconds(Task.isCancelled ? 0 : options.drainSeconds)
        while ContinuousClock.now < deadline {
            let seen = changed.generation
            if runningCount == 0 { return }
            await changed.wait(since: seen, timeout: min(deadline - ContinuousClock.now, .seconds(1)))
        }
        let unfinished = state.withLock { state in
            defer { state.running.removeAll() }
            return state.running
        }
        guard !unfinished.isEmpty else { return }
        for entry in unfinished.values { entry.task.cancel() }
        do {
            let reply = try await client.release(
                .with { $0.workerID = workerID; $0.jobIds = Array(unfinished.keys) }, options: Self.callOptions(seconds: 10))
            log("handed back \(reply.released) unfinished job\(reply.released == 1 ? "" : "s")")
        } catch {
            log("could not hand back \(unfinished.count) unfinished jobs (\(error)); their leases will expire")
        }
    }

    static func callOptions(seconds: Double) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = .milliseconds(Int64(seconds * 1000))
        return options
    }
}

/// Exponential backoff between failed calls: 0.2 s doubling to 10 s, with jitter; it reports
/// the first failure of a streak and then every tenth.
struct Backoff {
    private var failures = 0

    mutating func reset() { failures = 0 }

    mutating func wait(after error: any Error, doing what: String, log: (String) -> Void) async {
        failures += 1
        if failures == 1 || failures % 10 == 0 {
            log("cannot \(what) (\(Self.describe(error))); retrying with backoff")
        }
        let seconds = min(0.2 * pow(2, Double(failures - 1)), 10) * Double.random(in: 0.8...1.2)
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }

    static func describe(_ error: any Error) -> String {
        if let rpc = error as? RPCError { return "\(rpc.code): \(rpc.message)" }
        return "\(error)"
    }
}
