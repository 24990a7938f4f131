extension GemminiCore {
    /// mvout (gemmini-reference.md 3.6): rows of the scratchpad (raw elements) or the
    /// accumulator (scaled and activated elements, or raw accumulator values with the
    /// full-width bit) to DRAM; with pooling configured, max-pooled output pixels.
    func moveOut(_ rs1: UInt64, _ rs2: UInt64, memory: GuestMemory) throws(GemminiFault) {
        let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
        let source = operand.address
        guard !source.isGarbage else { return }
        if store.pool.stride != 0 { return try moveOutPooled(rs1, source, channels: operand.columns, memory: memory) }
        guard operand.rows > 0, operand.columns > 0 else { return }
        guard operand.rows <= dim else { throw GemminiFault("mvout of \(operand.rows) rows exceeds DIM (\(dim))") }
        let fullWidth = source.isAccumulator && source.readsFullWidth
        if fullWidth && operand.columns > dim {
            throw GemminiFault("mvout of full-width accumulator rows takes at most DIM (\(dim)) columns, not \(operand.columns)")
        }
        guard operand.columns <= dim * configuration.maxBlockLength else {
            throw GemminiFault("mvout of \(operand.columns) columns exceeds MAX_BLOCK_LEN x DIM (\(dim * configuration.maxBlockLength))")
        }
        let valueBytes = fullWidth ? 4 : Arithmetic.elementBytes
        let relu = store.activation == 1
        for r in 0..<operand.rows {
            let target = try dram(rs1 &+ UInt64(r) &* store.dramStride, operand.columns * valueBytes, memory: memory, for: "mvout")
            dmaBytesWritten &+= UInt64(operand.columns * valueBytes)
            for c in 0..<operand.columns {
                // Blocks of a wide mvout are DIM rows apart (the block stride is fixed at DIM).
                let row = source.row + (c / dim) * dim + r
                let to = target + c * valueBytes
                if !source.isAccumulator {
                    Arithmetic.storeElement(scratchpadRow(row)[c % dim], to)
                } else if fullWidth {
                    Arithmetic.storeAccumulator(accumulatorRow(row)[c % dim], to)
                } else {
                    Arithmetic.storeElement(Arithmetic.narrow(accumulatorRow(row)[c % dim], scale: store.scale, relu: relu), to)
                }
            }
        }
    }

    /// Max pooling on the way out: for each pooled pixel and channel, the largest element of
    /// its window (positions outside the unpooled rows/columns count as 0).
    private func moveOutPooled(_ destination: UInt64, _ source: LocalAddress, channels: Int, memory: GuestMemory) throws(GemminiFault) {
        let pool = store.pool
        guard channels <= dim else { throw GemminiFault("pooled mvout of \(channels) channels exceeds DIM (\(dim))") }
        let relu = store.activation == 1
        let valueBytes = Arithmetic.elementBytes
        for pooledRow in 0..<pool.pooledRows {
            for pooledColumn in 0..<pool.pooledColumns {
                let pixel = UInt64(pooledRow * pool.outputDim + pooledColumn)
                let target = try dram(destination &+ pixel &* store.dramStride, channels * valueBytes, memory: memory, for: "pooled mvout")
                dmaBytesWritten &+= UInt64(channels * valueBytes)
                for channel in 0..<channels {
                    var best = Arithmetic.minimumElement
                    for windowRow in 0..<pool.size {
                        for windowColumn in 0..<pool.size {
                            let row = pooledRow * pool.stride + windowRow - pool.upperPad
                            let column = pooledColumn * pool.stride + windowColumn - pool.leftPad
                            var value = Arithmetic.zeroElement
                            if row >= 0 && row < pool.rows && column >= 0 && column < pool.columns {
                                let local = source.row + row * pool.columns + column
                                value = source.isAccumulator
                                    ? Arithmetic.narrow(accumulatorRow(local)[channel], scale: store.scale, relu: relu)
                                    : scratchpadRow(local)[channel]
                            }
                            best = Arithmetic.maximum(best, value)
                        }
                    }
                    Arithmetic.storeElement(best, target + channel * valueBytes)
                }
            }
        }
    }

    /// STORE_SPAD (RTL only): accumulator rows, scaled and activated as by mvout, into
    /// scratchpad rows `stride` apart.
    func storeToScratchpad(_ rs1: UInt64, _ rs2: UInt64) throws(GemminiFault) {
        let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
        let destination = LocalAddress(rs1)
        let stride = rs1.field(32, 32)
        guard operand.address.isAccumulator, !destination.isAccumulator, !destination.isGarbage else {
            throw GemminiFault("STORE_SPAD moves accumulator rows to scratchpad rows")
        }
        guard operand.rows <= dim, operand.columns <= dim else {
            throw GemminiFault("STORE_SPAD of \(operand.rows) x \(operand.columns) exceeds DIM (\(dim))")
        }
        for r in 0..<operand.rows {
            let from = accumulatorRow(operand.address.row + r)
            let to = scratchpadRow(destination.row + r * stride)
            for c in 0..<operand.columns {
                to[c] = Arithmetic.narrow(from[c], scale: store.scale, relu: store.activation == 1)
            }
        }
    }
}
