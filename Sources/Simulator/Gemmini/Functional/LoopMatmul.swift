/// The loop_ws configuration words (functs 9 to 13, and the RTL-only 24/25).
struct LoopMatmulRegisters {
    var blocksI = 0, blocksJ = 0, blocksK = 0
    var padI = 0, padJ = 0, padK = 0
    var a: UInt64 = 0, b: UInt64 = 0, d: UInt64 = 0, c: UInt64 = 0
    var aStride: UInt64 = 0, bStride: UInt64 = 0, dStride: UInt64 = 0, cStride: UInt64 = 0

    mutating func configure(_ funct: UInt8, _ rs1: UInt64, _ rs2: UInt64) {
        switch funct {
        case GemminiFunct.loopWSConfigBounds:
            blocksI = rs2.field(0, 16); blocksJ = rs2.field(16, 16); blocksK = rs2.field(32, 16)
            padI = rs1.field(0, 16); padJ = rs1.field(16, 16); padK = rs1.field(32, 16)
        case GemminiFunct.loopWSConfigAddressesAB: a = rs1; b = rs2
        case GemminiFunct.loopWSConfigAddressesDC: d = rs1; c = rs2
        case GemminiFunct.loopWSConfigStridesAB: aStride = rs1; bStride = rs2
        case GemminiFunct.loopWSConfigStridesDC: dStride = rs1; cStride = rs2
        default: break  // LOOP_WS_CONFIG_SPAD_AB/C: RTL-only placement hints with no functional effect here.
        }
    }
}

extension GemminiCore {
    /// loop_ws: the tiled matrix multiply unroller (Documentation/GemminiLoops.md).
    func runLoopMatmul(_ rs1: UInt64, _ rs2: UInt64, memory: GuestMemory) throws(GemminiFault) {
        let loop = loopMatmul
        let (I, J, K) = (loop.blocksI, loop.blocksJ, loop.blocksK)
        guard I > 0, J > 0, K > 0 else { return }
        let exAccumulate = rs1 & 1 != 0, fullC = rs1 & 2 != 0, lowD = rs1 & 4 != 0
        let aSpadID = rs1.field(18, 2), bSpadID = rs1.field(16, 2)
        let aTranspose = rs2 & 1 != 0, bTranspose = rs2 & 2 != 0, isResadd = rs2 & 4 != 0
        let half = scratchpadRows / 2
        // The last block of each dimension keeps DIM - pad valid rows/columns: at least one.
        guard loop.padI < dim, loop.padJ < dim, loop.padK < dim else {
            throw GemminiFault("loop_ws pads (\(loop.padI), \(loop.padJ), \(loop.padK)) must each be below DIM (\(dim))")
        }
        guard (I * K + K * J) * dim <= half, I * J * dim <= accumulatorRows / 2 else {
            throw GemminiFault("loop_ws tile of \(I)x\(J)x\(K) blocks needs \((I * K + K * J) * dim) scratchpad rows (at most \(half)) and \(I * J * dim) accumulator rows (at most \(accumulatorRows / 2))")
        }
        let elementBytes = UInt64(Arithmetic.elementBytes), accumulatorBytes: UInt64 = 4
        let aStart = aSpadID == 2 ? half : 0
        let bStart = (bSpadID == 2 ? scratchpadRows : half) - K * J * dim
        func rows(_ i: Int) -> Int { dim - (i == I - 1 ? loop.padI : 0) }
        func columns(_ j: Int) -> Int { dim - (j == J - 1 ? loop.padJ : 0) }
        func inner(_ k: Int) -> Int { dim - (k == K - 1 ? loop.padK : 0) }
        func accumulatorBlock(_ i: Int, _ j: Int) -> UInt32 { UInt32((i * J + j) * dim) }

        currentLoopTag = .none
        if isResadd {
            for i in 0..<I {
                for j in 0..<J {
                    let block = accumulatorBlock(i, j)
                    let offset = UInt64(i) &* loop.aStride &+ UInt64(j)
                    try issueMoveIn(GemminiFunct.mvin, dram: loop.a &+ offset &* UInt64(dim) &* elementBytes,
                                    local: 0x8000_0000 | block, columns: columns(j), rows: rows(i), memory)
                    let offsetB = UInt64(i) &* loop.bStride &+ UInt64(j)
                    try issueMoveIn(GemminiFunct.mvin2, dram: loop.b &+ offsetB &* UInt64(dim) &* elementBytes,
                                    local: 0xC000_0000 | block, columns: columns(j), rows: rows(i), memory)
                    let offsetC = UInt64(i) &* loop.cStride &+ UInt64(j)
                    try issueMoveOut(dram: loop.c &+ offsetC &* UInt64(dim) &* elementBytes,
                                     local: 0x8000_0000 | block, columns: columns(j), rows: rows(i), memory)
                }
            }
            return
        }

        currentLoopTag = .loadD
        if loop.d != 0 {
            let size = lowD ? elementBytes : accumulatorBytes
            for i in 0..<I {
                for j in 0..<J {
                    let offset = UInt64(i) &* loop.dStride &+ UInt64(j)
                    try issueMoveIn(GemminiFunct.mvin3, dram: loop.d &+ offset &* UInt64(dim) &* size,
                                    local: 0x8000_0000 | accumulatorBlock(i, j), columns: columns(j), rows: rows(i), memory)
                }
            }
        }
        let outputSize = fullC ? accumulatorBytes : elementBytes
        for k in 0..<K {
            for j in 0..<J {
                for i in 0..<I {
                    let aLocal = UInt32(aStart + (i * K + k) * dim)
                    let bLocal = UInt32(bStart + (k * J + j) * dim)
                    if j == 0 && loop.a != 0 {
                        currentLoopTag = .loadA(k: k, i: i)
                        let (row, column) = aTranspose ? (k, i) : (i, k)
                        try issueMoveIn(GemminiFunct.mvin, dram: loop.a &+ (UInt64(row) &* loop.aStride &+ UInt64(column)) &* UInt64(dim) &* elementBytes,
                                        local: aLocal, columns: aTranspose ? rows(i) : inner(k), rows: aTranspose ? inner(k) : rows(i), memory)
                    }
                    if i == 0 && loop.b != 0 {
                        currentLoopTag = .loadB(k: k, j: j)
                        let (row, column) = bTranspose ? (j, k) : (k, j)
                        try issueMoveIn(GemminiFunct.mvin2, dram: loop.b &+ (UInt64(row) &* loop.bStride &+ UInt64(column)) &* UInt64(dim) &* elementBytes,
                                        local: bLocal, columns: bTranspose ? inner(k) : columns(j), rows: bTranspose ? columns(j) : inner(k), memory)
                    }
                    // With a bias the rows already hold D; otherwise the first k overwrites
                    // unless the program asked to accumulate onto earlier tiles.
                    currentLoopTag = .execute(k: k, j: j, i: i)
                    let accumulate = k > 0 || exAccumulate || loop.d != 0
                    let output = (accumulate ? 0xC000_0000 : 0x8000_0000) | (fullC ? 0x2000_0000 : 0) | accumulatorBlock(i, j)
                    try issuePreload(i == 0 ? bLocal : LocalAddress.garbage.raw,
                                     columns: bTranspose ? inner(k) : columns(j), rows: bTranspose ? columns(j) : inner(k),
                                     output: output, outputColumns: columns(j), outputRows: rows(i), memory)
                    try issueCompute(newWeights: i == 0, a: aLocal,
                                     columns: aTranspose ? rows(i) : inner(k), rows: aTranspose ? inner(k) : rows(i),
                                     d: LocalAddress.garbage.raw, dColumns: columns(j), dRows: rows(i), memory)
                    if k == K - 1 && loop.c != 0 {
                        currentLoopTag = .storeC(i: i, j: j)
                        let offset = UInt64(i) &* loop.cStride &+ UInt64(j)
                        try issueMoveOut(dram: loop.c &+ offset &* UInt64(dim) &* outputSize,
                                         local: 0x8000_0000 | (fullC ? 0x2000_0000 : 0) | accumulatorBlock(i, j),
                                         columns: columns(j), rows: rows(i), memory)
                    }
                }
            }
        }
    }
}
