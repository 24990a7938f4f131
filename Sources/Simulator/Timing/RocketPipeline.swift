/// The host core model's state besides the clock and the scoreboard (see `RocketTiming`), in
/// one heap block that `RocketTiming` points to and `TimingBuffers` frees: fetch, branch and
/// data-access state, the caches, the counters, and the out-of-line paths.
///
/// The current cycle is not here: it is a field of `RocketTiming`, which the interpreter keeps
/// in a local for the whole loop, so that the compiler can keep it in a register or its own
/// frame. Every path here that moves the clock takes the current cycle and returns the new
/// one. The scoreboard follows this struct in its block (`TimingBuffers`).
struct RocketPipeline {
    // MARK: Every instruction
    // Dependency stalls are not summed per instruction (a measurable cost): every other way
    // the cycle advances is counted, and they are the rest (`RocketTiming.statistics`).
    /// The first address of the line fetch is reading; fetch outside it looks the I-cache up.
    var fetchLine = UInt64.max
    let instructionLineBytes: UInt64
    /// For the rules of operations known at compile time.
    let latencies: IssueLatencies
    let rules: UnsafePointer<IssueRule>

    // MARK: Branches, memory accesses, new fetch lines
    var branchMispredictions: UInt64 = 0
    let history: BranchHistoryTable
    let mispredictPenalty: UInt64
    var dataCache: CacheTags
    var instructionCache: CacheTags

    // MARK: Rare: misses, calls and returns, RoCC, fence.i
    /// The scoreboard, for the result of a load that misses.
    let ready: UnsafeMutablePointer<UInt64>
    let memory: MemorySystem
    var jumps: JumpPredictor
    /// The load-use latency, and the I-cache's hit latency (paid again after a miss's refill).
    let loadUseLatency: UInt64
    let instructionFetchLatency: UInt64
    let roccCommandCost: UInt64
    var instructionCacheMisses: UInt64 = 0
    var dataCacheMisses: UInt64 = 0
    var memoryStallCycles: UInt64 = 0
    /// By `HostStall` raw value.
    var acceleratorStallCycles: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var roccCommands: UInt64 = 0
    /// Cycles RoCC commands delayed issue by (up to `roccCommandCost` each).
    var roccCommandCycles: UInt64 = 0
    /// The retired-instruction count of the latest `RocketTiming.cycles(retired:)` call.
    var lastRetired: UInt64 = 0

    /// Cycles instructions waited for operands or a busy unit: every cycle up to `cycle` that
    /// is not an instruction's own issue cycle or counted elsewhere. Exact when `retired`
    /// counts the instructions dispatched (a trap's instruction retires nothing: one cycle
    /// each more).
    func dependencyStallCycles(retired: UInt64, cycle: UInt64) -> UInt64 {
        let explained = retired &+ memoryStallCycles &+ branchMispredictions &* mispredictPenalty
            &+ acceleratorStallCycles.0 &+ acceleratorStallCycles.1 &+ acceleratorStallCycles.2 &+ roccCommandCycles
        return cycle > explained ? cycle &- explained : 0
    }

    init(
        parameters p: CoreParameters, memory: MemorySystem, rules: UnsafePointer<IssueRule>,
        ready: UnsafeMutablePointer<UInt64>, history: BranchHistoryTable
    ) {
        self.rules = rules
        self.ready = ready
        self.history = history
        self.memory = memory
        latencies = IssueLatencies(p)
        instructionCache = CacheTags(p.instructionCache)
        dataCache = CacheTags(p.dataCache)
        // The line size as the cache models take it (1 << trailing zeros).
        instructionLineBytes = 1 &<< UInt64(p.instructionCache.lineBytes.trailingZeroBitCount)
        jumps = JumpPredictor(returnEntries: p.returnStackEntries)
        mispredictPenalty = UInt64(max(0, p.branchMispredictPenalty))
        loadUseLatency = UInt64(max(0, p.dataCache.hitLatency))
        instructionFetchLatency = UInt64(max(0, p.instructionCache.hitLatency))
        roccCommandCost = UInt64(max(0, p.roccCommandCycles))
    }

    func release() {
        instructionCache.release()
        dataCache.release()
        jumps.release()
    }

    // MARK: Inline parts of the hooks

    /// Fetch continues at `pc`; outside the current line it looks the I-cache up. One
    /// subtraction and compare instead of a shift by a variable.
    @inline(__always)
    mutating func redirect(to pc: UInt64, cycle: UInt64) -> UInt64 {
        if _fastPath(pc &- fetchLine < instructionLineBytes) { return cycle }
        return fetch(pc, cycle: cycle)
    }

    /// Fetch reached a new line (one instruction in four or five in dhrystone: taken
    /// branches, calls and returns). The most recent line of each set settles most lookups
    /// inline (a call for each cost 20%).
    @inline(__always)
    private mutating func fetch(_ pc: UInt64, cycle: UInt64) -> UInt64 {
        fetchLine = pc & ~(instructionLineBytes &- 1)
        if instructionCache.isMostRecent(pc) { return cycle }
        return lookUpInstructionCache(pc, cycle: cycle)
    }

    /// A conditional branch: its penalty (0 unless mispredicted).
    @inline(__always)
    mutating func resolveBranch(taken: Bool, pc: UInt64) -> UInt64 {
        let outcome = history.resolve(taken: taken, pc: pc)
        branchMispredictions &+= BranchHistoryTable.mispredicted(outcome)
        return BranchHistoryTable.penalty(outcome)
    }

    /// A load or store; `destination` is the scoreboard slot a load's value goes to. An
    /// access to the most recent line of its set (already dirty for a store) or to the second
    /// is settled here.
    @inline(__always)
    mutating func dataAccess(address: UInt64, isStore: Bool, cycle: UInt64, destination: Int) -> UInt64 {
        if isStore ? dataCache.isMostRecentDirty(address) : dataCache.isMostRecent(address) { return cycle }
        if dataCache.promoteSecond(address, isWrite: isStore) { return cycle }
        return accessDataCache(address, isStore: isStore, cycle: cycle, destination: destination)
    }

    // MARK: Out-of-line paths

    @inline(never)
    mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8,
        cycle: UInt64
    ) -> UInt64 {
        if jumps.resolveIndirectJump(
            from: pc, to: target, linkRegister: linkRegister, sourceRegister: sourceRegister, returnAddress: returnAddress) {
            branchMispredictions &+= 1
            return cycle &+ mispredictPenalty
        }
        return cycle
    }

    @inline(never)
    mutating func stall(until target: UInt64, reason: HostStall, cycle: UInt64) -> UInt64 {
        guard target > cycle else { return cycle }
        switch reason {
        case .commandQueueFull: acceleratorStallCycles.0 &+= target &- cycle
        case .fence: acceleratorStallCycles.1 &+= target &- cycle
        case .response: acceleratorStallCycles.2 &+= target &- cycle
        }
        return target
    }

    /// A miss holds issue until the line arrives from the L2/DRAM and is read.
    @inline(never)
    private mutating func lookUpInstructionCache(_ pc: UInt64, cycle: UInt64) -> UInt64 {
        if instructionCache.access(pc, isWrite: false).hit { return cycle }
        instructionCacheMisses &+= 1
        let arrival = memory.access(pc, at: cycle, isWrite: false)
        // Issue was due at `cycle + 1`; now it is at `arrival + fetch latency`.
        let resume = max(cycle, (arrival &+ instructionFetchLatency) &- 1)
        memoryStallCycles &+= resume &- cycle
        return resume
    }

    /// A data access not settled inline. On a miss the (blocking) cache holds the pipeline
    /// until the line arrives and the access replays: a load's value is ready a hit latency
    /// after the arrival.
    @inline(never)
    private mutating func accessDataCache(
        _ address: UInt64, isStore: Bool, cycle: UInt64, destination: Int
    ) -> UInt64 {
        let lookup = dataCache.access(address, isWrite: isStore)
        if lookup.hit { return cycle }
        dataCacheMisses &+= 1
        let arrival = memory.access(address, at: cycle, isWrite: false)
        // The victim goes out while the refill is awaited (booked after it on the shared timeline).
        if let victim = lookup.writeBack { _ = memory.access(victim, at: cycle, isWrite: true) }
        memoryStallCycles &+= arrival &- cycle
        ready[destination] = arrival &+ loadUseLatency
        return arrival
    }

    /// RoCC commands, fence.i and undecoded slots, after the scoreboard placed them at
    /// `cycle` (`previous` is the previous instruction's issue cycle). Returns the issue cycle.
    @inline(never)
    mutating func control(_ kind: IssueRule.Kind, cycle: UInt64, previous: UInt64) -> UInt64 {
        switch kind {
        case .plain, .jump, .unit, .indirectJump:
            return cycle  // handled inline
        case .undecoded:
            // Not dispatched by the interpreter (it dispatches the decoded instruction); would
            // cost nothing.
            return previous
        case .roccCommand:
            let issue = max(cycle, previous &+ 1 &+ roccCommandCost)
            roccCommands &+= 1
            roccCommandCycles &+= issue &- cycle
            return issue
        case .fenceInstruction:
            // Rocket's fence.i flushes the instruction cache (the interpreter then redirects
            // fetch to the next instruction, which looks it up again).
            instructionCache.clear()
            fetchLine = .max
            return cycle
        }
    }
}
