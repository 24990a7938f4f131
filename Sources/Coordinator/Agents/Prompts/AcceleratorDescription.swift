/// The description of the accelerator that planning and coding prompts start with: what the
/// configuration holds, how local memory is addressed, every command an Autocomp program uses
/// (with the macro names and argument orders of our gemmini.h), how commands overlap, and
/// practical advice for making code faster.
///
/// The text is written for this project from gemmini-reference.md and gemmini.h. It is the
/// same for every call with the same configuration, family and options, so providers that
/// cache prompt prefixes can reuse it.
public enum AcceleratorDescription {
    /// What to include beyond the instruction set itself.
    public struct Options: Sendable, Equatable, Hashable, Codable {
        /// Describe the hardware loop unrollers (gemmini_loop_ws, tiled_matmul_auto, ...).
        /// Off makes the model work with the primitive commands only, as in Autocomp's GEMM runs.
        public var hardwareLoops: Bool
        /// Add the performance advice (reuse, overlap, banks, command overhead, ...).
        public var performanceAdvice: Bool

        public init(hardwareLoops: Bool = true, performanceAdvice: Bool = true) {
            self.hardwareLoops = hardwareLoops
            self.performanceAdvice = performanceAdvice
        }
    }

    /// The full description for a configuration; `family` picks the advice and which hardware
    /// loops matter (nil: the advice for GEMM and convolution).
    public static func text(
        for facts: AcceleratorFacts, family: ProblemManifest.Family? = nil, options: Options = Options()
    ) -> String {
        var sections = [overview(facts), configuration(facts), localAddresses(facts), commands(facts), execution(facts)]
        if options.performanceAdvice { sections.append(advice(facts, family: family)) }
        if options.hardwareLoops { sections.append(hardwareLoops(facts, family: family)) }
        return sections.joined(separator: "\n\n")
    }

    static func overview(_ f: AcceleratorFacts) -> String {
        """
        # The Gemmini accelerator (configuration \(f.name))

        Gemmini is a systolic-array accelerator attached to a RISC-V CPU. Your C code runs on the \
        CPU and drives Gemmini through the macros of gemmini.h, which the harness already \
        includes; each macro sends Gemmini one command. Gemmini computes only on data held in its \
        two local memories, the scratchpad and the accumulator, and moves data between them and \
        main memory (DRAM) with DMA commands.
        """
    }

    static func configuration(_ f: AcceleratorFacts) -> String {
        let types: String
        switch f.arithmetic {
        case .int8:
            types = """
                - Data types: elem_t is int8_t (inputs, weights and outputs) and acc_t is int32_t \
                (accumulator). Products are summed in integers; a value leaving the accumulator as \
                elem_t is multiplied by the store scale, rounded to nearest (ties to even) and \
                saturated to [-128, 127]. A matmul result written to the scratchpad is saturated \
                to int8 as well.
                """
        case .fp32:
            types = """
                - Data types: elem_t and acc_t are both float (IEEE single precision). The array \
                multiplies with fused multiply-adds; the accumulator adds in float. Nothing is \
                saturated, and scales are plain float multiplications.
                """
        }
        let spadBank = f.scratchpadBankRows
        return """
            ## This configuration: \(f.name)
            - Systolic array: DIM x DIM = \(f.dim) x \(f.dim) processing elements. DIM is a \
            predefined constant (\(f.dim)).
            \(types)
            - Scratchpad: \(f.scratchpadKiB) KB = \(f.scratchpadRows) rows; a row holds DIM elem_t \
            (\(f.scratchpadRowBytes) bytes). \(f.scratchpadBanks) banks of \(spadBank) rows: bank b \
            holds rows b*\(spadBank) to b*\(spadBank) + \(spadBank - 1).
            - Accumulator: \(f.accumulatorKiB) KB = \(f.accumulatorRows) rows; a row holds DIM acc_t \
            (\(f.accumulatorRowBytes) bytes). \(bankPhrase(f.accumulatorBanks, rows: f.accumulatorBankRows)).
            - A DIM x DIM tile occupies DIM consecutive rows: the scratchpad holds \(f.scratchpadTiles) \
            tiles (\(f.scratchpadBankTiles) per bank), the accumulator \(f.accumulatorTiles) tiles.
            - One mvin moves up to MAX_BLOCK_LEN = \(f.maxBlockLength) tiles side by side \
            (\(f.maxBlockLength * f.dim) columns) into the scratchpad, or up to MAX_BLOCK_LEN_ACC = \
            \(f.maxBlockLengthAccumulator) (\(f.maxBlockLengthAccumulator * f.dim) columns) into the \
            accumulator. One mvout moves up to \(f.maxBlockLength * f.dim) columns.
            - Peak speed: one DIM x DIM x DIM block (\(f.macsPerBlock) multiply-accumulates) every \
            DIM = \(f.dim) cycles.
            - Predefined names you may use: \(predefinedNames.joined(separator: ", ")).
            """
    }

    /// Constants and types of gemmini.h / gemmini_params.h the description invites code to use.
    public static let predefinedNames = [
        "DIM", "elem_t", "acc_t", "WEIGHT_STATIONARY", "NO_ACTIVATION", "RELU", "GARBAGE_ADDR", "MVIN_SCALE_IDENTITY",
        "ACC_SCALE_IDENTITY", "MAX_BLOCK_LEN", "MAX_BLOCK_LEN_ACC", "BANK_NUM", "BANK_ROWS", "ACC_ROWS",
    ]

    private static func bankPhrase(_ banks: Int, rows: Int) -> String {
        banks == 1 ? "One bank" : "\(banks) banks of \(rows) rows"
    }

    static func localAddresses(_ f: AcceleratorFacts) -> String {
        """
        ## Local addresses
        Commands name scratchpad and accumulator rows with a 32-bit local address (uint32_t):
        - Scratchpad: the row number, 0 to \(f.scratchpadRows - 1).
        - Accumulator: bit 31 set, plus the row number: (1u << 31) | row, row 0 to \
        \(f.accumulatorRows - 1).
        - Bit 30, (1u << 30), together with bit 31, when something is written into the \
        accumulator (an mvin, or the output of a matmul): add to the values already there \
        instead of overwriting them.
        - Bit 29, (1u << 29), together with bit 31, when mvout reads the accumulator: write the \
        raw acc_t values (\(f.accumulatorElementBytes) bytes each, at most DIM columns) instead \
        of scaling them to elem_t.
        - GARBAGE_ADDR (0xFFFFFFFF) means "no operand": as a source it reads zeros, as the \
        output of a matmul it discards the result.
        - A block of R rows at address a covers rows a to a + R - 1. Addresses past the end \
        wrap around, so keep every block inside its memory.
        """
    }
}
