/// The host core model's state and rules (see `RocketTiming` for the rules), in one heap
/// block that `RocketTiming` points to and `TimingBuffers` frees.
///
/// One block rather than fields of the interpreter's `inout` timing struct: measured, the two
/// run at the same speed (the loop is short of registers either way, and the compiler spills
/// what it hoists), and the block keeps ownership simple: out-of-line paths mutate it in place
/// (fence.i replaces the I-cache model) and one owner frees everything.
struct RocketPipeline {
    // MARK: Every instruction
    // Dependency stalls are not summed per instruction (a measurable cost): every other way
    // the cycle advances is counted, and they are the rest (`RocketTiming.statistics`).
    /// The issue cycle of the current (last dispatched) instruction.
    var cycle: UInt64 = 0
    /// The first address of the line fetch is reading; fetch outside it looks the I-cache up.
    var fetchLine = UInt64.max
    /// The scoreboard slot of the current instruction's result (a load miss delays it).
    var destination = Int(Scoreboard.discard)
    let rules: UnsafePointer<IssueRule>
    let ready: UnsafeMutablePointer<UInt64>
    let instructionLineBytes: UInt64
    /// For the rules of operations known at compile time.
    let latencies: IssueLatencies

    // MARK: Branches, memory accesses, new fetch lines
    var branchMispredictions: UInt64 = 0
    let history: BranchHistoryTable
    let mispredictPenalty: UInt64
    let recentData: RecentLines
    let dataLineShift: UInt64
    let recentInstructions: RecentLines
    let instructionLineShift: UInt64

    // MARK: Rare: misses, calls and returns, RoCC, fence.i
    let memory: MemorySystem
    var instructionCache: CacheModel
    var dataCache: CacheModel
    var jumps: JumpPredictor
    let instructionCacheParameters: CacheParameters
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

    /// Cycles instructions waited for operands or a busy unit: every cycle that is not an
    /// instruction's own issue cycle or counted elsewhere. Exact when `retired` counts the
    /// instructions dispatched (a trap's instruction retires nothing: one cycle each more).
    func dependencyStallCycles(retired: UInt64) -> UInt64 {
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
        instructionCache = CacheModel(p.instructionCache)
        dataCache = CacheModel(p.dataCache)
        recentInstructions = RecentLines(sets: instructionCache.sets)
        recentData = RecentLines(sets: dataCache.sets)
        instructionLineShift = UInt64(instructionCache.lineShift)
        instructionLineBytes = 1 &<< instructionLineShift
        dataLineShift = UInt64(dataCache.lineShift)
        jumps = JumpPredictor(returnEntries: p.returnStackEntries)
        instructionCacheParameters = p.instructionCache
        mispredictPenalty = UInt64(max(0, p.branchMispredictPenalty))
        loadUseLatency = UInt64(max(0, p.dataCache.hitLatency))
        instructionFetchLatency = UInt64(max(0, p.instructionCache.hitLatency))
        roccCommandCost = UInt64(max(0, p.roccCommandCycles))
    }

    func release() {
        instructionCache.release()
        dataCache.release()
        recentInstructions.release()
        recentData.release()
        jumps.release()
    }

    // MARK: Hooks

    private static let noOperand = UInt32(Scoreboard.alwaysReady)
    private static let noDestination = UInt32(Scoreboard.discard)

    /// Instructions that may be the first of their fetch line when reached by falling
    /// through get `timingHint`: those in the first 4 bytes of a line (the one before may be
    /// 2 or 4 bytes long). Everything else that starts a line is a jump's or trap's target,
    /// reported by `redirect`. So dispatch tests a bit of the slot instead of comparing the
    /// PC with the fetch line on every instruction.
    func annotate(_ instruction: inout DecodedInstruction, pc: UInt64) {
        if pc & (instructionLineBytes &- 1) < 4 { instruction.flags |= DecodedInstruction.timingHint }
    }

    /// An instruction whose operation the interpreter names as a literal: after inlining, its
    /// rule is constants (and a latency field), so only the operands it has cost anything.
    @inline(__always)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, as op: Op) {
        if instruction.pointee.flags & DecodedInstruction.timingHint != 0 { redirect(to: pc) }
        let operation = OperationTiming(classifying: op)
        let accessesData = operation.timingClass == .load || operation.timingClass == .store
            || operation.timingClass == .atomic
        issue(instruction, pc: pc, rule: IssueRule(operation, latencies: latencies), accessesData: accessesData)
    }

    /// An instruction of a case that covers several operations: its rule comes from the table.
    @inline(never)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) {
        if instruction.pointee.flags & DecodedInstruction.timingHint != 0 { redirect(to: pc) }
        issue(instruction, pc: pc, rule: rules[Int(truncatingIfNeeded: instruction.pointee.op.rawValue)], accessesData: true)
    }

    /// Fetch continues at `pc`; outside the current line it looks the I-cache up. One
    /// subtraction and compare instead of a shift by a variable.
    @inline(__always)
    mutating func redirect(to pc: UInt64) {
        if pc &- fetchLine >= instructionLineBytes { fetch(pc) }
    }

    /// Issues an instruction under `rule` (see `RocketTiming` for the rules). Fields of the
    /// instruction are read where used. `accessesData`: a data access may follow, whose miss
    /// delays the result (`destination`).
    @inline(__always)
    private mutating func issue(
        _ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, rule: IssueRule, accessesData: Bool
    ) {
        let previous = cycle
        var issue = previous &+ 1
        if rule.source1 != Self.noOperand {
            issue = max(issue, ready[Int(truncatingIfNeeded: UInt32(instruction.pointee.rs1) &+ rule.source1)])
        }
        if rule.source2 != Self.noOperand {
            issue = max(issue, ready[Int(truncatingIfNeeded: UInt32(instruction.pointee.rs2) &+ rule.source2)])
        }
        if rule.source3 != Self.noOperand {
            issue = max(issue, ready[Int(truncatingIfNeeded: UInt32(instruction.pointee.rs3) &+ rule.source3)])
        }
        let target = Int(truncatingIfNeeded: UInt32(instruction.pointee.rd) &+ rule.destination)
        if accessesData { destination = target }
        // One predictable branch for the other kinds, then ifs for the common ones and a call
        // for the rest: a switch on the kind here becomes a jump table that LLVM merges with
        // the branch, a second indirect jump for every instruction (measured: 20% slower).
        if _fastPath(rule.kind == .plain) {
            if rule.destination != Self.noDestination { ready[target] = issue &+ UInt64(truncatingIfNeeded: rule.latency) }
            cycle = issue
        } else if rule.kind == .unit {
            // Multiplies are frequent in address arithmetic. Wait for the unit, which then
            // stays busy until the result is ready.
            let unit = Int(truncatingIfNeeded: rule.unit)
            cycle = max(issue, ready[unit])
            let done = cycle &+ UInt64(truncatingIfNeeded: rule.latency)
            ready[unit] = done
            ready[target] = done
        } else {
            if rule.destination != Self.noDestination { ready[target] = issue &+ UInt64(truncatingIfNeeded: rule.latency) }
            cycle = issue
            if rule.kind == .jump {
                let rd = instruction.pointee.rd
                if rd == 1 || rd == 5 { jumps.pushReturn(pc &+ UInt64(truncatingIfNeeded: instruction.pointee.length)) }
            } else if rule.kind != .indirectJump {
                control(rule.kind, previous: previous)
            }
        }
    }

    @inline(__always)
    mutating func dataAccess(address: UInt64, isStore: Bool) {
        let line = address &>> dataLineShift
        if isStore ? recentData.containsDirty(line) : recentData.contains(line) { return }
        accessDataCache(address, line: line, isStore: isStore)
    }

    /// The fetch line is checked for `next` whether or not the branch was taken: no host
    /// branch on the guest's outcome.
    @inline(__always)
    mutating func branch(taken: Bool, pc: UInt64, next: UInt64) {
        let outcome = history.resolve(taken: taken, pc: pc)
        cycle &+= outcome &>> 8
        branchMispredictions &+= (outcome &>> 2) & 1
        redirect(to: next)
    }

    @inline(never)
    mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8
    ) {
        if jumps.resolveIndirectJump(
            from: pc, to: target, linkRegister: linkRegister, sourceRegister: sourceRegister, returnAddress: returnAddress) {
            cycle &+= mispredictPenalty
            branchMispredictions &+= 1
        }
    }

    @inline(never)
    mutating func stall(until target: UInt64, reason: HostStall) {
        guard target > cycle else { return }
        switch reason {
        case .commandQueueFull: acceleratorStallCycles.0 &+= target &- cycle
        case .fence: acceleratorStallCycles.1 &+= target &- cycle
        case .response: acceleratorStallCycles.2 &+= target &- cycle
        }
        cycle = target
    }

    // MARK: Out-of-line paths

    /// Fetch reached a new line (one instruction in four or five in dhrystone: taken
    /// branches, calls and returns). The most recent line of each set settles most lookups
    /// inline (a call for each cost 20%).
    @inline(__always)
    private mutating func fetch(_ pc: UInt64) {
        let line = pc &>> instructionLineShift
        fetchLine = line &<< instructionLineShift
        if !recentInstructions.contains(line) { lookUpInstructionCache(pc, line: line) }
    }

    /// A miss holds issue until the line arrives from the L2/DRAM and is read.
    @inline(never)
    private mutating func lookUpInstructionCache(_ pc: UInt64, line: UInt64) {
        recentInstructions.record(line, dirty: false)
        if instructionCache.access(pc, isWrite: false).hit { return }
        instructionCacheMisses &+= 1
        let arrival = memory.access(pc, at: cycle, isWrite: false)
        // Issue was due at `cycle + 1`; now it is at `arrival + fetch latency`.
        let resume = max(cycle, (arrival &+ instructionFetchLatency) &- 1)
        memoryStallCycles &+= resume &- cycle
        cycle = resume
    }

    /// A data access the recent-lines filter could not settle. On a miss the (blocking) cache
    /// holds the pipeline until the line arrives and the access replays: a load's value is
    /// ready a hit latency after the arrival.
    @inline(never)
    private mutating func accessDataCache(_ address: UInt64, line: UInt64, isStore: Bool) {
        recentData.record(line, dirty: isStore)
        let lookup = dataCache.access(address, isWrite: isStore)
        if lookup.hit { return }
        dataCacheMisses &+= 1
        let arrival = memory.access(address, at: cycle, isWrite: false)
        // The victim goes out while the refill is awaited (booked after it on the shared timeline).
        if let victim = lookup.writeBack { _ = memory.access(victim, at: cycle, isWrite: true) }
        memoryStallCycles &+= arrival &- cycle
        cycle = arrival
        ready[destination] = arrival &+ loadUseLatency
    }

    /// RoCC commands, fence.i and undecoded slots (`previous` is the previous instruction's
    /// issue cycle).
    @inline(never)
    private mutating func control(_ kind: IssueRule.Kind, previous: UInt64) {
        switch kind {
        case .plain, .jump, .unit, .indirectJump:
            break  // handled inline
        case .undecoded:
            // Not dispatched by the interpreter (it dispatches the decoded instruction); would
            // cost nothing.
            cycle = previous
        case .roccCommand:
            let issue = max(cycle, previous &+ 1 &+ roccCommandCost)
            roccCommands &+= 1
            roccCommandCycles &+= issue &- cycle
            cycle = issue
        case .fenceInstruction:
            // Rocket's fence.i flushes the instruction cache (the interpreter then redirects
            // fetch to the next instruction, which looks it up again).
            instructionCache.release()
            instructionCache = CacheModel(instructionCacheParameters)
            recentInstructions.clear()
            fetchLine = .max
        }
    }
}
