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
final class GemminiTimingModel {
    let parameters: GemminiTimingParameters
    let memory: MemorySystem
    let dim: Int
    let scratchpadRows: Int
    let scratchpadBankRows: Int
    let accumulatorRows: Int
    let elementBytes: Int

    // MARK: Front end

    /// The last cycle a command entered the reservation station (one allocation per cycle).
    var lastAllocation: UInt64 = 0
    /// When the last `frontEndQueueEntries` host commands left the front end (a ring): the
    /// host may hand over a new command only when the oldest of them has left.
    var hostCommandDepartures: [UInt64]
    var hostCommandCount = 0
    /// A loop unroller holds the front end until it has issued all its commands.
    var frontEndHeldUntil: UInt64 = 0
    /// When the previous loop finished issuing (loops issue one after another).
    var loopIssueEnd: UInt64 = 0
    /// Loops alternate between the two halves of the scratchpad and accumulator in the RTL.
    var loopParity = 0

    // MARK: Reservation station

    struct Entry {
        var completion: UInt64
        var rangeA: LocalRange
        var rangeB: LocalRange
        /// A stable name (indices shift as completed entries leave).
        var sequence: Int
    }

    /// The next entry's sequence number.
    var nextSequence = 0

    /// The occupied entries of the load, execute and store pools. Entries whose completion has
    /// passed are removed only when a pool looks full (they never delay anything).
    var entries: [[Entry]] = [[], [], []]
    var capacities: [Int]
    /// In-order issue per pool: the last issue cycle.
    var lastIssue: [UInt64] = [0, 0, 0]
    /// Stores are serialized on completion.
    var lastStoreCompletion: UInt64 = 0

    // MARK: Units

    /// The load controller emits one DMA request per cycle from here on.
    var loadRequestFree: UInt64 = 0
    /// Completions of the mvins with data outstanding (DMACommandTracker).
    var loadsInFlight: [UInt64] = []
    /// The TileLink A channel (Get headers and Put beats, one per cycle) and D channel (one beat per cycle).
    var requestChannelFree: UInt64 = 0
    var responseChannelFree: UInt64 = 0
    /// When each DMA transaction id becomes free, for reads and for writes.
    var readTransactions: [UInt64]
    var writeTransactions: [UInt64]
    /// The store unit and the last write acknowledgement (Gemmini is busy until then).
    var storeFree: UInt64 = 0
    var lastWriteAcknowledged: UInt64 = 0

    /// The array: free to take the next operation; when the last operation started; when
    /// all results are written; completions of the operations in flight (the tag queue).
    var meshFree: UInt64 = 0
    var lastMeshStart: UInt64 = 0
    var meshDrained: UInt64 = 0
    var meshTags: [UInt64] = []
    /// The preload waiting for its compute: its entry's sequence number and what it loads.
    var pendingPreload: (sequence: Int, issue: UInt64, newWeights: Bool)?
    /// The last compute in the array (sequence numbers of it and its preload, 0 for none;
    /// the bank it reads A from; rows it feeds).
    var lastOperation: (computeSequence: Int, preloadSequence: Int, aBank: Int, rows: UInt64)?

    var statistics = GemminiTimingStatistics()

    init(parameters: GemminiTimingParameters, memory: MemorySystem, configuration: GemminiConfiguration) {
        self.parameters = parameters
        self.memory = memory
        dim = configuration.dim
        scratchpadRows = configuration.scratchpadRows
        scratchpadBankRows = configuration.scratchpadBankRows
        accumulatorRows = configuration.accumulatorRows
        elementBytes = configuration.inputBytes
        hostCommandDepartures = [UInt64](repeating: 0, count: max(1, parameters.frontEndQueueEntries))
        capacities = [parameters.loadEntries, parameters.executeEntries, parameters.storeEntries]
        readTransactions = [UInt64](repeating: 0, count: max(1, parameters.dmaTransactions))
        writeTransactions = [UInt64](repeating: 0, count: max(1, parameters.dmaTransactions))
    }

    // MARK: Host commands

    /// Schedules a command the host issued at `cycle`; returns the cycle the host may go on
    /// (when the command is accepted into the front-end queue).
    func hostCommand(_ command: TimedCommand, at cycle: UInt64) -> UInt64 {
        // The oldest of the last queue-full of host commands must have left the front end.
        let slot = hostCommandCount % hostCommandDepartures.count
        let accepted = hostCommandCount >= hostCommandDepartures.count ? max(cycle, hostCommandDepartures[slot]) : cycle
        hostCommandCount += 1
        let arrival = max(accepted &+ UInt64(parameters.frontEndLatency), frontEndHeldUntil)
        let departure = schedule(command, arrival: arrival)
        hostCommandDepartures[slot] = departure
        return accepted
    }

    /// The cycle a response (the counter op) reaches the host for a command issued at `cycle`:
    /// it waits behind the commands queued in front of it.
    func responseCycle(issuedAt cycle: UInt64) -> UInt64 {
        max(cycle &+ UInt64(parameters.frontEndLatency), frontEndHeldUntil, lastAllocation &+ 1)
    }

    /// The host executes `fence` at `cycle`: everything issued so far is done (all station
    /// entries completed, all writes acknowledged).
    func fence(at cycle: UInt64) -> UInt64 {
        var done = max(cycle, lastWriteAcknowledged, meshDrained, loopIssueEnd)
        for pool in entries { for entry in pool where entry.completion != .max { done = max(done, entry.completion) } }
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
        let ready = dependenciesReady(command, pool: pool, allocation: allocation)
        switch command.kind {
        case .load(let shape): scheduleLoad(command, shape, allocation: allocation, ready: ready)
        case .configLoad: scheduleConfiguration(command, pool: .load, allocation: allocation, ready: ready)
        case .store(let shape): scheduleStore(command, shape, allocation: allocation, ready: ready)
        case .configStore: scheduleConfiguration(command, pool: .store, allocation: allocation, ready: ready)
        case .preload(let newWeights, let weightBank):
            schedulePreload(command, newWeights: newWeights, weightBank: weightBank, allocation: allocation, ready: ready)
        case .compute(let shape): scheduleCompute(command, shape, allocation: allocation, ready: ready)
        case .configExecute: scheduleExecuteConfiguration(command, allocation: allocation, ready: ready)
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
            var first = UInt64.max
            for entry in entries[pool.rawValue] where entry.completion < first { first = entry.completion }
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
        if entries[pool.rawValue].count < capacities[pool.rawValue] { return true }
        removeCompleted(pool, before: cycle)
        return entries[pool.rawValue].count < capacities[pool.rawValue]
    }

    func removeCompleted(_ pool: TimedCommand.Pool, before cycle: UInt64) {
        entries[pool.rawValue].removeAll { $0.completion < cycle }
    }

    /// The first cycle the command may issue: after its allocation and after every entry of
    /// another pool (present at allocation) whose rows it conflicts with has completed
    /// (reference 5.2: ld after ex/st, ex after ld, ex after st, st after ex).
    func dependenciesReady(_ command: TimedCommand, pool: TimedCommand.Pool, allocation: UInt64) -> UInt64 {
        var ready = allocation &+ 1
        let a = command.rangeA, b = command.rangeB
        switch pool {
        case .load:
            for entry in entries[TimedCommand.Pool.execute.rawValue] where a.overlaps(entry.rangeA) || a.overlaps(entry.rangeB) {
                ready = max(ready, entry.completion &+ 1)
            }
            for entry in entries[TimedCommand.Pool.store.rawValue] where a.overlaps(entry.rangeA) {
                ready = max(ready, entry.completion &+ 1)
            }
        case .execute:
            for entry in entries[TimedCommand.Pool.load.rawValue] where a.overlaps(entry.rangeA) || b.overlaps(entry.rangeA) {
                ready = max(ready, entry.completion &+ 1)
            }
            for entry in entries[TimedCommand.Pool.store.rawValue] where a.overlaps(entry.rangeA) || b.overlaps(entry.rangeA) {
                ready = max(ready, entry.completion &+ 1)
            }
        case .store:
            for entry in entries[TimedCommand.Pool.execute.rawValue] where a.overlaps(entry.rangeA) || a.overlaps(entry.rangeB) {
                // A preload still waiting for its compute has no completion yet: its compute
                // follows it directly in the execute queue, so wait for the array to drain.
                ready = max(ready, entry.completion == .max ? meshDrained &+ 1 : entry.completion &+ 1)
            }
        }
        if ready > allocation &+ 1 { statistics.waitingOnDependenciesCycles &+= ready - allocation - 1 }
        return ready
    }

    /// Adds the command's entry to its pool; returns its sequence number.
    @discardableResult
    func occupy(_ pool: TimedCommand.Pool, _ command: TimedCommand, completion: UInt64) -> Int {
        nextSequence += 1
        entries[pool.rawValue].append(
            Entry(completion: completion, rangeA: command.rangeA, rangeB: command.rangeB, sequence: nextSequence))
        return nextSequence
    }

    /// config_ld and config_st complete at issue (config_st after the previous mvout, since
    /// stores are serialized).
    func scheduleConfiguration(_ command: TimedCommand, pool: TimedCommand.Pool, allocation: UInt64, ready: UInt64) {
        var issue = max(ready, lastIssue[pool.rawValue] &+ 1)
        if pool == .store { issue = max(issue, lastStoreCompletion &+ 1) }
        lastIssue[pool.rawValue] = issue
        if pool == .store { lastStoreCompletion = issue }
        occupy(pool, command, completion: issue)
    }
}
