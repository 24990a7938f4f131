/// The host core's cycle model (an in-order, single-issue Rocket).
/// MINIMAL VERSION: one cycle per instruction plus accelerator stalls; being replaced by the
/// full model (scoreboard, caches, branch prediction).
struct RocketTiming: CoreTimingModel {
    static let modelsCycles = true
    let parameters: CoreParameters
    let memory: MemorySystem
    private(set) var cycle: UInt64 = 0
    private(set) var statistics = CoreStatistics()

    init(parameters: CoreParameters, memory: MemorySystem) {
        self.parameters = parameters
        self.memory = memory
    }

    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) { cycle &+= 1 }
    mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool) {}
    mutating func branch(taken: Bool, pc: UInt64) {}
    mutating func indirectJump(from pc: UInt64, to target: UInt64, linkRegister: UInt8, sourceRegister: UInt8) {}
    var currentCycle: UInt64 { cycle }

    mutating func stall(until target: UInt64, reason: HostStall) {
        guard target > cycle else { return }
        statistics.acceleratorStallCycles[reason.rawValue] &+= target - cycle
        cycle = target
    }

    func cycles(retired: UInt64) -> UInt64 { cycle }
}

/// What the host core model counted (hardware feedback).
struct CoreStatistics {
    /// Cycles waiting on the accelerator, by `HostStall` reason.
    var acceleratorStallCycles = [UInt64](repeating: 0, count: 3)
    var dependencyStallCycles: UInt64 = 0
    var memoryStallCycles: UInt64 = 0
    var branchMispredictions: UInt64 = 0
    var branchPenaltyCycles: UInt64 = 0
    var instructionCacheMisses: UInt64 = 0
    var dataCacheMisses: UInt64 = 0
}

extension RocketTiming {
    /// The run's hardware feedback.
    func feedback(retired: UInt64, accelerator: AcceleratorFeedback?) -> HardwareFeedback {
        let stats = statistics
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
