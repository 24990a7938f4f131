/// The host core's cycle model: an in-order, single-issue Rocket with blocking L1 caches.
///
/// Rules (each parameter is explained in `CoreParameters`):
/// - An instruction issues at max(previous issue + 1, its operands' ready cycles, its
///   non-pipelined unit being free). Its result is ready at issue + its latency (ALU 1, the
///   data cache's hit latency for loads and atomics, multiply, divide, the FPU's latencies).
///   Rocket's multiplier and divider are one iterative unit (MulDiv), busy for the whole
///   operation, as is the FP divide/square-root unit; the rest of the FPU is pipelined.
/// - A RoCC command issues `roccCommandCycles` later than an ordinary instruction would (the
///   accelerator sees it at that cycle); the accelerator's answers (a full command queue, a
///   fence waiting for it, a response) move the core on through `stall(until:reason:)`.
/// - Caches: the instruction cache is looked up when fetch moves to another line; a miss
///   delays issue until the line arrives from the L2/DRAM and is read (+ I-cache hit latency).
///   The data cache is blocking, write-back and write-allocate: a load or store miss holds the
///   pipeline until its line arrives (the access replays then, so a load's value is ready a
///   hit latency later); dirty victims are written to the L2.
/// - Branches: 2-bit counters; a mispredicted branch or `jalr` delays the next instruction by
///   `branchMispredictPenalty`; `jal` costs nothing extra; returns use a return-address stack.
///
/// Speed (measured figures in the benchmark): the interpreter calls `dispatch` from the case
/// of each operation with the operation as a literal, so an instruction's rule is constants:
/// per instruction, a test of the slot's fetch hint, one scoreboard load per register
/// operand, a store for the result, and the clock, a field the interpreter's loop keeps in a
/// register or its own frame (see `cycle`). Loads and stores compare their address with the
/// most recent line of its set (`CacheTags`); branches cost one table load. Everything else is
/// behind one raw pointer (`RocketPipeline`): no class, ARC, dictionary or existential on the
/// common path; misses, jalr and RoCC commands are calls out.
struct RocketTiming: CoreTimingModel {
    static let modelsCycles = true

    // MARK: Hot state
    // Values rather than fields of the heap block: the interpreter works on a local copy of
    // the model for its whole loop, so the compiler can keep them in registers instead of
    // loading and storing them through a pointer. That works only while the model is small:
    // when it also held its parameters and memory system (200 bytes), the compiler kept the
    // whole copy in the loop's stack frame, clock included, which cost 10% more host
    // instructions and about 30% more wall time over the functional run. Keep further state
    // in `RocketPipeline`.
    /// The issue cycle of the current (last dispatched) instruction.
    private(set) var cycle: UInt64 = 0
    /// The scoreboard slot of the current instruction's result (a load miss delays it).
    private var destination = Int(Scoreboard.discard)
    /// The rest of the model's state, in a heap block (see `RocketPipeline`), followed by the
    /// scoreboard (`ready`): one pointer for both is one value fewer for the interpreter's
    /// loop to keep.
    private let pipeline: UnsafeMutablePointer<RocketPipeline>
    /// The scoreboard: when each register's value (and each non-pipelined unit) is ready.
    private var ready: UnsafeMutablePointer<UInt64> {
        @inline(__always) get { TimingBuffers.scoreboard(after: pipeline) }
    }

    /// Owns the buffers (frees them with the last copy of the model).
    private let buffers: TimingBuffers

    init(parameters: CoreParameters, memory: MemorySystem) {
        buffers = TimingBuffers(parameters, memory: memory)
        pipeline = buffers.pipeline
    }

    // MARK: Hooks

    // Every hook is inlined: a call taking the model `inout` would make the interpreter keep
    // its copy in memory rather than in registers.

    @inline(__always)
    func annotate(_ instruction: inout DecodedInstruction, pc: UInt64) {
        // Instructions that may be the first of their fetch line when reached by falling
        // through: those in the first 4 bytes of a line (the one before may be 2 or 4 bytes
        // long). Every other instruction that starts a line is the target of a jump, a taken
        // branch or a trap, which the interpreter reports (`redirect`). So dispatch tests a
        // bit of the slot instead of comparing the PC with the fetch line every time.
        if pc & (pipeline.pointee.instructionLineBytes &- 1) < 4 { instruction.flags |= DecodedInstruction.timingHint }
    }

    /// An instruction whose operation the interpreter names as a literal: after inlining, its
    /// rule is constants (and a latency field), so only the operands it has cost anything.
    @inline(__always)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, as op: Op) {
        if instruction.pointee.flags & DecodedInstruction.timingHint != 0 { redirect(to: pc) }
        let operation = OperationTiming(classifying: op)
        let accessesData = operation.timingClass == .load || operation.timingClass == .store
            || operation.timingClass == .atomic
        issue(instruction, pc: pc, rule: IssueRule(operation, latencies: pipeline.pointee.latencies), accessesData: accessesData)
    }

    /// An instruction of a case that covers several operations: its rule comes from the table.
    @inline(__always)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) {
        if instruction.pointee.flags & DecodedInstruction.timingHint != 0 { redirect(to: pc) }
        let rule = pipeline.pointee.rules[Int(truncatingIfNeeded: instruction.pointee.op.rawValue)]
        issue(instruction, pc: pc, rule: rule, accessesData: true)
    }

    private static let noOperand = UInt32(Scoreboard.alwaysReady)
    private static let noDestination = UInt32(Scoreboard.discard)

    /// Issues an instruction under `rule`. Fields of the instruction are read where used.
    /// `accessesData`: a data access may follow, whose miss delays the result (`destination`).
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
        if accessesData {
            // A store's miss must delay no result: any discard slot will do (a constant).
            destination = rule.destination == Self.noDestination ? Int(Scoreboard.discard) : target
        }
        // One predictable branch for the other kinds, then ifs for the common ones and a call
        // for the rest (a switch becomes a jump table: a second indirect jump per instruction
        // where the kind is not a constant).
        if _fastPath(rule.kind == .plain) {
            if rule.destination != Self.noDestination { ready[target] = Self.readyCycle(rule, issue: issue) }
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
            if rule.destination != Self.noDestination { ready[target] = Self.readyCycle(rule, issue: issue) }
            cycle = issue
            if rule.kind == .jump {
                // jal: a call when it links x1 or x5.
                let rd = instruction.pointee.rd
                if rd == 1 || rd == 5 {
                    pipeline.pointee.jumps.pushReturn(pc &+ UInt64(truncatingIfNeeded: instruction.pointee.length))
                }
            } else if rule.kind != .indirectJump {
                cycle = pipeline.pointee.control(rule.kind, cycle: issue, previous: previous)
            }
        }
    }

    /// When the result of an instruction that issues at `issue` under `rule` is ready.
    @inline(__always)
    private static func readyCycle(_ rule: IssueRule, issue: UInt64) -> UInt64 {
        rule.readyNextCycle ? 0 : issue &+ UInt64(truncatingIfNeeded: rule.latency)
    }

    @inline(__always)
    mutating func redirect(to pc: UInt64) {
        cycle = pipeline.pointee.redirect(to: pc, cycle: cycle)
    }

    @inline(__always)
    mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool) {
        cycle = pipeline.pointee.dataAccess(address: address, isStore: isStore, cycle: cycle, destination: destination)
    }

    /// The fetch line is checked for `next` whether or not the branch was taken: no host
    /// branch on the guest's outcome.
    @inline(__always)
    mutating func branch(taken: Bool, pc: UInt64, next: UInt64) {
        cycle &+= pipeline.pointee.resolveBranch(taken: taken, pc: pc)
        redirect(to: next)
    }

    @inline(__always)
    mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8
    ) {
        cycle = pipeline.pointee.indirectJump(
            from: pc, to: target, returnAddress: returnAddress, linkRegister: linkRegister,
            sourceRegister: sourceRegister, cycle: cycle)
    }

    var currentCycle: UInt64 {
        @inline(__always) get { cycle }
    }

    @inline(__always)
    mutating func stall(until target: UInt64, reason: HostStall) {
        cycle = pipeline.pointee.stall(until: target, reason: reason, cycle: cycle)
    }

    @inline(__always)
    func cycles(retired: UInt64) -> UInt64 {
        pipeline.pointee.lastRetired = retired
        return cycle
    }

    /// What the model counted so far, with dependency stalls as of the latest
    /// `cycles(retired:)` call (`Simulation` makes one at the end of a run).
    var statistics: CoreStatistics { statistics(retired: pipeline.pointee.lastRetired) }

    /// What the model counted, for `retired` instructions so far.
    func statistics(retired: UInt64) -> CoreStatistics {
        let p = pipeline.pointee
        return CoreStatistics(
            acceleratorStallCycles: [p.acceleratorStallCycles.0, p.acceleratorStallCycles.1, p.acceleratorStallCycles.2],
            dependencyStallCycles: p.dependencyStallCycles(retired: retired, cycle: cycle),
            memoryStallCycles: p.memoryStallCycles,
            branchMispredictions: p.branchMispredictions, branchPenaltyCycles: p.branchMispredictions &* p.mispredictPenalty,
            instructionCacheMisses: p.instructionCacheMisses, dataCacheMisses: p.dataCacheMisses,
            roccCommands: p.roccCommands, roccCommandCycles: p.roccCommandCycles)
    }
}

/// Owns the model's buffers and frees them when the last copy of the model goes away (the
/// model is a struct of raw pointers, so that the hot path touches no class).
final class TimingBuffers {
    let rules: UnsafeMutablePointer<IssueRule>
    let history: BranchHistoryTable
    /// One block: the pipeline, then the scoreboard.
    let pipeline: UnsafeMutablePointer<RocketPipeline>

    /// The scoreboard in the block of `pipeline`.
    @inline(__always)
    static func scoreboard(after pipeline: UnsafeMutablePointer<RocketPipeline>) -> UnsafeMutablePointer<UInt64> {
        UnsafeMutableRawPointer(pipeline + 1).assumingMemoryBound(to: UInt64.self)
    }

    init(_ parameters: CoreParameters, memory: MemorySystem) {
        rules = .allocate(capacity: 256)
        for raw in 0..<256 {
            (rules + raw).initialize(to: IssueRule(raw: UInt8(raw), parameters: parameters))
        }
        history = BranchHistoryTable(entries: parameters.branchHistoryEntries, mispredictPenalty: parameters.branchMispredictPenalty)
        let block = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<RocketPipeline>.stride + Scoreboard.count * MemoryLayout<UInt64>.stride,
            alignment: max(MemoryLayout<RocketPipeline>.alignment, MemoryLayout<UInt64>.alignment))
        pipeline = block.bindMemory(to: RocketPipeline.self, capacity: 1)
        let scoreboard = (block + MemoryLayout<RocketPipeline>.stride).bindMemory(to: UInt64.self, capacity: Scoreboard.count)
        scoreboard.initialize(repeating: 0, count: Scoreboard.count)
        pipeline.initialize(to: RocketPipeline(
            parameters: parameters, memory: memory, rules: rules, ready: scoreboard, history: history))
    }

    deinit {
        pipeline.pointee.release()
        pipeline.deinitialize(count: 1)
        UnsafeMutableRawPointer(pipeline).deallocate()
        history.release()
        rules.deallocate()
    }
}

/// What the host core model counted (hardware feedback).
struct CoreStatistics {
    /// Cycles waiting on the accelerator, by `HostStall` reason.
    var acceleratorStallCycles = [UInt64](repeating: 0, count: 3)
    /// Cycles instructions waited for operands or a busy multiplier/divider/FP divider.
    var dependencyStallCycles: UInt64 = 0
    /// Cycles waiting for cache misses (instruction fetch and data).
    var memoryStallCycles: UInt64 = 0
    /// Conditional branches and `jalr`s.
    var branchMispredictions: UInt64 = 0
    var branchPenaltyCycles: UInt64 = 0
    var instructionCacheMisses: UInt64 = 0
    var dataCacheMisses: UInt64 = 0
    /// RoCC commands issued, and the cycles their hand-over delayed the core.
    var roccCommands: UInt64 = 0
    var roccCommandCycles: UInt64 = 0
}

extension RocketTiming {
    /// The run's hardware feedback.
    func feedback(retired: UInt64, accelerator: AcceleratorFeedback?) -> HardwareFeedback {
        let stats = statistics(retired: retired)
        let core = CoreFeedback(
            instructionsPerCycle: cycle == 0 ? 0 : Double(retired) / Double(cycle),
            dependencyStallCycles: stats.dependencyStallCycles, memoryStallCycles: stats.memoryStallCycles,
            branchMispredictions: stats.branchMispredictions, branchPenaltyCycles: stats.branchPenaltyCycles,
            instructionCacheMisses: stats.instructionCacheMisses, dataCacheMisses: stats.dataCacheMisses,
            commandQueueStallCycles: stats.acceleratorStallCycles[HostStall.commandQueueFull.rawValue],
            fenceStallCycles: stats.acceleratorStallCycles[HostStall.fence.rawValue],
            responseStallCycles: stats.acceleratorStallCycles[HostStall.response.rawValue])
        return HardwareFeedback(cycles: cycle, instructions: retired, core: core, accelerator: accelerator, regions: [])
    }
}
