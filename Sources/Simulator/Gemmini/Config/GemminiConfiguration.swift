/// One Gemmini accelerator design: array size, data types and memory capacities.
///
/// The functional model and the generated `gemmini_params.h` both derive everything from
/// this value, so C code and model cannot disagree. Built-in designs are in
/// `GemminiConfiguration+BuiltIn.swift`; users add their own as JSON files of this shape.
public struct GemminiConfiguration: Codable, Sendable, Equatable {
    /// Element types of the array's inputs and of the accumulator.
    public enum Arithmetic: String, Codable, Sendable {
        /// int8 inputs and weights, int32 accumulator, int20 partial sums in the array.
        case int8
        /// IEEE binary32 everywhere, fused multiply-add in the array.
        case fp32
    }

    /// The name `--accel` selects it by.
    public var name: String
    /// One line for listings.
    public var summary: String
    /// Systolic array width and height (DIM).
    public var dim: Int
    public var arithmetic: Arithmetic
    /// Scratchpad capacity in KiB and bank count.
    public var scratchpadKiB: Int
    public var scratchpadBanks: Int
    /// Accumulator capacity in KiB and bank count.
    public var accumulatorKiB: Int
    public var accumulatorBanks: Int
    /// Largest DMA request in bytes (dma_maxbytes); sets MAX_BLOCK_LEN.
    public var dmaMaxBytes: Int
    /// Bits of the partial sums that travel through an int8 array (RTL: SInt20).
    public var partialSumBits: Int
    /// Layer-norm / softmax support (config_norm); off in the standard designs.
    public var hasNormalizations: Bool
    /// The cycle model's parameters; nil (or absent in a JSON file) means the defaults for a
    /// Rocket SoC around this design (`TimingParameters.rocketSoC(for:)`).
    public var timing: TimingParameters?

    public init(
        name: String, summary: String, dim: Int, arithmetic: Arithmetic, scratchpadKiB: Int, scratchpadBanks: Int,
        accumulatorKiB: Int, accumulatorBanks: Int, dmaMaxBytes: Int = 64, partialSumBits: Int = 20,
        hasNormalizations: Bool = false, timing: TimingParameters? = nil
    ) {
        self.timing = timing
        self.name = name
        self.summary = summary
        self.dim = dim
        self.arithmetic = arithmetic
        self.scratchpadKiB = scratchpadKiB
        self.scratchpadBanks = scratchpadBanks
        self.accumulatorKiB = accumulatorKiB
        self.accumulatorBanks = accumulatorBanks
        self.dmaMaxBytes = dmaMaxBytes
        self.partialSumBits = partialSumBits
        self.hasNormalizations = hasNormalizations
    }

    /// The cycle model's parameters for this design.
    public var timingParameters: TimingParameters { timing ?? .rocketSoC(for: self) }

    /// Bytes of one input element (scratchpad) and one accumulator element.
    public var inputBytes: Int { arithmetic == .int8 ? 1 : 4 }
    public var accumulatorBytes: Int { 4 }
    /// Scratchpad rows (DIM elements each) in all banks, and per bank.
    public var scratchpadRows: Int { scratchpadKiB * 1024 / (dim * inputBytes) }
    public var scratchpadBankRows: Int { scratchpadRows / scratchpadBanks }
    /// Accumulator rows in all banks, and per bank.
    public var accumulatorRows: Int { accumulatorKiB * 1024 / (dim * accumulatorBytes) }
    public var accumulatorBankRows: Int { accumulatorRows / accumulatorBanks }
    /// DIM-wide blocks one mvin may move into the scratchpad (MAX_BLOCK_LEN) and the accumulator.
    public var maxBlockLength: Int { max(1, dmaMaxBytes / (dim * inputBytes)) }
    public var maxBlockLengthAccumulator: Int { max(1, dmaMaxBytes / (dim * accumulatorBytes)) }

    /// Checks the design is one the model and the C library can build; the error names the field.
    public func validate() throws(ConfigurationError) {
        func fail(_ reason: String) -> ConfigurationError { ConfigurationError(configuration: name, reason: reason) }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw fail("name must be letters, digits, '_' or '-'")
        }
        guard [2, 4, 8, 16, 32, 64].contains(dim) else { throw fail("dim \(dim) must be a power of two from 2 to 64") }
        for (field, value) in [("scratchpadKiB", scratchpadKiB), ("scratchpadBanks", scratchpadBanks),
                               ("accumulatorKiB", accumulatorKiB), ("accumulatorBanks", accumulatorBanks),
                               ("dmaMaxBytes", dmaMaxBytes)] where value <= 0 {
            throw fail("\(field) must be positive (is \(value))")
        }
        guard scratchpadRows % scratchpadBanks == 0, accumulatorRows % accumulatorBanks == 0 else {
            throw fail("rows must divide evenly into banks")
        }
        // Local addresses carry a 14-bit row index (gemmini-reference.md section 2).
        guard scratchpadRows <= 1 << 14, accumulatorRows <= 1 << 14 else {
            throw fail("at most 16384 scratchpad and accumulator rows fit the 14-bit local address")
        }
        guard scratchpadRows.nonzeroBitCount == 1, accumulatorRows.nonzeroBitCount == 1 else {
            throw fail("scratchpad and accumulator row counts must be powers of two")
        }
        guard arithmetic == .fp32 || (8...32).contains(partialSumBits) else {
            throw fail("partialSumBits \(partialSumBits) must be 8 to 32")
        }
        guard dmaMaxBytes >= dim * inputBytes else { throw fail("dmaMaxBytes must hold at least one row (\(dim * inputBytes) bytes)") }
    }
}

/// A configuration that cannot be used, with the reason.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var configuration: String
    public var reason: String
    public var description: String { "accelerator configuration \(configuration): \(reason)" }

    public init(configuration: String, reason: String) {
        self.configuration = configuration
        self.reason = reason
    }
}
