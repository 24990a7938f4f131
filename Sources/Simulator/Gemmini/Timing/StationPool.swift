/// The occupied entries of one reservation-station pool (load, execute or store).
///
/// Entries whose completion has passed are removed only when the pool looks full (they
/// never delay anything). Each entry keeps its slot while it is in the pool, so the model
/// can come back to an entry (a preload when its compute arrives, an operation lengthened
/// by a bank conflict) without searching; the sequence number tells whether the slot still
/// holds the same entry. A free slot looks like a pending entry whose rows are empty: it
/// completes never and conflicts with nothing, so the scans need not skip it.
struct StationPool: ~Copyable {
    struct Entry {
        var completion: UInt64
        var rangeA: LocalRange
        var rangeB: LocalRange
        /// A stable name (a slot is reused by later entries); 0 in a free slot.
        var sequence: Int

        static let free = Entry(completion: pending, rangeA: .none, rangeB: .none, sequence: 0)
    }

    /// Where an entry is, for coming back to it.
    struct EntryID {
        var slot: Int
        var sequence: Int

        static let none = EntryID(slot: 0, sequence: 0)
    }

    /// A preload waiting for its compute has no completion yet.
    static let pending = UInt64.max

    /// The entries the pool has.
    let capacity: Int
    private(set) var count = 0
    private var slots: TimingBuffer<Entry>
    private var freeSlots: TimingBuffer<Int>
    /// No entry completes before this: exact after each sweep, and lowered as entries come
    /// in. A full pool whose entries have all yet to complete is then checked in one step,
    /// which is the common case while a loop keeps the station full.
    private(set) var earliestCompletionBound = UInt64.max

    init(capacity: Int) {
        self.capacity = capacity
        slots = TimingBuffer(capacity: capacity + 1)
        freeSlots = TimingBuffer(capacity: capacity + 1)
    }

    @inline(__always)
    mutating func add(_ entry: Entry) -> EntryID {
        let slot: Int
        if freeSlots.isEmpty {
            slot = slots.count
            slots.append(entry)
        } else {
            slot = freeSlots.removeLast()
            slots[slot] = entry
        }
        count += 1
        earliestCompletionBound = min(earliestCompletionBound, entry.completion)
        return EntryID(slot: slot, sequence: entry.sequence)
    }

    /// Whether the pool has a free entry at `cycle` (removing the entries completed by then).
    @inline(__always)
    mutating func hasRoom(at cycle: UInt64) -> Bool {
        if count < capacity { return true }
        removeCompleted(before: cycle)
        return count < capacity
    }

    @inline(__always)
    mutating func removeCompleted(before cycle: UInt64) {
        guard earliestCompletionBound < cycle else { return }
        var earliest = UInt64.max
        for slot in 0..<slots.count {
            let completion = slots[slot].completion
            if completion < cycle {
                slots[slot] = .free
                freeSlots.append(slot)
                count -= 1
            } else {
                earliest = min(earliest, completion)
            }
        }
        earliestCompletionBound = earliest
    }

    /// The earliest completion (`pending` for none).
    func earliestCompletion() -> UInt64 {
        var earliest = UInt64.max
        for slot in 0..<slots.count { earliest = min(earliest, slots[slot].completion) }
        return earliest
    }

    /// The earliest completion at or after `cycle` (`UInt64.max` for none).
    func earliestCompletion(from cycle: UInt64) -> UInt64 {
        var earliest = UInt64.max
        for slot in 0..<slots.count {
            let completion = slots[slot].completion
            if completion >= cycle && completion < earliest { earliest = completion }
        }
        return earliest
    }

    /// The latest completion of the entries not pending (0 for none).
    func latestCompletion() -> UInt64 {
        var latest: UInt64 = 0
        for slot in 0..<slots.count where slots[slot].completion != Self.pending {
            latest = max(latest, slots[slot].completion)
        }
        return latest
    }

    /// The first cycle after `ready` and after the completion of every entry that
    /// `conflicts` picks. A pending entry counts as completing at `pendingCompletion` (0: it
    /// delays nothing). Entries that complete before `ready` are skipped before their ranges
    /// are compared.
    @inline(__always)
    func ready(after ready: UInt64, pendingCompletion: UInt64 = 0, conflicts: (Entry) -> Bool) -> UInt64 {
        var ready = ready
        for slot in 0..<slots.count {
            let entry = slots[slot]
            let completion = entry.completion == Self.pending ? pendingCompletion : entry.completion
            if completion >= ready && conflicts(entry) { ready = completion &+ 1 }
        }
        return ready
    }

    /// Sets the completion of entry `id`, if it is still in the pool.
    @inline(__always)
    mutating func setCompletion(of id: EntryID, to completion: UInt64) {
        guard id.sequence != 0, id.slot < slots.count, slots[id.slot].sequence == id.sequence else { return }
        slots[id.slot].completion = completion
        earliestCompletionBound = min(earliestCompletionBound, completion)
    }

    /// Delays entry `id` by `cycles`, if it is still in the pool; returns its new completion.
    /// (The bound stays valid: it only has to be no later than any completion.)
    mutating func delay(_ id: EntryID, by cycles: UInt64) -> UInt64? {
        guard id.sequence != 0, id.slot < slots.count, slots[id.slot].sequence == id.sequence else { return nil }
        slots[id.slot].completion &+= cycles
        return slots[id.slot].completion
    }
}
