/// The most recently used line of each set of an L1 cache, kept in front of its `CacheModel`.
///
/// An access to the line that is already the most recent of its set changes nothing in the
/// cache, not even the LRU order, so it can skip the model exactly: no lookup loop, no
/// division for the set index. Each entry is `line << 1 | dirty`; a store to a line not yet
/// known dirty goes to the model once, to mark it. Only for power-of-two set counts (the
/// index must be the model's); otherwise every access goes to the model.
struct RecentLines {
    private let entries: UnsafeMutablePointer<UInt64>
    private let setMask: UInt64
    private let count: Int
    private let enabled: Bool

    init(sets: Int) {
        enabled = sets > 0 && sets & (sets - 1) == 0
        count = enabled ? sets : 1
        setMask = enabled ? UInt64(sets - 1) : 0
        entries = .allocate(capacity: count)
        // No line number is this large (>> 1), so an empty entry never matches.
        entries.initialize(repeating: .max, count: count)
    }

    func release() { entries.deallocate() }

    /// The line is the most recent of its set.
    @inline(__always) func contains(_ line: UInt64) -> Bool {
        entries[Int(truncatingIfNeeded: line & setMask)] &>> 1 == line
    }

    /// The line is the most recent of its set and already dirty.
    @inline(__always) func containsDirty(_ line: UInt64) -> Bool {
        entries[Int(truncatingIfNeeded: line & setMask)] == (line &<< 1) | 1
    }

    /// `line` was just accessed through the model (it is now the most recent of its set).
    func record(_ line: UInt64, dirty: Bool) {
        guard enabled else { return }
        entries[Int(truncatingIfNeeded: line & setMask)] = (line &<< 1) | (dirty ? 1 : 0)
    }

    func clear() { entries.update(repeating: .max, count: count) }
}
