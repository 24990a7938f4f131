import Foundation
public import Testing

/// Threads outside Swift's cooperative pool, for two kinds of tests.
///
/// The cooperative pool has one thread per core and runs test cases in the order they were
/// queued. A parameterized suite that compiles and simulates a program per case (hundreds of
/// cases) fills that queue for minutes on a 2-core machine, and a test that awaits an RPC
/// could not resume before the RPC's deadline, which the network stack enforces on its own
/// threads: it failed although nothing was wrong. So:
/// - `.onTestThreads`: tests that wait on servers, other processes and clocks (the cluster,
///   the LLM providers, the search) run with their child tasks on `waiting`, 8 threads;
/// - `.heavyCases`: CPU-heavy parameterized suites run their cases on `heavy`, two threads
///   (one per core of the machines we test on), so they never queue ahead of the rest.
public final class TestThreadPool: TaskExecutor, @unchecked Sendable {
    public static let waiting = TestThreadPool(threads: 8)
    public static let heavy = TestThreadPool(threads: 2)

    private let condition = NSCondition()
    /// Jobs in arrival order; `next` is the first not yet taken.
    private var jobs: [UnownedJob] = []
    private var next = 0

    init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in work() }
            thread.name = "test-thread-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs each test case of the suite (or the test) it is attached to on `pool`.
public struct OnTestThreads: SuiteTrait, TestTrait, TestScoping {
    let pool: TestThreadPool

    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(pool) { try await function() }
    }
}

extension Trait where Self == OnTestThreads {
    /// Run on threads of their own, out of reach of CPU-heavy tests.
    public static var onTestThreads: Self { OnTestThreads(pool: .waiting) }
    /// Run the cases on two threads of their own, out of the cooperative pool's queue.
    public static var heavyCases: Self { OnTestThreads(pool: .heavy) }
}
