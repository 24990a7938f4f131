#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs many programs at once on dedicated threads (one per core by default), never on the
/// Swift concurrency pool: simulations are long CPU-bound loops that would starve it.
///
/// Jobs start in submission order; each gets its own machine, limits and result.
public final class SimulatorPool: Sendable {
    private struct WorkItem: Sendable {
        var job: SimulationJob
        var cancellation: CancellationFlag
        var continuation: CheckedContinuation<SimulationResult, Never>
    }

    private let queue = BlockingQueue<WorkItem>()
    /// Number of simulation threads.
    public let threadCount: Int

    /// Starts `threads` simulation threads (default: one per online processor).
    public init(threads: Int? = nil) {
        threadCount = max(1, threads ?? SimulatorPool.processorCount)
        for index in 0..<threadCount {
            let queue = self.queue
            SimulationThread.start(name: "sim-\(index)") {
                while let item = queue.pop() {
                    let accelerator = item.job.makeAccelerator?()
                    let result = Simulation.run(
                        item.job.program, options: item.job.options, accelerator: accelerator,
                        cancellation: item.cancellation)
                    item.continuation.resume(returning: result)
                }
            }
        }
    }

    deinit { queue.close() }

    /// Runs one job; cancelling the calling task stops the simulation at its next slice.
    public func run(_ job: SimulationJob) async -> SimulationResult {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if !queue.push(WorkItem(job: job, cancellation: cancellation, continuation: continuation)) {
                    continuation.resume(returning: Self.refused(job))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Runs jobs concurrently; results come back in the order of `jobs`.
    public func run(_ jobs: [SimulationJob]) async -> [SimulationResult] {
        await withTaskGroup(of: (Int, SimulationResult).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask { (index, await self.run(job)) }
            }
            var results = [SimulationResult?](repeating: nil, count: jobs.count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// Finishes queued jobs, then stops the threads. Later submissions are refused.
    public func shutdown() { queue.close() }

    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    private static func refused(_ job: SimulationJob) -> SimulationResult {
        SimulationResult(
            status: .cancelled, exitCode: nil, fault: "\(job.program.name): the simulator pool has shut down",
            guestFault: nil, standardOutput: [], standardError: [], droppedOutputBytes: 0, instret: 0, cycles: 0,
            hardware: nil, wallSeconds: 0)
    }
}
