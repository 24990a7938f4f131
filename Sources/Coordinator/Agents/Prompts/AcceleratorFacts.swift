/// The facts about one accelerator configuration that the prompts state: array size, types,
/// capacities and the unit sizes a planner reasons in (tiles, banks, DMA blocks).
///
/// The Coordinator does not import the Simulator, so the built-in designs are restated here;
/// a test checks them against the Simulator's `GemminiConfiguration.builtIn`. Designs loaded
/// from a file can be described by building a value with `init(name:dim:...)`.
public struct AcceleratorFacts: Sendable, Equatable, Hashable, Codable {
    /// The element types of the array's inputs and of the accumulator.
    public enum Arithmetic: String, Sendable, Codable {
        /// int8 inputs, weights and outputs; int32 accumulator.
        case int8
        /// IEEE binary32 everywhere; the array uses fused multiply-adds.
        case fp32
    }

    /// The configuration's name (`int8_16x16`, ...), as problems and `--accel` name it.
    public var name: String
    /// Systolic array width and height (DIM).
    public var dim: Int
    public var arithmetic: Arithmetic
    public var scratchpadKiB: Int
    public var scratchpadBanks: Int
    public var accumulatorKiB: Int
    public var accumulatorBanks: Int
    /// Largest DMA request in bytes; sets how many DIM-wide blocks one mvin can move.
    public var dmaMaxBytes: Int

    public init(
        name: String, dim: Int, arithmetic: Arithmetic, scratchpadKiB: Int, scratchpadBanks: Int, accumulatorKiB: Int,
        accumulatorBanks: Int, dmaMaxBytes: Int = 64
    ) {
        self.name = name
        self.dim = dim
        self.arithmetic = arithmetic
        self.scratchpadKiB = scratchpadKiB
        self.scratchpadBanks = scratchpadBanks
        self.accumulatorKiB = accumulatorKiB
        self.accumulatorBanks = accumulatorBanks
        self.dmaMaxBytes = dmaMaxBytes
    }

    // MARK: Types

    /// Bytes of one scratchpad element (elem_t) and of one accumulator element (acc_t).
    public var elementBytes: Int { arithmetic == .int8 ? 1 : 4 }
    public var accumulatorElementBytes: Int { 4 }
    /// The C types gemmini_params.h defines for this design.
    public var elementCType: String { arithmetic == .int8 ? "int8_t" : "float" }
    public var accumulatorCType: String { arithmetic == .int8 ? "int32_t" : "float" }

    // MARK: Capacities

    /// Scratchpad rows (DIM elements each), in all banks and per bank.
    public var scratchpadRows: Int { scratchpadKiB * 1024 / (dim * elementBytes) }
    public var scratchpadBankRows: Int { scratchpadRows / scratchpadBanks }
    /// Accumulator rows (DIM accumulator elements each), in all banks and per bank.
    public var accumulatorRows: Int { accumulatorKiB * 1024 / (dim * accumulatorElementBytes) }
    public var accumulatorBankRows: Int { accumulatorRows / accumulatorBanks }
    /// Bytes of one scratchpad row and of one accumulator row.
    public var scratchpadRowBytes: Int { dim * elementBytes }
    public var accumulatorRowBytes: Int { dim * accumulatorElementBytes }

    /// DIM x DIM tiles (DIM consecutive rows each) that fit in the whole scratchpad, in one
    /// scratchpad bank, and in the accumulator.
    public var scratchpadTiles: Int { scratchpadRows / dim }
    public var scratchpadBankTiles: Int { scratchpadBankRows / dim }
    public var accumulatorTiles: Int { accumulatorRows / dim }

    /// DIM-wide blocks one mvin may move into the scratchpad (MAX_BLOCK_LEN) and into the
    /// accumulator (MAX_BLOCK_LEN_ACC); mvout moves up to MAX_BLOCK_LEN blocks.
    public var maxBlockLength: Int { max(1, dmaMaxBytes / (dim * elementBytes)) }
    public var maxBlockLengthAccumulator: Int { max(1, dmaMaxBytes / (dim * accumulatorElementBytes)) }

    /// Multiply-accumulates of one full preload/compute pair (a DIM x DIM x DIM block), which
    /// the array completes every DIM cycles at peak.
    public var macsPerBlock: Int { dim * dim * dim }

    /// Cycles from a row entering the array to its result reaching the accumulator, as the
    /// RTL's pipeline works out (gemmini-reference.md 5.5): about 2·DIM + 5 for the int8
    /// designs (one cycle per processing element), 6·DIM + 2 for fp32 (three per element).
    public var pipelineLatency: Int { arithmetic == .int8 ? 2 * dim + 5 : 6 * dim + 2 }

    // MARK: Built-in designs

    /// Gemmini's default design (the GEMM and convolution problems).
    public static let int8_16x16 = AcceleratorFacts(
        name: "int8_16x16", dim: 16, arithmetic: .int8, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64,
        accumulatorBanks: 2)

    /// A 32x32 int8 array with the default capacities and 128-byte DMA requests.
    public static let int8_32x32 = AcceleratorFacts(
        name: "int8_32x32", dim: 32, arithmetic: .int8, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64,
        accumulatorBanks: 2, dmaMaxBytes: 128)

    /// The fp32 4x4 design of the TinyMPC problems.
    public static let fp32_4x4 = AcceleratorFacts(
        name: "fp32_4x4", dim: 4, arithmetic: .fp32, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64,
        accumulatorBanks: 1)

    /// The designs that ship with autocomp.
    public static let builtIn: [AcceleratorFacts] = [int8_16x16, int8_32x32, fp32_4x4]

    /// A built-in design by name; "default" is int8_16x16, as for `--accel`.
    public static func builtIn(named name: String) -> AcceleratorFacts? {
        let wanted = name == "default" ? int8_16x16.name : name
        return builtIn.first { $0.name == wanted }
    }
}
