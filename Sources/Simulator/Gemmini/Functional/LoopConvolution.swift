/// The loop_conv_ws configuration words (functs 16 to 21; field layout in
/// Documentation/GemminiLoops.md).
struct LoopConvolutionRegisters {
    var batchSize = 0, inRowDim = 0, inColDim = 0, inChannels = 0, outChannels = 0
    var outRowDim = 0, outColDim = 0, poolOutRowDim = 0, poolOutColDim = 0
    var stride = 0, padding = 0, kernelDim = 0, kernelDilation = 1
    var poolSize = 0, poolStride = 0, poolPadding = 0
    var batches = 0, pooledRows = 0, pooledColumns = 0, pooledChannels = 0
    var kernelRows = 0, kernelColumns = 0, kernelChannels = 0
    var leftPad = 0, rightPad = 0, upperPad = 0, lowerPad = 0
    var poolLeftPad = 0, poolRightPad = 0, poolUpperPad = 0, poolLowerPad = 0
    var outputRows = 0, outputColumns = 0
    var inStride = 0, weightStride = 0, outStride = 0
    var weights: UInt64 = 0, output: UInt64 = 0, bias: UInt64 = 0, input: UInt64 = 0

    mutating func configure(_ funct: UInt8, _ rs1: UInt64, _ rs2: UInt64) {
        switch funct {
        case 16:
            batchSize = rs1.field(0, 16); inRowDim = rs1.field(16, 16); inChannels = rs1.field(32, 16); outChannels = rs1.field(48, 16)
            outRowDim = rs2.field(0, 16); poolOutRowDim = rs2.field(16, 16); outColDim = rs2.field(32, 16)
            stride = rs2.field(48, 8); padding = rs2.field(56, 8)
        case 17:
            poolPadding = rs1.field(0, 8); poolStride = rs1.field(8, 8); poolSize = rs1.field(16, 16)
            poolOutColDim = rs1.field(32, 16); kernelDim = rs1.field(48, 16)
            pooledChannels = rs2.field(0, 16); pooledColumns = rs2.field(16, 16); pooledRows = rs2.field(32, 16); batches = rs2.field(48, 16)
        case 18:
            leftPad = rs1.field(0, 16); kernelChannels = rs1.field(16, 16); kernelColumns = rs1.field(32, 16); kernelRows = rs1.field(48, 16)
            inColDim = rs2.field(0, 16); poolLeftPad = rs2.field(16, 8); lowerPad = rs2.field(24, 8); upperPad = rs2.field(32, 16); rightPad = rs2.field(48, 16)
        case 19:
            kernelDilation = max(1, rs1.field(0, 10)); poolLowerPad = rs1.field(10, 11); poolUpperPad = rs1.field(21, 11)
            poolRightPad = rs1.field(32, 16); outputRows = rs1.field(48, 16)
            outputColumns = rs2.field(0, 16); outStride = rs2.field(16, 16); weightStride = rs2.field(32, 16); inStride = rs2.field(48, 16)
        case 20: weights = rs1; output = rs2
        case 21: bias = rs1; input = rs2
        default: break
        }
    }
}

/// The flags of the loop_conv_ws command itself (funct 15).
struct LoopConvolutionFlags {
    let noBias, rotate180, transposeOutput1203, transposeWeight1203, transposeWeight0132, transposeInput3120, depthwise: Bool
    let maxPixelsPerRow: Int
    let bSpadID, aSpadID: Int
    let noPool, downsample, inputDilated: Bool
    let activation: Int

    init(_ rs1: UInt64, _ rs2: UInt64) {
        noBias = rs1 & 1 != 0; rotate180 = rs1 & 2 != 0; transposeOutput1203 = rs1 & 4 != 0
        transposeWeight1203 = rs1 & 8 != 0; transposeWeight0132 = rs1 & 16 != 0; transposeInput3120 = rs1 & 32 != 0
        depthwise = rs1 & 64 != 0
        maxPixelsPerRow = max(1, rs1.field(8, 8))
        bSpadID = rs1.field(16, 2); aSpadID = rs1.field(18, 2)
        noPool = rs2 & 1 != 0; downsample = rs2 & 2 != 0; inputDilated = rs2 & 4 != 0
        activation = rs2.field(3, 2)
    }
}

extension GemminiCore {
    /// loop_conv_ws: the tiled convolution unroller (Documentation/GemminiLoops.md).
    func runLoopConvolution(_ rs1: UInt64, _ rs2: UInt64, memory: GuestMemory) throws(GemminiFault) {
        let loop = loopConvolution
        let flags = LoopConvolutionFlags(rs1, rs2)
        var plan = ConvolutionPlan(loop: loop, flags: flags, dim: dim, scratchpadRows: scratchpadRows)
        try plan.check(accumulatorRows: accumulatorRows)
        plan.biasStart = 0x8000_0000 | UInt32(convolutionBiasHalf ? accumulatorRows / 2 : 0)
        plan.outputStart = 0xC000_0000 | UInt32(convolutionOutputHalf ? accumulatorRows / 2 : 0)

        currentLoopTag = .convolution(phase: 0)
        if loop.bias != 0 { try convolutionBias(plan, memory) }
        currentLoopTag = .convolution(phase: 1)
        try convolutionInput(plan, memory)
        currentLoopTag = .convolution(phase: 2)
        try convolutionWeights(plan, memory)
        currentLoopTag = .convolution(phase: 3)
        try convolutionCompute(plan, memory)
        currentLoopTag = .convolution(phase: 4)
        if loop.output != 0 { try convolutionOutput(plan, memory) }

        // The next loop's rows go to the other half of the accumulator.
        if loop.bias != 0 { convolutionBiasHalf.toggle() }
        if loop.output != 0 { convolutionOutputHalf.toggle() }
    }

    private func convolutionBias(_ plan: ConvolutionPlan, _ memory: GuestMemory) throws(GemminiFault) {
        let loop = plan.loop
        let (rs1, rs2) = GemminiCommandWords.configLoad(stride: 0, blockStride: loop.batches * loop.outputRows * loop.outputColumns, state: 2)
        try issue(GemminiFunct.config, rs1, rs2, memory)
        for b in 0..<loop.batches {
            for orow in 0..<loop.outputRows {
                for ocol in stride(from: 0, to: loop.outputColumns, by: dim) {
                    let I = min(dim, loop.outputColumns - ocol)
                    for och in stride(from: 0, to: plan.ochs, by: dim) {
                        let J = min(dim, plan.ochs - och)
                        let dram = plan.flags.noBias ? 0 : loop.bias &+ UInt64(och * 4)
                        try issueMoveIn(GemminiFunct.mvin3, dram: dram, local: plan.biasStart + UInt32(plan.accumulatorRow(och, b, orow, ocol)),
                                        columns: J, rows: I, memory)
                    }
                }
            }
        }
    }

    private func convolutionInput(_ plan: ConvolutionPlan, _ memory: GuestMemory) throws(GemminiFault) {
        let loop = plan.loop, flags = plan.flags
        let elementBytes = Arithmetic.elementBytes
        let maxChannels = min(flags.transposeInput3120 ? loop.batches : plan.ichs, configuration.maxBlockLength * dim)
        let dramStride = UInt64((flags.transposeInput3120 ? loop.batchSize : loop.inStride) * elementBytes) << (flags.downsample ? 1 : 0)
        let image = plan.ds(plan.irows) * plan.ds(plan.icols)
        let blockStride = flags.transposeInput3120 ? plan.ichs * image : loop.batches * image
        let (rs1, rs2) = GemminiCommandWords.configLoad(stride: dramStride, blockStride: blockStride, pixelRepeats: flags.maxPixelsPerRow, state: 0)
        try issue(GemminiFunct.config, rs1, rs2, memory)
        let upper = plan.undilated(loop.upperPad), lower = plan.undilated(loop.lowerPad)
        let left = plan.undilated(loop.leftPad), right = plan.undilated(loop.rightPad)
        let step = flags.downsample ? 2 : 1
        for b in stride(from: 0, to: loop.batches, by: flags.transposeInput3120 ? maxChannels : 1) {
            for irow in stride(from: -upper, to: plan.irowsUnpadded + lower, by: step) {
                var icol = -left
                while icol < plan.icolsUnpadded + right {
                    var I = min(dim << (flags.downsample ? 1 : 0), plan.icolsUnpadded - icol)
                    if icol < 0 {
                        I = min(dim, -icol)
                    } else if icol >= plan.icolsUnpadded {
                        I = min(dim, plan.icolsUnpadded + right - icol)
                    }
                    let padding = irow < 0 || irow >= plan.irowsUnpadded || icol < 0 || icol >= plan.icolsUnpadded
                    for ich in stride(from: 0, to: plan.ichs, by: flags.transposeInput3120 ? 1 : maxChannels) {
                        let K = flags.transposeInput3120 ? min(maxChannels, loop.batches - b) : min(maxChannels, plan.ichs - ich)
                        let position = plan.ds(irow + upper) * plan.ds(plan.icols) + plan.ds(icol + left)
                        let local = flags.transposeInput3120
                            ? plan.aStart + (b / dim) * plan.ichs * image + ich * image + position
                            : plan.aStart + (ich / dim) * loop.batches * image + b * image + position
                        var dram: UInt64 = 0
                        if !padding {
                            let pixel = flags.transposeInput3120
                                ? ((ich &* loop.inRowDim &+ irow) &* loop.inColDim &+ icol) &* loop.batchSize &+ b
                                : ((b &* loop.inRowDim &+ irow) &* loop.inColDim &+ icol) &* loop.inStride &+ ich
                            dram = dramAddress(loop.input, element: pixel, bytes: elementBytes)
                        }
                        try issueMoveIn(GemminiFunct.mvin, dram: dram, local: UInt32(local), columns: K, rows: plan.ds(I), memory)
                    }
                    icol += I
                }
            }
        }
    }

    private func convolutionWeights(_ plan: ConvolutionPlan, _ memory: GuestMemory) throws(GemminiFault) {
        let loop = plan.loop, flags = plan.flags
        let elementBytes = Arithmetic.elementBytes
        let transposed = flags.transposeWeight0132
        let maxChannels = min(transposed ? plan.kchs : plan.ochs, configuration.maxBlockLength * dim)
        let dramStride: Int
        if flags.depthwise {
            dramStride = elementBytes
        } else if flags.transposeWeight1203 {
            dramStride = loop.kernelDim * loop.kernelDim * loop.outChannels * elementBytes
        } else if transposed {
            dramStride = loop.inChannels * elementBytes
        } else {
            dramStride = loop.weightStride * elementBytes
        }
        let blockStride = loop.kernelRows * loop.kernelColumns * (transposed ? plan.ochs : plan.kchs)
        let (rs1, rs2) = GemminiCommandWords.configLoad(stride: UInt64(dramStride), blockStride: blockStride, state: 1)
        try issue(GemminiFunct.config, rs1, rs2, memory)
        for och in stride(from: 0, to: plan.ochs, by: transposed ? dim : maxChannels) {
            for krow in 0..<loop.kernelRows {
                for kcol in 0..<loop.kernelColumns {
                    for kch in stride(from: 0, to: plan.kchs, by: transposed ? maxChannels : dim) {
                        let K = transposed ? min(dim, plan.ochs - och) : min(dim, plan.kchs - kch)
                        let J = transposed ? min(maxChannels, plan.kchs - kch) : min(maxChannels, plan.ochs - och)
                        let local = plan.weightRow(och: och, krow: krow, kcol: kcol, kch: kch)
                        let kr = flags.rotate180 ? loop.kernelDim - krow - 1 : krow
                        let kc = flags.rotate180 ? loop.kernelDim - kcol - 1 : kcol
                        let element: Int
                        if flags.depthwise {
                            element = kr &* loop.kernelDim &+ kc
                        } else if flags.transposeWeight1203 {
                            element = ((kch &* loop.kernelDim &+ kr) &* loop.kernelDim &+ kc) &* loop.outChannels &+ och
                        } else if transposed {
                            element = ((kr &* loop.kernelDim &+ kc) &* loop.outChannels &+ och) &* loop.inChannels &+ kch
                        } else {
                            element = ((kr &* loop.kernelDim &+ kc) &* loop.inChannels &+ kch) &* loop.weightStride &+ och
                        }
                        try issueMoveIn(GemminiFunct.mvin2, dram: dramAddress(loop.weights, element: element, bytes: elementBytes),
                                        local: UInt32(local), columns: J, rows: K, memory)
                    }
                }
            }
        }
    }

    private func convolutionCompute(_ plan: ConvolutionPlan, _ memory: GuestMemory) throws(GemminiFault) {
        let loop = plan.loop, flags = plan.flags
        let image = plan.ds(plan.irows) * plan.ds(plan.icols)
        if flags.transposeInput3120 {
            let (rs1, rs2) = GemminiCommandWords.configExecuteStrides(aStride: image, cStride: loop.outputRows * loop.outputColumns)
            try issue(GemminiFunct.config, rs1, rs2, memory)
        }
        let dilation = flags.inputDilated ? 1 : 0
        for och in stride(from: 0, to: plan.ochs, by: dim) {
            let J = min(dim, plan.ochs - och)
            for krow in 0..<loop.kernelRows {
                for kcol in stride(from: 0, to: loop.kernelColumns, by: flags.maxPixelsPerRow) {
                    let pixels = min(flags.maxPixelsPerRow, loop.kernelColumns - kcol)
                    for kch in stride(from: 0, to: plan.kchs, by: dim) {
                        let K = pixels * min(dim, plan.kchs - kch)
                        let weightsLocal = UInt32(plan.weightRow(och: och, krow: krow, kcol: kcol, kch: kch))
                        var newWeights = true
                        for b in stride(from: 0, to: loop.batches, by: flags.transposeInput3120 ? dim : 1) {
                            for orow in 0..<loop.outputRows {
                                let irow = orow * loop.stride + krow * loop.kernelDilation
                                if flags.inputDilated && (irow - loop.upperPad) % 2 != 0 { continue }
                                for ocol in stride(from: 0, to: loop.outputColumns, by: flags.transposeInput3120 ? 1 : dim << dilation) {
                                    var I = min(dim << dilation, loop.outputColumns - ocol)
                                    var firstColumn = ocol
                                    var icol = ocol * loop.stride + kcol * loop.kernelDilation
                                    if flags.inputDilated {
                                        // Only every other output column meets an input pixel here.
                                        if (icol - loop.leftPad) % 2 != 0 { firstColumn += 1; icol += 1; I -= 1 }
                                        I = (I + 1) / 2
                                        if I <= 0 { continue }
                                    }
                                    let position = plan.ds(plan.undilated(irow)) * plan.ds(plan.icols) + plan.ds(plan.undilated(icol))
                                    let C = plan.outputStart + UInt32(plan.accumulatorRow(och, b, orow, firstColumn))
                                    let rows = flags.transposeInput3120 ? min(dim, loop.batches - b) : I
                                    // The preload describes the stored weight block: K rows of J output
                                    // channels, or for trans_weight_0132 (read with config_ex's B
                                    // transpose) J rows of K input channels.
                                    let (storedColumns, storedRows) = flags.transposeWeight0132 ? (K, J) : (J, K)
                                    try issuePreload(newWeights ? weightsLocal : LocalAddress.garbage.raw,
                                                     columns: storedColumns, rows: storedRows,
                                                     output: C, outputColumns: J, outputRows: rows, memory)
                                    if flags.transposeInput3120 {
                                        // Channel-major input: A is read transposed, one stored row per channel
                                        // (config_ex A stride = one image), holding DIM batches.
                                        let A = plan.aStart + (b / dim) * plan.ichs * image + kch * image + position
                                        try issueCompute(newWeights: newWeights, a: UInt32(A), columns: rows, rows: K,
                                                         d: LocalAddress.garbage.raw, dColumns: J, dRows: rows, memory)
                                    } else {
                                        let A = plan.aStart + (kch / dim) * loop.batches * image + b * image + position
                                        try issueCompute(newWeights: newWeights, a: UInt32(A), columns: K, rows: rows,
                                                         d: LocalAddress.garbage.raw, dColumns: J, dRows: rows, memory)
                                    }
                                    newWeights = false
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func convolutionOutput(_ plan: ConvolutionPlan, _ memory: GuestMemory) throws(GemminiFault) {
        let loop = plan.loop, flags = plan.flags
        let elementBytes = Arithmetic.elementBytes
        let storeStride = UInt64(loop.outStride * elementBytes)
        if flags.noPool {
            for b in 0..<loop.batches {
                for orow in 0..<loop.outputRows {
                    for ocol in stride(from: 0, to: loop.outputColumns, by: dim) {
                        let I = min(dim, loop.outputColumns - ocol)
                        for och in stride(from: 0, to: plan.ochs, by: dim) {
                            let J = min(dim, plan.ochs - och)
                            let element = flags.transposeOutput1203
                                ? ((orow &* loop.outColDim &+ ocol) &* loop.batchSize &+ b) &* loop.outChannels &+ och
                                : ((b &* loop.outRowDim &+ orow) &* loop.outColDim &+ ocol) &* loop.outStride &+ och
                            try issueMoveOut(dram: dramAddress(loop.output, element: element, bytes: elementBytes),
                                             local: plan.outputStart + UInt32(plan.accumulatorRow(och, b, orow, ocol)),
                                             columns: J, rows: I, memory)
                        }
                    }
                }
            }
            return
        }
        let pool = PoolConfiguration(
            stride: loop.poolStride, size: loop.poolSize, upperPad: loop.poolUpperPad, leftPad: loop.poolLeftPad,
            outputDim: loop.poolOutColDim, pooledRows: loop.pooledRows, pooledColumns: loop.pooledColumns,
            rows: loop.outputRows, columns: loop.outputColumns)
        let (activation, scale) = (store.activation, store.scale)
        let (poolRS1, poolRS2) = GemminiCommandWords.configStore(stride: storeStride, activation: activation, scale: scale, pool: pool)
        try issue(GemminiFunct.config, poolRS1, poolRS2, memory)
        for b in 0..<loop.batches {
            for poch in stride(from: 0, to: loop.pooledChannels, by: dim) {
                let channels = min(dim, loop.pooledChannels - poch)
                let element = b &* loop.poolOutRowDim &* loop.poolOutColDim &* loop.outStride &+ poch
                try issueMoveOut(dram: dramAddress(loop.output, element: element, bytes: elementBytes),
                                 local: plan.outputStart + UInt32(plan.accumulatorRow(poch, b, 0, 0)), columns: channels, rows: 0, memory)
            }
        }
        let (rs1, rs2) = GemminiCommandWords.configStore(stride: storeStride, activation: activation, scale: scale)
        try issue(GemminiFunct.config, rs1, rs2, memory)
    }
}

/// The derived sizes and scratchpad/accumulator placement of one loop_conv_ws.
struct ConvolutionPlan {
    let loop: LoopConvolutionRegisters
    let flags: LoopConvolutionFlags
    let dim: Int
    let ochs, ichs, kchs: Int
    let irows, icols, irowsUnpadded, icolsUnpadded: Int
    let aStart, bStart: Int
    let scratchpadRows: Int
    var biasStart: UInt32 = 0
    var outputStart: UInt32 = 0

    init(loop: LoopConvolutionRegisters, flags: LoopConvolutionFlags, dim: Int, scratchpadRows: Int) {
        self.loop = loop
        self.flags = flags
        self.dim = dim
        self.scratchpadRows = scratchpadRows
        ochs = loop.pooledChannels
        kchs = loop.kernelChannels
        ichs = kchs
        let dilatedRows = loop.kernelRows + (loop.kernelDilation - 1) * (loop.kernelRows - 1)
        let dilatedColumns = loop.kernelColumns + (loop.kernelDilation - 1) * (loop.kernelColumns - 1)
        var rows = loop.outputRows * loop.stride + dilatedRows - 1
        var columns = loop.outputColumns * loop.stride + dilatedColumns - 1
        var unpaddedRows = rows - loop.upperPad - loop.lowerPad
        var unpaddedColumns = columns - loop.leftPad - loop.rightPad
        if flags.inputDilated {
            unpaddedRows = (unpaddedRows + 1) / 2
            unpaddedColumns = (unpaddedColumns + 1) / 2
            rows = unpaddedRows + (loop.upperPad + 1) / 2 + (loop.lowerPad + 1) / 2
            columns = unpaddedColumns + (loop.leftPad + 1) / 2 + (loop.rightPad + 1) / 2
        }
        irows = rows
        icols = columns
        irowsUnpadded = unpaddedRows
        icolsUnpadded = unpaddedColumns
        aStart = flags.aSpadID == 2 ? scratchpadRows / 2 : 0
        let weightRows = flags.transposeWeight0132
            ? saturatingProduct((kchs + dim - 1) / dim, loop.kernelColumns, loop.kernelRows, ochs)
            : saturatingProduct((ochs + dim - 1) / dim, loop.kernelColumns, loop.kernelRows, kchs)
        bStart = (flags.bSpadID == 1 ? scratchpadRows / 2 : scratchpadRows) &- weightRows
    }

    @inline(__always) func ds(_ x: Int) -> Int { flags.downsample ? x >> 1 : x }
    @inline(__always) func undilated(_ x: Int) -> Int { flags.inputDilated ? (x + 1) / 2 : x }

    func accumulatorRow(_ och: Int, _ b: Int, _ orow: Int, _ ocol: Int) -> Int {
        let image = loop.outputRows * loop.outputColumns
        return (och / dim) * loop.batches * image + b * image + orow * loop.outputColumns + ocol
    }

    func weightRow(och: Int, krow: Int, kcol: Int, kch: Int) -> Int {
        let kernel = loop.kernelRows * loop.kernelColumns
        return flags.transposeWeight0132
            ? bStart + (kch / dim) * kernel * ochs + krow * loop.kernelColumns * ochs + kcol * ochs + och
            : bStart + (och / dim) * kernel * kchs + krow * loop.kernelColumns * kchs + kcol * kchs + kch
    }

    /// The tile must fit: input rows below the weights, outputs in half the accumulator.
    func check(accumulatorRows: Int) throws(GemminiFault) {
        let channelBlocks = flags.transposeInput3120 ? (loop.batches + dim - 1) / dim * ichs : (ichs + dim - 1) / dim * loop.batches
        let inputRows = saturatingProduct(channelBlocks, ds(irows), ds(icols))
        guard loop.batches > 0, loop.outputRows > 0, loop.outputColumns > 0, ochs > 0, kchs > 0, loop.kernelRows > 0, loop.kernelColumns > 0 else {
            throw GemminiFault("loop_conv_ws with an empty tile (batches \(loop.batches), output \(loop.outputRows)x\(loop.outputColumns), channels \(kchs)->\(ochs), kernel \(loop.kernelRows)x\(loop.kernelColumns))")
        }
        guard bStart >= 0, aStart + inputRows <= bStart else {
            throw GemminiFault("loop_conv_ws tile needs \(inputRows) input rows from row \(aStart) and weights from row \(bStart); they overlap or do not fit the scratchpad (\(scratchpadRows) rows)")
        }
        // wrot180 flips kernel positions within kernel_dim: the tile's kernel must fit in it.
        guard !flags.rotate180 || (loop.kernelRows <= loop.kernelDim && loop.kernelColumns <= loop.kernelDim) else {
            throw GemminiFault("loop_conv_ws with wrot180 has a \(loop.kernelRows)x\(loop.kernelColumns) kernel tile larger than kernel_dim \(loop.kernelDim)")
        }
        let outputRows = saturatingProduct((ochs + dim - 1) / dim, loop.batches, loop.outputRows, loop.outputColumns)
        guard outputRows <= accumulatorRows / 2 else {
            throw GemminiFault("loop_conv_ws tile needs \(outputRows) accumulator rows (at most \(accumulatorRows / 2))")
        }
    }
}

/// A DRAM address `element` elements from `base`, wrapping like the hardware's adders: a
/// nonsensical offset from malformed loop fields becomes an address outside memory, which the
/// DMA reports as a fault, instead of trapping the simulator.
@inline(__always)
func dramAddress(_ base: UInt64, element: Int, bytes: Int) -> UInt64 {
    base &+ UInt64(bitPattern: Int64(element &* bytes))
}

/// A product of sizes that saturates at Int.max instead of trapping (the fields are 16-bit, so
/// products of four can overflow); a saturated size never fits and is reported as such.
func saturatingProduct(_ factors: Int...) -> Int {
    var product = 1
    for factor in factors {
        let (result, overflow) = product.multipliedReportingOverflow(by: max(0, factor))
        if overflow { return .max }
        product = result
    }
    return product
}
