extension AcceleratorDescription {
    /// Practical advice of the kind Autocomp's prompts give, with this configuration's numbers.
    static func advice(_ f: AcceleratorFacts, family: ProblemManifest.Family?) -> String {
        let specific: [String]
        switch family {
        case .tinympc: specific = linearAlgebraAdvice(f)
        case .conv: specific = tiledAdvice(f) + convolutionAdvice(f)
        case .gemm, nil: specific = tiledAdvice(f)
        }
        let bullets = specific + commonAdvice(f)
        return "## Performance advice\n" + bullets.map { "- " + $0 }.joined(separator: "\n")
    }

    /// GEMM and convolution: large operands, reuse and overlap decide the speed.
    private static func tiledAdvice(_ f: AcceleratorFacts) -> [String] {
        let bank = f.scratchpadBankRows
        return [
            "Where the time goes: a full preload/compute pair keeps the array busy for only DIM = \(f.dim) cycles but costs the CPU two commands plus the arithmetic around them, so code that issues one pair per tile is limited by the CPU, and operands that arrive late or rows that are reused too early stall it further. Aim for every command to do as much work as possible and for the array never to wait.",
            "Reuse every tile you move in: keep an output tile in the accumulator for the whole K dimension and move it out once; hold several output tiles at a time (the accumulator has room for \(f.accumulatorTiles)) so that each A tile and each B tile feeds several of them; keep operands that later iterations need again in the scratchpad (room for \(f.scratchpadTiles) tiles) instead of loading them again.",
            "Reuse the weights in the array: after compute_preloaded has loaded a B tile, compute_accumulated (with a preload whose B is GARBAGE_ADDR) multiplies further A tiles by it without loading it again. Order the loops so that consecutive computes share B.",
            "Overlap data movement and computation (double buffering): give the operands of alternate steps different scratchpad rows, and issue the mvins of the next step before the computes of the current one, so loads never wait for computes still reading their rows. Do the same for output tiles in the accumulator so that an mvout does not hold up the next computes.",
            "Avoid bank conflicts: keep A tiles and B tiles in different scratchpad banks (bank = row / \(bank)), for example A in bank 0 and B in bank \(f.scratchpadBanks > 2 ? 2 : 1).",
            "Move data in wide blocks: one mvin of up to \(f.maxBlockLength) tiles side by side (\(f.maxBlockLength * f.dim) columns) costs one command instead of \(f.maxBlockLength) and uses the DMA better; mvout likewise moves up to \(f.maxBlockLength * f.dim) columns of adjacent output tiles at once.",
            "Move finished output tiles out while later computes run: an mvout waits about \(f.pipelineLatency) cycles after the last compute writing its tile, so issue it after the next computes rather than right after its own.",
        ]
    }

    private static func convolutionAdvice(_ f: AcceleratorFacts) -> [String] {
        [
            "A convolution is a sum of matrix products: for each kernel position (krow, kcol) and block of DIM input channels, the A rows are up to DIM output pixels of one output row (each row holds their input channels) and the weights are the [input channel][output channel] tile of that kernel position.",
            "Neighbouring kernel columns read overlapping input: the pixels for kcol + 1 are those for kcol shifted by one row. Load a row of input pixels once (up to DIM pixels per mvin, one pixel per scratchpad row) and use A = base + kcol for every kcol instead of loading it again; input rows are also shared between output rows (orow + krow).",
            "Weights do not depend on the pixel: keep the weight tiles of an output-channel block resident in the scratchpad while looping over pixels, when they fit.",
            "Start each output tile from the bias: mvin3 with a DRAM stride of 0 (config_ld) repeats the bias row for every pixel row, into the accumulator rows, and every kernel position then accumulates on top with bit 30.",
        ]
    }

    /// TinyMPC: tiny matrices, so command count, fences and DRAM round trips decide the speed.
    private static func linearAlgebraAdvice(_ f: AcceleratorFacts) -> [String] {
        [
            "These kernels multiply matrices of a few DIM x DIM tiles by vectors. The array finishes a compute in about DIM = \(f.dim) cycles, so the number of commands, the CPU's work between them, config changes and above all fences decide the time, not the array.",
            "A vector of n elements is stored as a column: n rows of one element each (mvin with cols = 1 and a DRAM stride of sizeof(elem_t) puts consecutive elements in consecutive rows). y = M x takes M's tiles as A and x's pieces as the weights: preload(x_sp, y_acc, 1, DIM, 1, DIM); compute_preloaded(M_sp, GARBAGE_ADDR, DIM, DIM, 1, DIM); then the next piece of x with bit 30 set in y_acc.",
            "Load matrices that do not change (the dynamics, gains, ...) into the scratchpad once, at distinct rows, before the loop over time steps, using wide mvins (up to \(f.maxBlockLength * f.dim) columns); only vectors need to move inside the loop.",
            "Keep intermediate vectors on the accelerator: a compute can write its result straight into the scratchpad (C = a scratchpad address; this overwrites, it cannot accumulate), where the next compute reads it as A or as weights. A vector that goes out with mvout and comes back with mvin needs a fence in between.",
            "Add or subtract with the accumulator: mvin3 a vector into the accumulator rows (with a config_ld scale of -1.0f to subtract) and accumulate products onto it with bit 30; or pass a scratchpad block as a compute's D operand, which is added to the product. config_ld and config_st scales of -1.0f negate.",
            "Merge operations that sum into the same result (for example A x + B u) into one accumulation in the same accumulator rows, and reorder independent operations so the accelerator always has work while a result it needs is still being computed.",
            "Give each kind of operand its own load channel (mvin, mvin2, mvin3) configured once with its stride and scale, instead of reissuing config_ld between operands.",
        ]
    }

    private static func commonAdvice(_ f: AcceleratorFacts) -> [String] {
        [
            "Keep configuration and synchronization out of loops: config_ex, config_ld and config_st once at the start where possible, and fence() only where the CPU or a later mvin really reads DRAM written by an mvout.",
            "Cut CPU overhead between commands: hoist invariant address arithmetic out of loops, advance addresses by constant increments instead of recomputing products, unroll short inner loops, and use constant loop bounds.",
        ]
    }
}
