/// When each Gemmini command happens (gemmini-reference.md section 5).
///
/// The functional model carries out every command at once, in program order; this model
/// then schedules it: the front-end queues, the reservation station (three pools, the exact
/// cross-queue dependency rules, in-order issue per queue), and the load, store and execute
/// units. Each command's allocation, issue and completion cycles are computed when it
/// arrives, from the state left by the commands before it, so no cycle-by-cycle simulation
/// is needed: a command's completion is known as soon as it is scheduled, which is all the
/// dependency rules and the pool capacities need. The host core sees the cycle its command
/// was accepted (later when the front end is full) and, on `fence`, the cycle everything
/// is done.
///
/// The model runs once per command, loop-unrolled ones included, so its state lives in
/// buffers it owns (`TimingBuffer`, `StationPool`, `TransactionIDs`) rather than arrays.
final class GemminiTimingModel {
    let parameters: GemminiTimingParameters
    let memory: MemorySystem
    let dim: Int
    let scratchpadRows: Int
    let scratchpadBankRows: Int
    let accumulatorRows: Int
    let elementBytes: Int
    /// Beats of a 16-, 32- and 64-byte transfer (the only sizes the DMA makes), worked out
    /// once rather than divided per transfer.
    let beatsPer16: UInt64, beatsPer32: UInt64, beatsPer64: UInt64

    // MARK: Front end

    /// The last cycle a command entered the reservation station (one allocation per cycle).
    var lastAllocation: UInt64 = 0
    /// When the last `frontEndQueueEntries` host commands left the front end (a ring): the
    /// host may hand over a new command only when the oldest of them has left.
    var hostCommandDepartures: TimingBuffer<UInt64>
    var hostCommandCount = 0
    /// `hostCommandCount` modulo the ring's size (the slot of the next host command).
    var hostCommandSlot = 0
    /// A loop unroller holds the front end until it has issued all its commands.
    var frontEndHeldUntil: UInt64 = 0
    /// When the previous loop finished issuing (loops issue one after another).
    var loopIssueEnd: UInt64 = 0
    /// Loops alternate between the two halves of the scratchpad and accumulator in the RTL.
    var loopParity = 0

    // MARK: Reservation station

    /// The next entry's sequence number.
    var nextSequence = 0

    /// The occupied entries of the load, execute and store pools.
    var loadPool: StationPool
    var executePool: StationPool
    var storePool: StationPool
    /// In-order issue per pool: the last issue cycle.
    var lastLoadIssue: UInt64 = 0
    var lastExecuteIssue: UInt64 = 0
    var lastStoreIssue: UInt64 = 0
    /// Stores are serialized on completion.
    var lastStoreCompletion: UInt64 = 0

    // MARK: Units

    /// The load controller emits one DMA request per cycle from here on.
    var loadRequestFree: UInt64 = 0
    /// Completions of the mvins with data outstanding (DMACommandTracker).
    var loadsInFlight: TimingBuffer<UInt64>
    /// The TileLink A channel (Get headers and Put beats, one per cycle) and D channel (one beat per cycle).
    var requestChannelFree: UInt64 = 0
    var responseChannelFree: UInt64 = 0
    /// The DMA transaction ids, for reads and for writes.
    var readTransactions: TransactionIDs
    var writeTransactions: TransactionIDs
    /// The store unit and the last write acknowledgement (Gemmini is busy until then).
    var storeFree: UInt64 = 0
    var lastWriteAcknowledged: UInt64 = 0

    /// The array: free to take the next operation; when the last operation started; when
    /// all results are written; completions of the operations in flight (the tag queue, in
    /// the order they started).
    var meshFree: UInt64 = 0
    var lastMeshStart: UInt64 = 0
    var meshDrained: UInt64 = 0
    var meshTags: TimingBuffer<UInt64>
    /// The preload waiting for its compute: its entry and what it loads.
    var pendingPreload: (entry: StationPool.EntryID, issue: UInt64, newWeights: Bool)?
    /// The last compute in the array (its entry and its preload's, if any; the bank it
    /// reads A from; rows it feeds).
    var lastOperation: (compute: StationPool.EntryID, preload: StationPool.EntryID, aBank: Int, rows: UInt64)?

    /// The loop unroller's sub-FSM queues (their storage is reused from loop to loop).
    var matmulQueues = MatmulQueues()

    var statistics = GemminiTimingStatistics()

    init(parameters: GemminiTimingParameters, memory: MemorySystem, configuration: GemminiConfiguration) {
        self.parameters = parameters
        self.memory = memory
        dim = configuration.dim
        scratchpadRows = configuration.scratchpadRows
        scratchpadBankRows = configuration.scratchpadBankRows
        accumulatorRows = configuration.accumulatorRows
        elementBytes = configuration.inputBytes
        let beatBytes = max(1, parameters.beatBytes)
        beatsPer16 = UInt64(16 / beatBytes)
        beatsPer32 = UInt64(32 / beatBytes)
        beatsPer64 = UInt64(64 / beatBytes)
        hostCommandDepartures = TimingBuffer(repeating: 0, count: max(1, parameters.frontEndQueueEntries))
        loadPool = StationPool(capacity: parameters.loadEntries)
        executePool = StationPool(capacity: parameters.executeEntries)
        storePool = StationPool(capacity: parameters.storeEntries)
        loadsInFlight = TimingBuffer(capacity: parameters.loadCommandsInFlight + 1)
        meshTags = TimingBuffer(capacity: parameters.meshTagEntries + 1)
        readTransactions = TransactionIDs(count: parameters.dmaTransactions)
        writeTransactions = TransactionIDs(count: parameters.dmaTransactions)
    }

    deinit {
        readTransactions.release()
        writeTransactions.release()
    }

    // MARK: Host commands

    /// Schedules a command the host issued at `cycle`; returns the cycle the host may go on
    /// (when the command is accepted into the front-end queue).
    func hostCommand(_ command: TimedCommand, at cycle: UInt64) -> UInt64 {
        noteRowsUsed(command)
        let (slot, accepted, arrival) = admitHostCommand(at: cycle)
        hostCommandDepartures[slot] = schedule(command, arrival: arrival)
        return accepted
    }

    /// Notes the rows a command uses for the high-water marks.
    @inline(__always)
    func noteRowsUsed(_ command: TimedCommand) {
        statistics.noteRowsUsed(command.rangeA, scratchpadRows: scratchpadRows, accumulatorRows: accumulatorRows)
        statistics.noteRowsUsed(command.rangeB, scratchpadRows: scratchpadRows, accumulatorRows: accumulatorRows)
    }

    /// A command the host hands over at `cycle` (a loop command too): its slot in the ring of
    /// departures (to be filled when it leaves the front end), the cycle the front end accepts
    /// it, and the cycle it arrives at the station.
    @inline(__always)
    func admitHostCommand(at cycle: UInt64) -> (slot: Int, accepted: UInt64, arrival: UInt64) {
        // The oldest of the last queue-full of host commands must have left the front end. The
        // slot is the count modulo the ring's size, kept without a division.
        let slot = hostCommandSlot
        hostCommandSlot = slot + 1 == hostCommandDepartures.count ? 0 : slot + 1
        let accepted = hostCommandCount >= hostCommandDepartures.count ? max(cycle, hostCommandDepartures[slot]) : cycle
        hostCommandCount += 1
        let arrival = max(accepted &+ UInt64(parameters.frontEndLatency), frontEndHeldUntil)
        return (slot, accepted, arrival)
    }

    /// The cycle a response (the counter op) reaches the host for a command issued at `cycle`:
    /// it waits behind the commands queued in front of it.
    func responseCycle(issuedAt cycle: UInt64) -> UInt64 {
        max(cycle &+ UInt64(parameters.frontEndLatency), frontEndHeldUntil, lastAllocation &+ 1)
    }

    /// The host executes `fence` at `cycle`: everything issued so far is done (all station
    /// entries completed, all writes acknowledged).
    func fence(at cycle: UInt64) -> UInt64 {
        let done = max(cycle, lastWriteAcknowledged, meshDrained, loopIssueEnd,
                       loadPool.latestCompletion(), executePool.latestCompletion(), storePool.latestCompletion())
        return done &+ 1
    }

    /// Schedules one command that reaches the reservation station no earlier than `arrival`;
    /// returns the cycle it left the front end (its allocation, or its pass for commands that
    /// never enter the station).
    @discardableResult
    func schedule(_ command: TimedCommand, arrival: UInt64) -> UInt64 {
        guard let pool = command.pool else {
            // Flush, counters, loop words: consumed in the front end, one per cycle, in order.
            lastAllocation = max(arrival, lastAllocation &+ 1)
            return lastAllocation
        }
        let allocation = allocate(pool, earliest: arrival)
        let ready = dependenciesReady(command.rangeA, command.rangeB, pool: pool, allocation: allocation)
        let (a, b) = (command.rangeA, command.rangeB)
        switch command.kind {
        case .load(let shape): scheduleLoad(shape, a, b, allocation: allocation, ready: ready)
        case .configLoad: scheduleConfiguration(pool: .load, a, b, allocation: allocation, ready: ready)
        case .store(let shape): scheduleStore(shape, a, b, allocation: allocation, ready: ready)
        case .configStore: scheduleConfiguration(pool: .store, a, b, allocation: allocation, ready: ready)
        case .preload(let newWeights, let weightBank):
            schedulePreload(a, b, newWeights: newWeights, weightBank: weightBank, allocation: allocation, ready: ready)
        case .compute(let shape): scheduleCompute(shape, a, b, allocation: allocation, ready: ready)
        case .configExecute: scheduleExecuteConfiguration(a, b, allocation: allocation, ready: ready)
        case .frontEndOnly, .loopControl: break
        }
        return allocation
    }

    // MARK: Reservation station

    /// Takes an entry of `pool` no earlier than `earliest` and the cycle after the previous
    /// allocation; when the pool is full the whole stream waits for its first completion.
    func allocate(_ pool: TimedCommand.Pool, earliest: UInt64) -> UInt64 {
        var cycle = max(earliest, lastAllocation &+ 1)
        if !hasRoom(pool, at: cycle) {
            let first = earliestCompletion(pool)
            let freed = first &+ 1
            if first != .max && freed > cycle {
                statistics.reservationStationFullCycles &+= freed - cycle
                cycle = freed
            }
            removeCompleted(pool, before: cycle)
        }
        lastAllocation = cycle
        return cycle
    }

    /// Whether `pool` has a free entry at `cycle`.
    @inline(__always)
    func hasRoom(_ pool: TimedCommand.Pool, at cycle: UInt64) -> Bool {
        switch pool {
        case .load: loadPool.hasRoom(at: cycle)
        case .execute: executePool.hasRoom(at: cycle)
        case .store: storePool.hasRoom(at: cycle)
        }
    }

    /// `hasRoom`, and when there is none, lowers `firstFreed` to the pool's earliest
    /// completion (from `cycle` on: once a full pool has been swept, it holds only entries
    /// completing later).
    @inline(__always)
    func hasRoom(_ pool: TimedCommand.Pool, at cycle: UInt64, notingFreed firstFreed: inout UInt64) -> Bool {
        if hasRoom(pool, at: cycle) { return true }
        firstFreed = min(firstFreed, earliestCompletion(pool))
        return false
    }

    /// The earliest completion in `pool` (`StationPool.pending` when it is empty).
    @inline(__always)
    func earliestCompletion(_ pool: TimedCommand.Pool) -> UInt64 {
        switch pool {
        case .load: loadPool.earliestCompletion
        case .execute: executePool.earliestCompletion
        case .store: storePool.earliestCompletion
        }
    }

    func removeCompleted(_ pool: TimedCommand.Pool, before cycle: UInt64) {
        switch pool {
        case .load: loadPool.removeCompleted(before: cycle)
        case .execute: executePool.removeCompleted(before: cycle)
        case .store: storePool.removeCompleted(before: cycle)
        }
    }

    /// The first cycle a command with op ranges `a` and `b` may issue: after its allocation
    /// and after every entry of another pool (present at allocation) whose rows it conflicts
    /// with has completed (reference 5.2: ld after ex/st, ex after ld, ex after st, st after ex).
    @inline(__always)
    func dependenciesReady(_ a: LocalRange, _ b: LocalRange, pool: TimedCommand.Pool, allocation: UInt64) -> UInt64 {
        var ready = allocation &+ 1
        switch pool {
        case .load:
            ready = executePool.ready(after: ready) { a.overlaps($0.rangeA) || a.overlaps($0.rangeB) }
            ready = storePool.ready(after: ready) { a.overlaps($0.rangeA) }
        case .execute:
            ready = loadPool.ready(after: ready) { a.overlaps($0.rangeA) || b.overlaps($0.rangeA) }
            ready = storePool.ready(after: ready) { a.overlaps($0.rangeA) || b.overlaps($0.rangeA) }
        case .store:
            // A preload still waiting for its compute has no completion yet: its compute
            // follows it directly in the execute queue, so wait for the array to drain.
            ready = executePool.ready(after: ready, pendingCompletion: meshDrained) {
                a.overlaps($0.rangeA) || a.overlaps($0.rangeB)
            }
        }
        if ready > allocation &+ 1 { statistics.waitingOnDependenciesCycles &+= ready - allocation - 1 }
        return ready
    }

    /// Adds an entry with op ranges `a` and `b` to `pool`.
    @discardableResult @inline(__always)
    func occupy(_ pool: TimedCommand.Pool, _ a: LocalRange, _ b: LocalRange, completion: UInt64) -> StationPool.EntryID {
        nextSequence += 1
        let rows = StationPool.Rows(rangeA: a, rangeB: b, sequence: nextSequence)
        switch pool {
        case .load: return loadPool.add(completion: completion, rows)
        case .execute: return executePool.add(completion: completion, rows)
        case .store: return storePool.add(completion: completion, rows)
        }
    }

    /// config_ld and config_st complete at issue (config_st after the previous mvout, since
    /// stores are serialized).
    func scheduleConfiguration(pool: TimedCommand.Pool, _ a: LocalRange, _ b: LocalRange, allocation: UInt64, ready: UInt64) {
        let issue: UInt64
        if pool == .store {
            issue = max(ready, lastStoreIssue &+ 1, lastStoreCompletion &+ 1)
            lastStoreIssue = issue
            lastStoreCompletion = issue
        } else {
            issue = max(ready, lastLoadIssue &+ 1)
            lastLoadIssue = issue
        }
        occupy(pool, a, b, completion: issue)
    }
}
