/// Where an explicit GEMM schedule keeps its operands: scratchpad rows of the A and B slots
/// (or resident panels) and accumulator rows of the output tiles.
struct GemmLayout: Sendable {
    /// Rows of one A slot (a ti x tk tile, or with reuse `a` the ti x NK panel) and of one B slot.
    var aSlotRows: Int, bSlotRows: Int
    /// Row distance between successive slots of A and of B.
    var aSlotStride: Int, bSlotStride: Int
    /// First row of B's slots.
    var bBase: Int
    /// Rows up to the end of A's last slot, and up to the end of B's last slot.
    var aRegionRows: Int, scratchpadEnd: Int
    /// Accumulator rows of one output region (ti x tj blocks).
    var accumulatorRegionRows: Int
    /// Blocks between rows of A blocks in a slot (tk, or NK in a panel); between rows of B
    /// blocks (tj); and rows of C blocks (tj).
    var aRowBlocks: Int, bRowBlocks: Int

    init(shape: GemmShape, schedule s: GemmSchedule) {
        let dim = shape.hardware.dim, half = shape.hardware.scratchpadRows / 2, bank = shape.hardware.bankRows
        aRowBlocks = s.reuse == .a ? shape.NK : s.tk
        bRowBlocks = s.tj
        aSlotRows = s.ti * aRowBlocks * dim
        bSlotRows = (s.reuse == .b ? shape.NK : s.tk) * s.tj * dim
        if s.spread {
            // One bank per slot when the slots fit a bank each, so loads of the next step
            // write a different bank than the one the array reads.
            aSlotStride = s.sbuf > 1 && aSlotRows <= bank ? bank : aSlotRows
            bSlotStride = s.sbuf > 1 && bSlotRows <= bank ? bank : bSlotRows
            bBase = half
        } else {
            aSlotStride = aSlotRows
            bSlotStride = bSlotRows
            bBase = s.sbuf * aSlotRows
        }
        aRegionRows = (s.sbuf - 1) * aSlotStride + aSlotRows
        scratchpadEnd = bBase + (s.sbuf - 1) * bSlotStride + bSlotRows
        accumulatorRegionRows = s.ti * s.tj * dim
    }
}
