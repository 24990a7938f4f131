/// What the cycle model measured in a run: the numbers Autocomp's planner gets as feedback
/// ("The latency of this code was N cycles", utilization, "Scratchpad utilization is X KB
/// out of 256KB", ...) and the stall breakdown behind them.
public struct HardwareFeedback: Sendable, Codable, Equatable {
    /// Modelled cycles of the whole run.
    public var cycles: UInt64
    public var instructions: UInt64
    public var core: CoreFeedback
    /// Nil when no cycle-modelling accelerator was attached.
    public var accelerator: AcceleratorFeedback?
    /// The cycles between successive pairs of cycle-counter reads (`read_cycles()` in a
    /// harness's timing block): reads 1-2, 3-4, ...
    public var regions: [TimedRegion]
}

/// The host core's share.
public struct CoreFeedback: Sendable, Codable, Equatable {
    public var instructionsPerCycle: Double
    /// Cycles lost to operands not ready (load-use, multiply, divide, floating point).
    public var dependencyStallCycles: UInt64
    /// Cycles lost to cache misses.
    public var memoryStallCycles: UInt64
    public var branchMispredictions: UInt64
    public var branchPenaltyCycles: UInt64
    public var instructionCacheMisses: UInt64
    public var dataCacheMisses: UInt64
    /// Cycles the core waited because the accelerator's command queue was full.
    public var commandQueueStallCycles: UInt64
    /// Cycles the core waited in `fence` for the accelerator to finish.
    public var fenceStallCycles: UInt64
    /// Cycles the core waited for accelerator responses (counter reads).
    public var responseStallCycles: UInt64
}

/// The accelerator's share (Gemmini).
public struct AcceleratorFeedback: Sendable, Codable, Equatable {
    public var dim: Int
    /// Multiply-accumulates the array performed (useful ones: padding excluded).
    public var macs: UInt64
    /// MACs / (cycles x DIM²) over the cycles this feedback covers.
    public var meshUtilization: Double
    /// Fractions of the covered cycles each unit was busy.
    public var loadBusyFraction: Double
    public var storeBusyFraction: Double
    public var executeBusyFraction: Double
    /// Cycles commands waited before issue, by cause.
    public var waitingOnDMACycles: UInt64
    public var waitingOnDependenciesCycles: UInt64
    public var reservationStationFullCycles: UInt64
    /// Cycles the array sat idle with no command from the host to work on.
    public var waitingOnHostCycles: UInt64
    public var dmaBytesRead: UInt64
    public var dmaBytesWritten: UInt64
    /// (read + written bytes) / covered cycles.
    public var dmaBytesPerCycle: Double
    /// Extra array cycles from two operands in one scratchpad bank.
    public var bankConflictCycles: UInt64
    /// The highest scratchpad and accumulator rows used, in KiB, and the capacities.
    public var scratchpadHighWaterKB: Double
    public var scratchpadCapacityKB: Double
    public var accumulatorHighWaterKB: Double
    public var accumulatorCapacityKB: Double
    /// Cycles the loop unrollers were issuing.
    public var loopActiveCycles: UInt64
}

/// One timed region of the program.
public struct TimedRegion: Sendable, Codable, Equatable {
    public var startCycle: UInt64
    public var endCycle: UInt64
    public var cycles: UInt64 { endCycle &- startCycle }
    /// The accelerator's activity within the region.
    public var accelerator: AcceleratorFeedback?
}
