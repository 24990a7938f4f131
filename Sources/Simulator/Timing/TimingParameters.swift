/// Everything the cycle-approximate model needs to know about the SoC around the accelerator:
/// the host core, its caches, the shared L2 and DRAM, and Gemmini's micro-architecture.
/// Part of each accelerator configuration (`GemminiConfiguration.timing`); every value and
/// where it comes from is listed in Documentation/TimingModel.md.
public struct TimingParameters: Codable, Sendable, Equatable {
    public var core: CoreParameters
    public var memory: MemoryParameters
    public var gemmini: GemminiTimingParameters

    public init(core: CoreParameters, memory: MemoryParameters, gemmini: GemminiTimingParameters) {
        self.core = core
        self.memory = memory
        self.gemmini = gemmini
    }
}

/// One cache level.
public struct CacheParameters: Codable, Sendable, Equatable {
    public var sizeKiB: Int
    public var ways: Int
    public var lineBytes: Int
    /// Cycles from the access to the data for a hit.
    public var hitLatency: Int

    public init(sizeKiB: Int, ways: Int, lineBytes: Int, hitLatency: Int) {
        self.sizeKiB = sizeKiB
        self.ways = ways
        self.lineBytes = lineBytes
        self.hitLatency = hitLatency
    }

    public var sets: Int { sizeKiB * 1024 / (ways * lineBytes) }
}

/// The in-order, single-issue host core (Rocket).
public struct CoreParameters: Codable, Sendable, Equatable {
    public var multiplyLatency: Int
    /// The divider is iterative and not pipelined: a divide occupies it this long.
    public var divideLatency: Int
    public var floatAddLatency: Int
    public var floatMultiplyLatency: Int
    public var floatFusedLatency: Int
    public var floatDivideLatency: Int
    public var floatSqrtLatency: Int
    /// Conversions, moves between register files, compares, sign injection, min/max, classify.
    public var floatMiscLatency: Int
    public var branchMispredictPenalty: Int
    /// Entries of the branch history table (2-bit counters).
    public var branchHistoryEntries: Int
    /// Depth of the return-address stack.
    public var returnStackEntries: Int
    /// Core cycles to hand one command to the RoCC port.
    public var roccCommandCycles: Int
    public var instructionCache: CacheParameters
    /// Its hit latency is the load-use latency: cycles from a load's issue until a dependent
    /// instruction can use the value.
    public var dataCache: CacheParameters

    public init(
        multiplyLatency: Int, divideLatency: Int, floatAddLatency: Int,
        floatMultiplyLatency: Int, floatFusedLatency: Int, floatDivideLatency: Int, floatSqrtLatency: Int,
        floatMiscLatency: Int, branchMispredictPenalty: Int, branchHistoryEntries: Int, returnStackEntries: Int,
        roccCommandCycles: Int, instructionCache: CacheParameters, dataCache: CacheParameters
    ) {
        self.multiplyLatency = multiplyLatency
        self.divideLatency = divideLatency
        self.floatAddLatency = floatAddLatency
        self.floatMultiplyLatency = floatMultiplyLatency
        self.floatFusedLatency = floatFusedLatency
        self.floatDivideLatency = floatDivideLatency
        self.floatSqrtLatency = floatSqrtLatency
        self.floatMiscLatency = floatMiscLatency
        self.branchMispredictPenalty = branchMispredictPenalty
        self.branchHistoryEntries = branchHistoryEntries
        self.returnStackEntries = returnStackEntries
        self.roccCommandCycles = roccCommandCycles
        self.instructionCache = instructionCache
        self.dataCache = dataCache
    }
}

/// The shared memory system below the L1 caches: the L2 and DRAM.
public struct MemoryParameters: Codable, Sendable, Equatable {
    public var l2: CacheParameters
    /// Cycles from an L2 miss to the data from DRAM (beyond the L2 latency).
    public var dramLatency: Int
    /// DRAM bandwidth in bytes per core cycle.
    public var dramBytesPerCycle: Int

    public init(l2: CacheParameters, dramLatency: Int, dramBytesPerCycle: Int) {
        self.l2 = l2
        self.dramLatency = dramLatency
        self.dramBytesPerCycle = dramBytesPerCycle
    }
}

/// Gemmini's micro-architecture (gemmini-reference.md section 5).
public struct GemminiTimingParameters: Codable, Sendable, Equatable {
    /// Cycles from the RoCC port through the command queues to the reservation station.
    public var frontEndLatency: Int
    /// Commands the front-end queues hold before the core stalls.
    public var frontEndQueueEntries: Int
    /// Reservation-station entries for loads, executes and stores.
    public var loadEntries: Int
    public var executeEntries: Int
    public var storeEntries: Int
    /// Outstanding DMA transactions per direction and the bytes per beat.
    public var dmaTransactions: Int
    public var beatBytes: Int
    /// mvin commands that may have data outstanding at once (DMACommandTracker).
    public var loadCommandsInFlight: Int
    /// Cycles to merge, scale and write a row after its last beat, and to report completion.
    public var loadWriteLatency: Int
    public var completionLatency: Int
    /// mvin scaling: cycles per row when the scale is not 1 (int8), and the unit's latency.
    public var mvinScaleCyclesPerRow: Int
    public var mvinScaleLatency: Int
    /// Accumulator read plus scaling on mvout.
    public var accumulatorReadLatency: Int
    /// Cycles from a row's SRAM read to its result at the accumulator (the array's pipeline).
    public var meshPipelineLatency: Int
    /// Matrix operations in flight in the array (the mesh tag queue).
    public var meshTagEntries: Int
    /// Rows fed for a compute that reuses the weights is at least this many.
    public var minimumComputeRows: Int

    public init(
        frontEndLatency: Int, frontEndQueueEntries: Int, loadEntries: Int, executeEntries: Int, storeEntries: Int,
        dmaTransactions: Int, beatBytes: Int, loadCommandsInFlight: Int, loadWriteLatency: Int, completionLatency: Int,
        mvinScaleCyclesPerRow: Int, mvinScaleLatency: Int, accumulatorReadLatency: Int, meshPipelineLatency: Int,
        meshTagEntries: Int, minimumComputeRows: Int
    ) {
        self.frontEndLatency = frontEndLatency
        self.frontEndQueueEntries = frontEndQueueEntries
        self.loadEntries = loadEntries
        self.executeEntries = executeEntries
        self.storeEntries = storeEntries
        self.dmaTransactions = dmaTransactions
        self.beatBytes = beatBytes
        self.loadCommandsInFlight = loadCommandsInFlight
        self.loadWriteLatency = loadWriteLatency
        self.completionLatency = completionLatency
        self.mvinScaleCyclesPerRow = mvinScaleCyclesPerRow
        self.mvinScaleLatency = mvinScaleLatency
        self.accumulatorReadLatency = accumulatorReadLatency
        self.meshPipelineLatency = meshPipelineLatency
        self.meshTagEntries = meshTagEntries
        self.minimumComputeRows = minimumComputeRows
    }
}
