extension GemminiCore {
    /// preload (gemmini-reference.md 3.7): remembers the B/D operand and the output C for the next compute.
    func preload(_ rs1: UInt64, _ rs2: UInt64) {
        let operand = MatrixOperand(rs1, rowBits: rowBits, columnBits: rowBits)
        let output = MatrixOperand(rs2, rowBits: rowBits, columnBits: rowBits)
        pendingPreload = PendingPreload(
            operand: operand.address, operandRows: operand.rows, operandColumns: operand.columns,
            output: output.address, outputRows: output.rows, outputColumns: output.columns)
    }

    /// compute_preloaded (new weights / new PE contents) and compute_accumulated.
    func compute(_ rs1: UInt64, _ rs2: UInt64, newWeights: Bool) throws(GemminiFault) {
        let a = MatrixOperand(rs1, rowBits: rowBits, columnBits: rowBits)
        let secondOperand = MatrixOperand(rs2, rowBits: rowBits, columnBits: rowBits)
        // RTL: a compute without its own preload produces no output.
        let preload = pendingPreload
        pendingPreload = nil
        if a.rows > dim || a.columns > dim || secondOperand.rows > dim || secondOperand.columns > dim {
            throw GemminiFault("compute operands of \(a.rows) x \(a.columns) and \(secondOperand.rows) x \(secondOperand.columns) exceed DIM (\(dim))")
        }
        if let preload, preload.outputRows > dim || preload.outputColumns > dim || preload.operandRows > dim || preload.operandColumns > dim {
            throw GemminiFault("preload of \(preload.operandRows) x \(preload.operandColumns) with output \(preload.outputRows) x \(preload.outputColumns) exceeds DIM (\(dim))")
        }
        if execute.weightStationary {
            weightStationary(a: a, bias: secondOperand, preload: preload, newWeights: newWeights)
        } else {
            outputStationary(a: a, b: secondOperand, preload: preload, newPartialSums: newWeights)
        }
    }

    // MARK: Weight-stationary

    private func weightStationary(a: MatrixOperand, bias: MatrixOperand, preload: PendingPreload?, newWeights: Bool) {
        if newWeights, let preload {
            // The preloaded block becomes the weights W (transposed with b_transpose; zeros if garbage).
            let rows = preload.operand.isGarbage ? 0 : preload.operandRows
            fill(weights, from: preload.operand, rows: rows, columns: preload.operandColumns, stride: 1, transpose: execute.bTranspose)
            weightRows = rows == 0 ? 0 : execute.bTranspose ? preload.operandColumns : rows
        }
        // A(i, k) = row aStride*i, column k of the operand (a_transpose: row aStride*k, column i).
        fill(aTile, from: a.address, rows: a.address.isGarbage ? 0 : a.rows, columns: a.columns, stride: execute.aStride, transpose: execute.aTranspose)
        let innerLimit = a.address.isGarbage ? 0 : execute.aTranspose ? a.rows : a.columns
        guard let preload, !preload.output.isGarbage, preload.outputRows > 0 else { return }
        // D: the bias rows, zero-padded (most computes have none: share a zero tile).
        let biasRows = bias.address.isGarbage ? 0 : bias.rows
        if biasRows > 0 { fill(biasTile, from: bias.address, rows: biasRows, columns: bias.columns, stride: 1, transpose: false) }
        Arithmetic.weightStationary(
            a: aTile, weights: weights, bias: biasRows > 0 ? biasTile : zeroTile, output: outputTile, rows: preload.outputRows,
            innerLimit: min(innerLimit, weightRows), dim: dim)
        let bits = configuration.partialSumBits
        for i in 0..<preload.outputRows {
            let address = preload.output.advanced(by: execute.cStride * i)
            let results = outputTile + i * dim
            if address.isAccumulator {
                let target = accumulatorRow(address.row)
                if address.accumulates {
                    for j in 0..<preload.outputColumns { target[j] = Arithmetic.add(target[j], Arithmetic.arrayResult(results[j], partialSumBits: bits)) }
                } else {
                    for j in 0..<preload.outputColumns { target[j] = Arithmetic.arrayResult(results[j], partialSumBits: bits) }
                }
            } else {
                let target = scratchpadRow(address.row)
                let relu = execute.activation == 1
                for j in 0..<preload.outputColumns {
                    target[j] = Arithmetic.narrowArrayOutput(Arithmetic.arrayResult(results[j], partialSumBits: bits), relu: relu)
                }
            }
        }
    }

    /// Fills a DIM x DIM Float workspace with an operand block (zero elsewhere): stored row r
    /// is local row `stride * r`; with `transpose`, stored (r, c) goes to (c, r).
    private func fill(_ tile: UnsafeMutablePointer<Float>, from address: LocalAddress, rows: Int, columns: Int, stride: Int, transpose: Bool) {
        // A full block overwrites every entry; anything smaller is zero-padded.
        if rows < dim || columns < dim { tile.update(repeating: 0, count: dim * dim) }
        for r in 0..<rows {
            let row = address.advanced(by: stride * r)
            if !row.isAccumulator && !transpose {
                let source = scratchpadRow(row.row), target = tile + r * dim
                for c in 0..<columns { target[c] = Arithmetic.workspaceValue(source[c]) }
            } else {
                for c in 0..<columns {
                    let value = operandValue(row, c)
                    if transpose { tile[c * dim + r] = value } else { tile[r * dim + c] = value }
                }
            }
        }
    }

    /// An array input read from the scratchpad, or from the accumulator (scaled by config_ex's
    /// scale and activation, as the execute unit reads it).
    @inline(__always) private func operandValue(_ address: LocalAddress, _ column: Int) -> Float {
        Arithmetic.workspaceValue(operandElement(address, column))
    }

    @inline(__always) private func operandElement(_ address: LocalAddress, _ column: Int) -> Element {
        if address.isAccumulator {
            return Arithmetic.narrow(accumulatorRow(address.row)[column], scale: execute.accumulatorScale, relu: execute.activation == 1)
        }
        return scratchpadRow(address.row)[column]
    }

    /// Writes one array result: to the accumulator (overwriting or adding), or to the
    /// scratchpad (narrowed, then activated).
    private func writeArrayOutput(_ value: Accumulator, to address: LocalAddress, column: Int) {
        if address.isAccumulator {
            let target = accumulatorRow(address.row) + column
            target.pointee = address.accumulates ? Arithmetic.add(target.pointee, value) : value
        } else {
            scratchpadRow(address.row)[column] = Arithmetic.narrowArrayOutput(value, relu: execute.activation == 1)
        }
    }

    // MARK: Output-stationary

    private func outputStationary(a: MatrixOperand, b: MatrixOperand, preload: PendingPreload?, newPartialSums: Bool) {
        let tile = dim * dim
        if newPartialSums {
            // The preloaded D becomes the PE contents (zeros if garbage or absent).
            processingElements.update(repeating: Arithmetic.zeroAccumulator, count: tile)
            if let preload, !preload.operand.isGarbage {
                for r in 0..<preload.operandRows {
                    for c in 0..<preload.operandColumns {
                        processingElements[r * dim + c] = Arithmetic.accumulatorFromElement(operandElement(preload.operand.advanced(by: r), c))
                    }
                }
            }
        }
        aElements.update(repeating: Arithmetic.zeroElement, count: tile)
        if !a.address.isGarbage {
            for r in 0..<a.rows {
                let row = a.address.advanced(by: execute.aStride * r)
                for c in 0..<a.columns {
                    let value = operandElement(row, c)
                    if execute.aTranspose { aElements[c * dim + r] = value } else { aElements[r * dim + c] = value }
                }
            }
        }
        bElements.update(repeating: Arithmetic.zeroElement, count: tile)
        if !b.address.isGarbage {
            for r in 0..<b.rows {
                for c in 0..<b.columns {
                    let value = operandElement(b.address.advanced(by: r), c)
                    if execute.bTranspose { bElements[c * dim + r] = value } else { bElements[r * dim + c] = value }
                }
            }
        }
        Arithmetic.outputStationary(a: aElements, b: bElements, pe: processingElements, dim: dim)
        guard let preload, !preload.output.isGarbage else { return }
        for i in 0..<preload.outputRows {
            for j in 0..<preload.outputColumns {
                let result = Arithmetic.shiftedOutput(
                    processingElements[i * dim + j], shift: execute.inShift, partialSumBits: configuration.partialSumBits)
                writeArrayOutput(result, to: preload.output.advanced(by: execute.cStride * i), column: j)
            }
        }
    }
}
