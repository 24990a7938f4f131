/// The occupied entries of one reservation-station pool (load, execute or store).
///
/// Entries whose completion has passed are removed only when the pool looks full (they
/// never delay anything). Each entry keeps its slot while it is in the pool, so the model
/// can come back to an entry (a preload when its compute arrives, an operation lengthened
/// by a bank conflict) without searching; the sequence number tells whether the slot still
/// holds the same entry.
///
/// The entries are also kept in the order of their completions (a preload still waiting for
/// its compute last). Commands mostly complete in the order they arrive, so keeping that
/// order costs a comparison or two per entry, and it turns the per-command work into steps
/// instead of passes over the pool: the earliest completion is the first entry, a sweep
/// stops at the first entry not yet complete, and a dependency scan goes back from the
/// latest completion and stops at the first entry that conflicts (nothing before it can
/// delay the command further).
struct StationPool: ~Copyable {
    /// What the dependency rules compare: the rows an entry's command reads or writes.
    struct Rows {
        var rangeA: LocalRange
        var rangeB: LocalRange
        /// A stable name (a slot is reused by later entries); 0 in a free slot.
        var sequence: Int
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
    var count: Int { order.count }
    /// Per slot: the completion, and the rows.
    private var completions: TimingBuffer<UInt64>
    private var rows: TimingBuffer<Rows>
    private var freeSlots: TimingBuffer<Int>
    /// The occupied slots by completion, earliest first (equal ones in arrival order).
    private var order: CompletionOrder

    init(capacity: Int) {
        self.capacity = capacity
        completions = TimingBuffer(capacity: capacity + 1)
        rows = TimingBuffer(capacity: capacity + 1)
        freeSlots = TimingBuffer(capacity: capacity + 1)
        order = CompletionOrder(capacity: capacity + 1)
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
        insert(slot)
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
        while !order.isEmpty {
            let slot = order.first
            guard completions[slot] < cycle else { return }
            order.removeFirst()
            // Its sequence number no longer names it (see `holds`); the slot is reused as is.
            rows[slot].sequence = 0
            freeSlots.append(slot)
        }
    }

    /// The earliest completion (`pending` for none).
    var earliestCompletion: UInt64 {
        order.isEmpty ? Self.pending : completions[order.first]
    }

    /// The earliest completion at or after `cycle` (`UInt64.max` for none).
    func earliestCompletion(from cycle: UInt64) -> UInt64 {
        for position in 0..<order.count {
            let completion = completions[order[position]]
            if completion >= cycle { return completion }
        }
        return .max
    }

    /// The latest completion of the entries not pending (0 for none).
    func latestCompletion() -> UInt64 {
        var position = order.count
        while position > 0 {
            position -= 1
            let completion = completions[order[position]]
            if completion != Self.pending { return completion }
        }
        return 0
    }

    /// The first cycle after `ready` and after the completion of every entry whose rows
    /// `conflicts` picks. A pending entry counts as completing at `pendingCompletion` (0: it
    /// delays nothing).
    @inline(__always)
    func ready(after ready: UInt64, pendingCompletion: UInt64 = 0, conflicts: (Rows) -> Bool) -> UInt64 {
        var ready = ready
        var position = order.count
        // The pending entries come last.
        while position > 0 {
            let slot = order[position - 1]
            guard completions[slot] == Self.pending else { break }
            position -= 1
            if pendingCompletion >= ready && conflicts(rows[slot]) { ready = pendingCompletion &+ 1 }
        }
        // The others from the latest: the first that conflicts decides, as the ones before
        // it complete no later.
        while position > 0 {
            position -= 1
            let slot = order[position]
            let completion = completions[slot]
            if completion < ready { break }
            if conflicts(rows[slot]) { return completion &+ 1 }
        }
        return ready
    }

    /// Sets the completion of entry `id`, if it is still in the pool.
    @inline(__always)
    mutating func setCompletion(of id: EntryID, to completion: UInt64) {
        guard holds(id) else { return }
        move(id.slot, to: completion)
    }

    /// Delays entry `id` by `cycles`, if it is still in the pool; returns its new completion.
    mutating func delay(_ id: EntryID, by cycles: UInt64) -> UInt64? {
        guard holds(id) else { return nil }
        let completion = completions[id.slot] &+ cycles
        move(id.slot, to: completion)
        return completion
    }

    /// Gives an occupied slot a new completion, and its place in the order with it.
    @inline(__always)
    private mutating func move(_ slot: Int, to completion: UInt64) {
        order.remove(slot)
        completions[slot] = completion
        insert(slot)
    }

    @inline(__always)
    private func holds(_ id: EntryID) -> Bool {
        id.sequence != 0 && id.slot < completions.count && rows[id.slot].sequence == id.sequence
    }

    /// Puts an occupied slot in its place in the completion order: after the entries that
    /// complete no later, searching from the latest (where new entries usually belong).
    @inline(__always)
    private mutating func insert(_ slot: Int) {
        let completion = completions[slot]
        var position = order.count
        while position > 0 && completions[order[position - 1]] > completion { position -= 1 }
        order.insert(slot, at: position)
    }
}

/// The slots of a pool in completion order: a ring, since entries mostly leave from the
/// front and arrive at the back.
struct CompletionOrder: ~Copyable {
    private var slots: TimingBuffer<Int>
    private let mask: Int
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) {
        var size = 1
        while size < capacity { size <<= 1 }
        mask = size - 1
        slots = TimingBuffer(repeating: 0, count: size)
    }

    var isEmpty: Bool { count == 0 }
    var first: Int { slots[head] }

    /// The slot at `position` from the front.
    @inline(__always)
    subscript(position: Int) -> Int { slots[(head &+ position) & mask] }

    @inline(__always)
    mutating func removeFirst() {
        head = (head &+ 1) & mask
        count -= 1
    }

    @inline(__always)
    mutating func insert(_ slot: Int, at position: Int) {
        var index = count
        while index > position {
            slots[(head &+ index) & mask] = slots[(head &+ index &- 1) & mask]
            index -= 1
        }
        slots[(head &+ position) & mask] = slot
        count += 1
    }

    /// Removes `slot` (searched from the back, where the entries that change are).
    @inline(__always)
    mutating func remove(_ slot: Int) {
        var position = count - 1
        while position >= 0 && self[position] != slot { position -= 1 }
        guard position >= 0 else { return }
        while position < count - 1 {
            slots[(head &+ position) & mask] = slots[(head &+ position &+ 1) & mask]
            position += 1
        }
        count -= 1
    }
}
