import Foundation

/// Runs blocking work (a compiler, a board loader) on a thread of its own, so that it never
/// occupies one of the few threads of Swift's cooperative pool, which the worker's heartbeats
/// and RPCs need (a 2-core machine has 2).
func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
