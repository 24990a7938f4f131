extension GemminiCore {
    /// mvin / mvin2 / mvin3 (gemmini-reference.md 3.5): rows of DRAM into the scratchpad or the
    /// accumulator, columns beyond DIM going to further blocks `blockStride` rows apart.
    func moveIn(_ rs1: UInt64, _ rs2: UInt64, state: Int, memory: GuestMemory) throws(GemminiFault) {
        let load = loads[state]
        let operand = MatrixOperand(rs2, rowBits: rowBits, columnBits: transferColumnBits)
        let name = ["mvin", "mvin2", "mvin3"][state]
        let destination = operand.address
        guard !destination.isGarbage, operand.rows > 0, operand.columns > 0 else { return }
        guard operand.rows <= dim else { throw GemminiFault("\(name) of \(operand.rows) rows exceeds DIM (\(dim))") }
        let source = rs1
        if destination.isAccumulator {
            guard operand.columns <= dim * configuration.maxBlockLengthAccumulator else {
                throw GemminiFault("\(name) of \(operand.columns) columns into the accumulator exceeds \(dim * configuration.maxBlockLengthAccumulator)")
            }
            try moveIntoAccumulator(source, destination, operand.rows, operand.columns, load, name: name, memory: memory)
        } else {
            guard operand.columns <= dim * configuration.maxBlockLength else {
                throw GemminiFault("\(name) of \(operand.columns) columns exceeds MAX_BLOCK_LEN x DIM (\(dim * configuration.maxBlockLength))")
            }
            try moveIntoScratchpad(source, destination, operand.rows, operand.columns, load, name: name, memory: memory)
        }
    }

    private func moveIntoScratchpad(
        _ source: UInt64, _ destination: LocalAddress, _ rows: Int, _ columns: Int, _ load: LoadConfiguration,
        name: String, memory: GuestMemory
    ) throws(GemminiFault) {
        let elementBytes = Arithmetic.elementBytes
        for r in 0..<rows {
            // DRAM address 0 writes zeros without touching memory.
            let row: UnsafeMutableRawPointer? = source == 0 ? nil
                : try dram(source &+ UInt64(r) &* load.dramStride, columns * elementBytes, memory: memory, for: name)
            if row != nil { dmaBytesRead &+= UInt64(columns * elementBytes) }
            var block = 0
            while block * dim < columns {
                let count = min(dim, columns - block * dim)
                let target = scratchpadRow(destination.row + r + block * load.blockStride)
                if let row {
                    let from = row + block * dim * elementBytes
                    if load.scale == 1 {
                        UnsafeMutableRawPointer(target).copyMemory(from: from, byteCount: count * elementBytes)
                    } else {
                        for c in 0..<count { target[c] = Arithmetic.scale(Arithmetic.loadElement(from + c * elementBytes), by: load.scale) }
                    }
                } else {
                    target.update(repeating: Arithmetic.zeroElement, count: count)
                }
                block += 1
            }
            if load.pixelRepeats > 1 { repeatPixels(destination.row + r, columns: min(columns, dim), repeats: load.pixelRepeats) }
        }
    }

    /// First-layer optimization: the row's values are also written to the `repeats - 1` rows
    /// before it, each shifted right by another `columns` columns (not below row 0).
    private func repeatPixels(_ row: Int, columns: Int, repeats: Int) {
        let source = scratchpadRow(row)
        for q in 1..<repeats where row - q >= 0 {
            let target = scratchpadRow(row - q)
            for c in 0..<columns where c + q * columns < dim { target[c + q * columns] = source[c] }
        }
    }

    private func moveIntoAccumulator(
        _ source: UInt64, _ destination: LocalAddress, _ rows: Int, _ columns: Int, _ load: LoadConfiguration,
        name: String, memory: GuestMemory
    ) throws(GemminiFault) {
        // Without shrink, DRAM holds accumulator-width values; with it, elements to widen.
        let valueBytes = load.shrink ? Arithmetic.elementBytes : 4
        for r in 0..<rows {
            let row: UnsafeMutableRawPointer? = source == 0 ? nil
                : try dram(source &+ UInt64(r) &* load.dramStride, columns * valueBytes, memory: memory, for: name)
            if row != nil { dmaBytesRead &+= UInt64(columns * valueBytes) }
            for c in 0..<columns {
                var value = Arithmetic.zeroAccumulator
                if let row {
                    let from = row + c * valueBytes
                    value = load.shrink ? Arithmetic.widen(Arithmetic.loadElement(from), scale: load.scale)
                        : Arithmetic.scaleWide(Arithmetic.loadAccumulator(from), by: load.scale)
                }
                let target = accumulatorRow(destination.row + r + (c / dim) * load.blockStride) + c % dim
                target.pointee = destination.accumulates ? Arithmetic.add(target.pointee, value) : value
            }
        }
    }
}
