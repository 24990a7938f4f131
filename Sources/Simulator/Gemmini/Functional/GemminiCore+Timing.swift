extension GemminiCore {
    func enableTiming(_ parameters: GemminiTimingParameters, memory: MemorySystem) {
        timing = GemminiTimingModel(parameters: parameters, memory: memory, configuration: configuration)
    }

    /// The counts so far; the high-water marks start again from this snapshot.
    func takeTimingSnapshot() -> GemminiTimingStatistics? {
        guard let timing else { return nil }
        let snapshot = timing.statistics
        timing.statistics.scratchpadRowsUsedSinceSnapshot = 0
        timing.statistics.accumulatorRowsUsedSinceSnapshot = 0
        return snapshot
    }

    func acceleratorFeedback(cycles: UInt64) -> AcceleratorFeedback? {
        timing?.feedback(configuration: configuration, cycles: cycles)
    }

    /// Describes a command for the cycle model, from its words and the configuration it will
    /// run with. Called before the command takes effect (a compute needs its pending preload).
    func timedCommand(_ funct: UInt8, _ rs1: UInt64, _ rs2: UInt64) -> TimedCommand {
        switch funct {
        case GemminiFunct.config:
            switch rs1 & 3 {
            case 0: return TimedCommand(kind: .configExecute)
            case 1: return TimedCommand(kind: .configLoad)
            default: return TimedCommand(kind: .configStore)
            }
        case GemminiFunct.mvin, GemminiFunct.mvin2, GemminiFunct.mvin3:
            let load = loads[funct == GemminiFunct.mvin ? 0 : funct == GemminiFunct.mvin2 ? 1 : 2]
            let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
            let blocks = max(1, dividedByDim(operand.columns + dim - 1))
            let wide = operand.address.isAccumulator && !load.shrink
            let shape = LoadShape(
                address: rs1, stride: load.dramStride, rows: operand.rows,
                rowBytes: operand.columns * (wide ? 4 : Arithmetic.elementBytes), blocks: blocks,
                scaled: configuration.arithmetic == .int8 && !wide && load.scale != 1)
            return TimedCommand(kind: .load(shape), rangeA: LocalRange(operand.address, rows: (blocks - 1) * load.blockStride + operand.rows))
        case GemminiFunct.mvout:
            let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
            let blocks = max(1, dividedByDim(operand.columns + dim - 1))
            let fullWidth = operand.address.isAccumulator && operand.address.readsFullWidth
            let pool = store.pool
            if pool.stride != 0 {
                // Pooling reads each window position's row; the range runs to the end of the bank.
                let pixels = pool.pooledRows * pool.pooledColumns
                let shape = StoreShape(
                    address: rs1, stride: store.dramStride, reads: pixels * pool.size * pool.size, rows: pixels,
                    rowBytes: operand.columns * Arithmetic.elementBytes, fromAccumulator: operand.address.isAccumulator)
                let bankRows = operand.address.isAccumulator ? configuration.accumulatorBankRows : configuration.scratchpadBankRows
                let bankEnd = (operand.address.row / bankRows + 1) * bankRows
                return TimedCommand(kind: .store(shape), rangeA: LocalRange(operand.address, rows: bankEnd - operand.address.row))
            }
            let shape = StoreShape(
                address: rs1, stride: store.dramStride, reads: operand.rows * blocks, rows: operand.rows,
                rowBytes: operand.columns * (fullWidth ? 4 : Arithmetic.elementBytes), fromAccumulator: operand.address.isAccumulator)
            return TimedCommand(kind: .store(shape), rangeA: LocalRange(operand.address, rows: (blocks - 1) * dim + operand.rows))
        case GemminiFunct.preload:
            let operand = MatrixOperand(rs1, rowBits: rowBits, columnBits: rowBits)
            let output = MatrixOperand(rs2, rowBits: rowBits, columnBits: rowBits)
            let newWeights = !operand.address.isGarbage || !execute.weightStationary
            return TimedCommand(
                kind: .preload(newWeights: newWeights, weightBank: bank(of: operand.address)),
                rangeA: LocalRange(output.address, rows: output.rows * max(1, execute.cStride)),
                rangeB: LocalRange(operand.address, rows: operand.rows))
        case GemminiFunct.computePreloaded, GemminiFunct.computeAccumulated:
            let a = MatrixOperand(rs1, rowBits: rowBits, columnBits: rowBits)
            let d = MatrixOperand(rs2, rowBits: rowBits, columnBits: rowBits)
            let aRows = a.address.isGarbage ? 1 : a.rows
            let dRows = d.address.isGarbage ? 1 : d.rows
            let aBank = bank(of: a.address)
            let (rows, inner) = execute.aTranspose ? (a.columns, a.rows) : (a.rows, a.columns)
            let outputColumns = pendingPreload.map { $0.output.isGarbage ? 0 : $0.outputColumns } ?? 0
            let shape = ComputeShape(
                reuseRows: max(aRows, dRows), bankConflict: ScratchpadBank.conflict(aBank, bank(of: d.address)), aBank: aBank,
                macs: a.address.isGarbage ? 0 : UInt64(rows * inner * outputColumns),
                hasOutput: pendingPreload.map { !$0.output.isGarbage } ?? false, hasPreload: pendingPreload != nil)
            let aSpan = (execute.aTranspose ? a.columns : a.rows) * max(1, execute.aStride)
            return TimedCommand(kind: .compute(shape), rangeA: LocalRange(a.address, rows: aSpan), rangeB: LocalRange(d.address, rows: d.rows))
        case GemminiFunct.storeSpad:
            let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
            let shape = StoreShape(address: 0, stride: 0, reads: operand.rows, rows: 0, rowBytes: 0, fromAccumulator: true)
            return TimedCommand(kind: .store(shape), rangeA: LocalRange(operand.address, rows: operand.rows))
        case GemminiFunct.loopWS, GemminiFunct.loopConvWS,
             GemminiFunct.loopWSConfigBounds...GemminiFunct.loopWSConfigStridesDC,
             GemminiFunct.loopConvWSConfig1...GemminiFunct.loopConvWSConfig6,
             GemminiFunct.loopWSConfigSpadAB, GemminiFunct.loopWSConfigSpadC:
            return TimedCommand(kind: .loopControl)
        default:
            return TimedCommand(kind: .frontEndOnly)
        }
    }

    /// The bank an operand is read from, for conflict checks.
    @inline(__always)
    private func bank(of address: LocalAddress) -> Int {
        if address.isGarbage { return ScratchpadBank.none }
        if address.isAccumulator { return ScratchpadBank.accumulator }
        return Self.quotient(address.row, scratchpadBankRows, shift: scratchpadBankShift)
    }

    /// `value / dim`.
    @inline(__always)
    private func dividedByDim(_ value: Int) -> Int {
        Self.quotient(value, dim, shift: dimShift)
    }

    /// `value / divisor`, by `shift` when it is not -1 (see `shift(dividingBy:)`).
    @inline(__always)
    private static func quotient(_ value: Int, _ divisor: Int, shift: Int) -> Int {
        shift >= 0 && value >= 0 ? value >> shift : value / divisor
    }
}
