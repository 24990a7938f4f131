/// Encodes the commands the loop unrollers issue, with the same bit layouts as gemmini.h
/// (gemmini-reference.md 1.3), so unrolled and hand-written commands share one decoder.
enum GemminiCommandWords {
    /// rows [63:48], cols [47:32], local address [31:0]. Counts are truncated to their 16-bit
    /// fields rather than trapping: a nonsensical count from a malformed loop then reaches the
    /// command's own checks and stops the run with a fault instead of killing the process.
    @inline(__always) static func operand(_ address: UInt32, columns: Int, rows: Int) -> UInt64 {
        (UInt64(truncatingIfNeeded: rows) & 0xFFFF) << 48 | (UInt64(truncatingIfNeeded: columns) & 0xFFFF) << 32 | UInt64(address)
    }

    static func configLoad(stride: UInt64, scale: Float = 1, shrink: Bool = false, blockStride: Int, pixelRepeats: Int = 1, state: Int) -> (UInt64, UInt64) {
        let rs1 = UInt64(scale.bitPattern) << 32 | UInt64(blockStride & 0xFFFF) << 16 | UInt64(pixelRepeats & 0xFF) << 8
            | UInt64(state) << 3 | (shrink ? 4 : 0) | 1
        return (rs1, stride)
    }

    static func configStore(stride: UInt64, activation: Int, scale: Float, pool: PoolConfiguration? = nil) -> (UInt64, UInt64) {
        var rs1 = UInt64(activation & 3) << 2 | 2
        if let pool {
            rs1 |= UInt64(pool.columns & 0xFF) << 56 | UInt64(pool.rows & 0xFF) << 48 | UInt64(pool.pooledColumns & 0xFF) << 40
                | UInt64(pool.pooledRows & 0xFF) << 32 | UInt64(pool.outputDim & 0xFF) << 24 | UInt64(pool.leftPad & 3) << 10
                | UInt64(pool.upperPad & 3) << 8 | UInt64(pool.size & 3) << 6 | UInt64(pool.stride & 3) << 4
        }
        return (rs1, UInt64(scale.bitPattern) << 32 | (stride & 0xFFFF_FFFF))
    }

    /// config_ex with set_only_strides: only the A and C strides change.
    static func configExecuteStrides(aStride: Int, cStride: Int) -> (UInt64, UInt64) {
        (UInt64(aStride & 0xFFFF) << 16 | 0x80, UInt64(cStride & 0xFFFF) << 48)
    }
}

extension GemminiCore {
    /// Issues one unrolled command through the normal command path (and, when cycles are
    /// modelled, records it for the loop's issue schedule). The model is only compared with
    /// nil here: binding it would retain and release it for every command.
    @inline(__always)
    func issue(_ funct: UInt8, _ rs1: UInt64, _ rs2: UInt64, _ memory: GuestMemory) throws(GemminiFault) {
        if timing != nil {
            var command = timedCommand(funct, rs1, rs2)
            command.loopTag = currentLoopTag
            unrolledCommands.append(command)
        }
        _ = try perform(funct, rs1, rs2, memory: memory)
    }

    func issueMoveIn(_ funct: UInt8, dram: UInt64, local: UInt32, columns: Int, rows: Int, _ memory: GuestMemory) throws(GemminiFault) {
        try issue(funct, dram, GemminiCommandWords.operand(local, columns: columns, rows: rows), memory)
    }

    func issueMoveOut(dram: UInt64, local: UInt32, columns: Int, rows: Int, _ memory: GuestMemory) throws(GemminiFault) {
        try issue(GemminiFunct.mvout, dram, GemminiCommandWords.operand(local, columns: columns, rows: rows), memory)
    }

    func issuePreload(_ operand: UInt32, columns: Int, rows: Int, output: UInt32, outputColumns: Int, outputRows: Int, _ memory: GuestMemory) throws(GemminiFault) {
        try issue(GemminiFunct.preload,
                  GemminiCommandWords.operand(operand, columns: columns, rows: rows),
                  GemminiCommandWords.operand(output, columns: outputColumns, rows: outputRows), memory)
    }

    func issueCompute(newWeights: Bool, a: UInt32, columns: Int, rows: Int, d: UInt32, dColumns: Int, dRows: Int, _ memory: GuestMemory) throws(GemminiFault) {
        try issue(newWeights ? GemminiFunct.computePreloaded : GemminiFunct.computeAccumulated,
                  GemminiCommandWords.operand(a, columns: columns, rows: rows),
                  GemminiCommandWords.operand(d, columns: dColumns, rows: dRows), memory)
    }
}
