/// The DMA's transaction ids for one direction (reads or writes): each transfer takes the id
/// that frees first and holds it until its release cycle.
///
/// Only when the earliest id frees matters, not which id it is. Transfers go through the
/// channels in order, so each one normally releases its id no earlier than the one before:
/// the ids then free in the order they were taken, and a ring gives the earliest in one
/// step. Should a release ever come earlier than the previous one, the ids are searched.
///
/// A copy shares the ids' storage: the DMA loops work on a copy in locals and store it back,
/// so that the compiler need not reload the ring after every memory access. The owner
/// calls `release()` once.
struct TransactionIDs {
    private let freeAt: UnsafeMutablePointer<UInt64>
    private let count: Int
    /// The id taken longest ago (the earliest to free while releases come in order).
    private var oldest = 0
    private var latestRelease: UInt64 = 0
    private var releasesInOrder = true

    init(count: Int) {
        self.count = max(1, count)
        freeAt = .allocate(capacity: self.count)
        freeAt.initialize(repeating: 0, count: self.count)
    }

    func release() { freeAt.deallocate() }

    /// When the earliest-free id frees.
    @inline(__always)
    var earliestFree: UInt64 { freeAt[releasesInOrder ? oldest : searchEarliest()] }

    /// `earliestFree` and `take(until:)` for a direction whose releases are known to come in
    /// order (the reads: each transfer's data arrives after the one before): no check.
    @inline(__always)
    var earliestFreeInOrder: UInt64 { freeAt[oldest] }

    @inline(__always)
    mutating func takeInOrder(until release: UInt64) {
        freeAt[oldest] = release
        oldest = oldest &+ 1 == count ? 0 : oldest &+ 1
    }

    /// Takes the earliest-free id until `release`.
    @inline(__always)
    mutating func take(until release: UInt64) {
        if releasesInOrder {
            freeAt[oldest] = release
            oldest = oldest &+ 1 == count ? 0 : oldest &+ 1
            if release < latestRelease { releasesInOrder = false }
            latestRelease = release
        } else {
            freeAt[searchEarliest()] = release
        }
    }

    private func searchEarliest() -> Int {
        var best = 0
        for index in 1..<count where freeAt[index] < freeAt[best] { best = index }
        return best
    }
}
