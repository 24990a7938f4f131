/// The functional (bit-exact, untimed) Gemmini model on the RoCC port.
///
/// Commands take effect in program order, which is correct for well-formed programs (within
/// each of Gemmini's queues commands execute in order, and across queues the hardware
/// enforces the address dependencies; gemmini-reference.md 3.11). Where the RTL and spike
/// differ (3.12), this follows the RTL; Documentation/GemminiModel.md lists the choices.
final class GemminiCore<Arithmetic: GemminiArithmetic> {
    typealias Element = Arithmetic.Element
    typealias Accumulator = Arithmetic.Accumulator

    let configuration: GemminiConfiguration
    let dim: Int
    let scratchpadRows: Int
    let scratchpadBankRows: Int
    let accumulatorRows: Int
    let scratchpad: UnsafeMutablePointer<Element>
    let accumulator: UnsafeMutablePointer<Accumulator>

    var execute = ExecuteConfiguration()
    var loads = [LoadConfiguration](repeating: LoadConfiguration(), count: 3)
    var store = StoreConfiguration()
    /// The preload waiting for its compute (the RTL drops the output of a compute without one).
    var pendingPreload: PendingPreload?

    /// Weight-stationary: the weights in the array (Float workspace, DIM x DIM) and how many rows are non-zero.
    let weights: UnsafeMutablePointer<Float>
    var weightRows = 0
    /// Output-stationary: the PE accumulators.
    let processingElements: UnsafeMutablePointer<Accumulator>
    /// Workspaces for one array operation.
    let aTile: UnsafeMutablePointer<Float>
    let biasTile: UnsafeMutablePointer<Float>
    /// An all-zero tile, the bias of computes without one.
    let zeroTile: UnsafeMutablePointer<Float>
    let outputTile: UnsafeMutablePointer<Float>
    let aElements: UnsafeMutablePointer<Element>
    let bElements: UnsafeMutablePointer<Element>

    var loopMatmul = LoopMatmulRegisters()
    var loopConvolution = LoopConvolutionRegisters()
    /// loop_conv_ws alternates its bias and output rows between the two halves of the accumulator.
    var convolutionBiasHalf = false
    var convolutionOutputHalf = false

    var counters = CounterFile()

    /// The cycle model, when the run models cycles.
    var timing: GemminiTimingModel? {
        didSet { timingReference = timing.map { Unmanaged.passUnretained($0) } }
    }
    /// The same model, for the per-command path: using it through a guaranteed reference
    /// costs no retain and release (`timing` keeps it alive).
    private var timingReference: Unmanaged<GemminiTimingModel>?
    /// While a loop unroller runs: its commands for the cycle model, and the sub-FSM the next
    /// command belongs to.
    var unrolledCommands = TimingBuffer<TimedCommand>(capacity: 1024)
    var currentLoopTag = LoopTag.none
    /// Bytes the DMA has read from and written to memory (counter events).
    var dmaBytesRead: UInt64 = 0
    var dmaBytesWritten: UInt64 = 0

    /// Operand field widths: rows and array columns use log2(DIM+1) bits; mvin/mvout columns
    /// cover a whole DMA request of elements.
    let rowBits: Int
    let transferColumnBits: Int
    /// log2 of `scratchpadBankRows` and of `dim` when they are powers of two (else -1): the
    /// cycle model's descriptions divide by them once or twice per command, and a shift is
    /// much cheaper than a division.
    let scratchpadBankShift: Int
    let dimShift: Int

    init(_ configuration: GemminiConfiguration) {
        self.configuration = configuration
        dim = configuration.dim
        scratchpadRows = configuration.scratchpadRows
        scratchpadBankRows = configuration.scratchpadBankRows
        accumulatorRows = configuration.accumulatorRows
        scratchpad = .allocate(capacity: scratchpadRows * dim)
        scratchpad.initialize(repeating: Arithmetic.zeroElement, count: scratchpadRows * dim)
        accumulator = .allocate(capacity: accumulatorRows * dim)
        accumulator.initialize(repeating: Arithmetic.zeroAccumulator, count: accumulatorRows * dim)
        let tile = configuration.dim * configuration.dim
        weights = .allocate(capacity: tile)
        weights.initialize(repeating: 0, count: tile)
        processingElements = .allocate(capacity: tile)
        processingElements.initialize(repeating: Arithmetic.zeroAccumulator, count: tile)
        aTile = .allocate(capacity: tile)
        biasTile = .allocate(capacity: tile)
        zeroTile = .allocate(capacity: tile)
        zeroTile.initialize(repeating: 0, count: tile)
        outputTile = .allocate(capacity: tile)
        aElements = .allocate(capacity: tile)
        aElements.initialize(repeating: Arithmetic.zeroElement, count: tile)
        bElements = .allocate(capacity: tile)
        bElements.initialize(repeating: Arithmetic.zeroElement, count: tile)
        rowBits = Self.bits(toHold: configuration.dim)
        transferColumnBits = Self.bits(toHold: max(configuration.dim, configuration.dmaMaxBytes / configuration.inputBytes))
        scratchpadBankShift = Self.shift(dividingBy: configuration.scratchpadBankRows)
        dimShift = Self.shift(dividingBy: configuration.dim)
    }

    deinit {
        scratchpad.deallocate()
        accumulator.deallocate()
        weights.deallocate()
        processingElements.deallocate()
        aTile.deallocate()
        biasTile.deallocate()
        zeroTile.deallocate()
        outputTile.deallocate()
        aElements.deallocate()
        bElements.deallocate()
    }

    static func bits(toHold value: Int) -> Int { Int.bitWidth - value.leadingZeroBitCount }

    /// The shift that divides by `divisor`, -1 when it is not a power of two.
    static func shift(dividingBy divisor: Int) -> Int {
        divisor > 0 && divisor & (divisor - 1) == 0 ? divisor.trailingZeroBitCount : -1
    }

    func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome {
        let funct = command.funct7
        // Described before it takes effect: a compute's timing depends on its pending preload.
        let described = timingReference == nil ? nil : timedCommand(funct, command.rs1Value, command.rs2Value)
        do {
            guard let response = try perform(funct, command.rs1Value, command.rs2Value, memory: memory) else {
                return .unsupported
            }
            guard let timingReference, let described else { return .completed(response: response, resumeCycle: cycle) }
            let resume = timingReference._withUnsafeGuaranteedRef { timing in
                var resume: UInt64
                if funct == GemminiFunct.loopWS || funct == GemminiFunct.loopConvWS {
                    resume = timing.hostLoop(unrolledCommands.elements, convolution: funct == GemminiFunct.loopConvWS, at: cycle)
                    unrolledCommands.removeAll()
                } else {
                    resume = timing.hostCommand(described, at: cycle)
                }
                if command.expectsResponse { resume = max(resume, timing.responseCycle(issuedAt: cycle)) }
                return resume
            }
            return .completed(response: response, resumeCycle: resume)
        } catch {
            unrolledCommands.removeAll()
            return .fault("Gemmini: \(error.reason)")
        }
    }

    /// Carries out one command (from the program or from a loop unroller). Returns the rd
    /// value, or nil for a command this design does not have.
    func perform(_ funct: UInt8, _ rs1: UInt64, _ rs2: UInt64, memory: GuestMemory) throws(GemminiFault) -> UInt64? {
        switch funct {
        case GemminiFunct.config:
            return try configure(rs1, rs2) ? 0 : nil
        case GemminiFunct.mvin: try moveIn(rs1, rs2, state: 0, memory: memory)
        case GemminiFunct.mvin2: try moveIn(rs1, rs2, state: 1, memory: memory)
        case GemminiFunct.mvin3: try moveIn(rs1, rs2, state: 2, memory: memory)
        case GemminiFunct.mvout: try moveOut(rs1, rs2, memory: memory)
        case GemminiFunct.preload: preload(rs1, rs2)
        case GemminiFunct.computePreloaded: try compute(rs1, rs2, newWeights: true)
        case GemminiFunct.computeAccumulated: try compute(rs1, rs2, newWeights: false)
        case GemminiFunct.flush, GemminiFunct.clockGate:
            break  // TLB flush and clock gating have no functional effect in bare-metal M-mode.
        case GemminiFunct.storeSpad: try storeToScratchpad(rs1, rs2)
        case GemminiFunct.loopWSConfigBounds...GemminiFunct.loopWSConfigStridesDC,
             GemminiFunct.loopWSConfigSpadAB, GemminiFunct.loopWSConfigSpadC:
            loopMatmul.configure(funct, rs1, rs2)
        case GemminiFunct.loopWS: try runLoopMatmul(rs1, rs2, memory: memory)
        case GemminiFunct.loopConvWSConfig1...GemminiFunct.loopConvWSConfig6:
            loopConvolution.configure(funct, rs1, rs2)
        case GemminiFunct.loopConvWS: try runLoopConvolution(rs1, rs2, memory: memory)
        case GemminiFunct.counter: return counterOperation(rs1)
        default: return nil
        }
        return 0
    }

    /// config_ex / config_ld / config_st / config_norm. False for config_norm on a design without normalizations.
    func configure(_ rs1: UInt64, _ rs2: UInt64) throws(GemminiFault) -> Bool {
        switch rs1 & 3 {
        case 0:
            if rs1 & 0x80 == 0 {
                execute.weightStationary = rs1 & 4 != 0
                execute.activation = rs1.field(3, 2)
                execute.accumulatorScale = Float(bitsOf: rs1, at: 32)
                execute.aTranspose = rs1 & 0x100 != 0
                execute.bTranspose = rs1 & 0x200 != 0
                execute.inShift = rs2.field(0, 5)
            }
            execute.aStride = rs1.field(16, 16)
            execute.cStride = rs2.field(48, 16)
            try checkActivation(execute.activation, "config_ex")
        case 1:
            let state = min(rs1.field(3, 2), 2)
            loads[state] = LoadConfiguration(
                dramStride: rs2, scale: Float(bitsOf: rs1, at: 32), shrink: rs1 & 4 != 0,
                blockStride: rs1.field(16, 16), pixelRepeats: max(1, rs1.field(8, 8)))
        case 2:
            store.activation = rs1.field(2, 2)
            store.dramStride = rs2 & 0xFFFF_FFFF
            if rs2 >> 32 != 0xFFFF_FFFF { store.scale = Float(bitsOf: rs2, at: 32) }
            let poolStride = rs1.field(4, 2)
            store.pool.stride = poolStride
            if poolStride != 0 {
                store.pool = PoolConfiguration(
                    stride: poolStride, size: rs1.field(6, 2), upperPad: rs1.field(8, 2), leftPad: rs1.field(10, 2),
                    outputDim: rs1.field(24, 8), pooledRows: rs1.field(32, 8), pooledColumns: rs1.field(40, 8),
                    rows: rs1.field(48, 8), columns: rs1.field(56, 8))
            }
            try checkActivation(store.activation, "config_st")
        default:
            return configuration.hasNormalizations
        }
        return true
    }

    /// LAYERNORM and IGELU need the normalization unit, which this model does not have.
    func checkActivation(_ activation: Int, _ command: String) throws(GemminiFault) {
        guard activation <= 1 else {
            throw GemminiFault("\(command) selects activation \(activation) (\(activation == 2 ? "LAYERNORM" : "IGELU")), which this model does not support (use NO_ACTIVATION or RELU)")
        }
    }

    // MARK: Local memory access

    @inline(__always) func scratchpadRow(_ row: Int) -> UnsafeMutablePointer<Element> {
        scratchpad + (row & (scratchpadRows - 1)) * dim
    }

    @inline(__always) func accumulatorRow(_ row: Int) -> UnsafeMutablePointer<Accumulator> {
        accumulator + (row & (accumulatorRows - 1)) * dim
    }

    /// A DRAM range for the DMA, or a fault naming the command and the range.
    func dram(_ address: UInt64, _ length: Int, memory: GuestMemory, for command: String) throws(GemminiFault) -> UnsafeMutableRawPointer {
        guard let pointer = memory.pointer(to: address, length: UInt64(length)) else {
            throw GemminiFault("\(command) accesses \(hex(address))-\(hex(address &+ UInt64(length))) outside memory (\(hex(memory.base))-\(hex(memory.end)))")
        }
        return pointer
    }
}
