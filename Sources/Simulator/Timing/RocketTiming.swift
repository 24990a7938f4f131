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
/// Speed (measured figures in the hook's comments and the benchmark): per instruction,
/// `dispatch` is a compare for the fetch line, one rule-table entry, two scoreboard loads (a
/// third only for fused multiply-adds), one store, and a predictable branch for the rarer
/// operations; loads and stores compare their line with the most recent line of its set.
/// All state is behind one raw pointer (`RocketPipeline`): no class, ARC, dictionary or
/// existential on the common path; misses, jalr and RoCC commands are calls out.
struct RocketTiming: CoreTimingModel {
    static let modelsCycles = true
    let parameters: CoreParameters
    let memory: MemorySystem
    /// The model's state and rules, in a heap block (see `RocketPipeline` for why).
    private let pipeline: UnsafeMutablePointer<RocketPipeline>
    /// Owns the buffers (frees them with the last copy of the model).
    private let buffers: TimingBuffers

    init(parameters: CoreParameters, memory: MemorySystem) {
        self.parameters = parameters
        self.memory = memory
        buffers = TimingBuffers(parameters, memory: memory)
        pipeline = buffers.pipeline
    }

    /// The issue cycle of the current (last dispatched) instruction.
    var cycle: UInt64 { pipeline.pointee.cycle }

    func annotate(_ instruction: inout DecodedInstruction, pc: UInt64) {
        pipeline.pointee.annotate(&instruction, pc: pc)
    }

    @inline(__always)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, as op: Op) {
        pipeline.pointee.dispatch(instruction, pc: pc, as: op)
    }

    @inline(__always)
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) {
        pipeline.pointee.dispatch(instruction, pc: pc)
    }

    @inline(__always)
    mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool) {
        pipeline.pointee.dataAccess(address: address, isStore: isStore)
    }

    @inline(__always)
    mutating func branch(taken: Bool, pc: UInt64, next: UInt64) {
        pipeline.pointee.branch(taken: taken, pc: pc, next: next)
    }

    @inline(__always)
    mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8
    ) {
        pipeline.pointee.indirectJump(
            from: pc, to: target, returnAddress: returnAddress, linkRegister: linkRegister, sourceRegister: sourceRegister)
    }

    @inline(__always)
    mutating func redirect(to pc: UInt64) {
        pipeline.pointee.redirect(to: pc)
    }

    var currentCycle: UInt64 { pipeline.pointee.cycle }

    @inline(__always)
    mutating func stall(until target: UInt64, reason: HostStall) {
        pipeline.pointee.stall(until: target, reason: reason)
    }

    func cycles(retired: UInt64) -> UInt64 {
        pipeline.pointee.lastRetired = retired
        return pipeline.pointee.cycle
    }

    /// What the model counted so far, with dependency stalls as of the latest
    /// `cycles(retired:)` call (`Simulation` makes one at the end of a run).
    var statistics: CoreStatistics { statistics(retired: pipeline.pointee.lastRetired) }

    /// What the model counted, for `retired` instructions so far.
    func statistics(retired: UInt64) -> CoreStatistics {
        let p = pipeline.pointee
        return CoreStatistics(
            acceleratorStallCycles: [p.acceleratorStallCycles.0, p.acceleratorStallCycles.1, p.acceleratorStallCycles.2],
            dependencyStallCycles: p.dependencyStallCycles(retired: retired), memoryStallCycles: p.memoryStallCycles,
            branchMispredictions: p.branchMispredictions, branchPenaltyCycles: p.branchMispredictions &* p.mispredictPenalty,
            instructionCacheMisses: p.instructionCacheMisses, dataCacheMisses: p.dataCacheMisses,
            roccCommands: p.roccCommands, roccCommandCycles: p.roccCommandCycles)
    }
}

/// Owns the model's buffers and frees them when the last copy of the model goes away (the
/// model is a struct of raw pointers, so that the hot path touches no class).
final class TimingBuffers {
    let rules: UnsafeMutablePointer<IssueRule>
    let scoreboard: UnsafeMutablePointer<UInt64>
    let history: BranchHistoryTable
    let pipeline: UnsafeMutablePointer<RocketPipeline>

    init(_ parameters: CoreParameters, memory: MemorySystem) {
        rules = .allocate(capacity: 256)
        for raw in 0..<256 {
            (rules + raw).initialize(to: IssueRule(raw: UInt8(raw), parameters: parameters))
        }
        scoreboard = .allocate(capacity: Scoreboard.count)
        scoreboard.initialize(repeating: 0, count: Scoreboard.count)
        history = BranchHistoryTable(entries: parameters.branchHistoryEntries, mispredictPenalty: parameters.branchMispredictPenalty)
        pipeline = .allocate(capacity: 1)
        pipeline.initialize(to: RocketPipeline(
            parameters: parameters, memory: memory, rules: rules, ready: scoreboard, history: history))
    }

    deinit {
        pipeline.pointee.release()
        pipeline.deinitialize(count: 1)
        pipeline.deallocate()
        history.release()
        rules.deallocate()
        scoreboard.deallocate()
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
