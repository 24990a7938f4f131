/// The occupied entries of one reservation-station pool (load, execute or store).
///
/// Entries whose completion has passed are removed only when the pool looks full (they
/// never delay anything). Each entry keeps its slot while it is in the pool, so the model
/// can come back to an entry (a preload when its compute arrives, an operation lengthened
/// by a bank conflict) without searching; the sequence number tells whether the slot still
/// holds the same entry. A free slot looks like a pending entry whose rows are empty: it
/// completes never and conflicts with nothing, so the scans need not skip it.
///
/// The completions are kept apart from the rows: sweeps read only completions, and the
/// dependency scans look at an entry's rows only when its completion could matter.
struct StationPool: ~Copyable {
    /// What the dependency rules compare: the rows an entry's command reads or writes.
    struct Rows {
        var rangeA: LocalRange
        var rangeB: LocalRange
        /// A stable name (a slot is reused by later entries); 0 in a free slot.
        var sequence: Int

        static let free = Rows(rangeA: .none, rangeB: .none, sequence: 0)
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
    /// Per slot: the completion, and the rows.
    private var completions: TimingBuffer<UInt64>
    private var rows: TimingBuffer<Rows>
    private var freeSlots: TimingBuffer<Int>
    /// No entry completes before this: exact after each sweep, and lowered as entries come
    /// in. A full pool whose entries have all yet to complete is then checked in one step,
    /// which is the common case while a loop keeps the station full.
    private(set) var earliestCompletionBound = UInt64.max
    /// No entry that is not pending completes after this, and how many are pending: a
    /// dependency scan that nothing in the pool can delay is skipped (the store pool's
    /// entries, mostly long done, for instance).
    private var latestCompletionBound: UInt64 = 0
    private var pendingCount = 0

    init(capacity: Int) {
        self.capacity = capacity
        completions = TimingBuffer(capacity: capacity + 1)
        rows = TimingBuffer(capacity: capacity + 1)
        freeSlots = TimingBuffer(capacity: capacity + 1)
    }

    @inline(__always)
    mutating func add(completion: UInt64, _ entryRows: Rows) -> EntryID {
        let slot: Int
        if freeSlots.isEmpty {
            slot = completions.count
            completions.append(completion)
            rows.append(entryRows)
        } else {
            slot = freeSlots.removeLast()
            completions[slot] = completion
            rows[slot] = entryRows
        }
        count += 1
        earliestCompletionBound = min(earliestCompletionBound, completion)
        noteCompletion(completion)
        return EntryID(slot: slot, sequence: entryRows.sequence)
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
        for slot in 0..<completions.count {
            let completion = completions[slot]
            if completion < cycle {
                free(slot)
            } else {
                earliest = min(earliest, completion)
            }
        }
        earliestCompletionBound = earliest
    }

    @inline(__always)
    private mutating func free(_ slot: Int) {
        completions[slot] = Self.pending
        rows[slot] = .free
        freeSlots.append(slot)
        count -= 1
    }

    /// The earliest completion (`pending` for none).
    var earliestCompletion: UInt64 {
        var earliest = UInt64.max
        for slot in 0..<completions.count { earliest = min(earliest, completions[slot]) }
        return earliest
    }

    /// The earliest completion at or after `cycle` (`UInt64.max` for none).
    func earliestCompletion(from cycle: UInt64) -> UInt64 {
        var earliest = UInt64.max
        for slot in 0..<completions.count {
            let completion = completions[slot]
            if completion >= cycle && completion < earliest { earliest = completion }
        }
        return earliest
    }

    /// The latest completion of the entries not pending (0 for none).
    func latestCompletion() -> UInt64 {
        var latest: UInt64 = 0
        for slot in 0..<completions.count where completions[slot] != Self.pending {
            latest = max(latest, completions[slot])
        }
        return latest
    }

    /// The first cycle after `ready` and after the completion of every entry whose rows
    /// `conflicts` picks. A pending entry counts as completing at `pendingCompletion` (0: it
    /// delays nothing). Entries that complete before `ready` are skipped before their rows
    /// are compared.
    @inline(__always)
    func ready(after ready: UInt64, pendingCompletion: UInt64 = 0, conflicts: (Rows) -> Bool) -> UInt64 {
        let latest = pendingCount > 0 ? max(latestCompletionBound, pendingCompletion) : latestCompletionBound
        guard latest >= ready else { return ready }
        var ready = ready
        for slot in 0..<completions.count {
            var completion = completions[slot]
            guard completion >= ready else { continue }
            if completion == Self.pending {
                completion = pendingCompletion
                guard completion >= ready else { continue }
            }
            if conflicts(rows[slot]) { ready = completion &+ 1 }
        }
        return ready
    }

    /// Sets the completion of entry `id`, if it is still in the pool.
    @inline(__always)
    mutating func setCompletion(of id: EntryID, to completion: UInt64) {
        guard holds(id) else { return }
        if completions[id.slot] == Self.pending { pendingCount -= 1 }
        completions[id.slot] = completion
        earliestCompletionBound = min(earliestCompletionBound, completion)
        noteCompletion(completion)
    }

    /// Delays entry `id` by `cycles`, if it is still in the pool; returns its new completion.
    /// (The earliest-completion bound stays valid: it only has to be no later than any.)
    mutating func delay(_ id: EntryID, by cycles: UInt64) -> UInt64? {
        guard holds(id) else { return nil }
        if completions[id.slot] == Self.pending { pendingCount -= 1 }
        completions[id.slot] &+= cycles
        noteCompletion(completions[id.slot])
        return completions[id.slot]
    }

    @inline(__always)
    private func holds(_ id: EntryID) -> Bool {
        id.sequence != 0 && id.slot < completions.count && rows[id.slot].sequence == id.sequence
    }

    @inline(__always)
    private mutating func noteCompletion(_ completion: UInt64) {
        if completion == Self.pending {
            pendingCount += 1
        } else {
            latestCompletionBound = max(latestCompletionBound, completion)
        }
    }
}
