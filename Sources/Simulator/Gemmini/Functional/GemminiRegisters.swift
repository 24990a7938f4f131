/// The accelerator's configuration registers (gemmini-reference.md sections 1.3 and 3.1).

/// Set by config_ex.
struct ExecuteConfiguration {
    var weightStationary = true
    var activation = 0
    /// OS only: rounding right shift of PE results.
    var inShift = 0
    /// Scale for execute reads from the accumulator.
    var accumulatorScale: Float = 1
    var aTranspose = false
    var bTranspose = false
    /// Scratchpad-row stride between consecutive rows of A fed to the array.
    var aStride = 1
    /// Row stride between consecutive output rows written to C.
    var cStride = 1
}

/// One of the three load-state sets (mvin, mvin2, mvin3), set by config_ld.
struct LoadConfiguration {
    var dramStride: UInt64 = 0
    var scale: Float = 1
    /// mvins into the accumulator read elements (not accumulator values) and widen them.
    var shrink = false
    /// Local rows between successive DIM-column blocks of a wide mvin.
    var blockStride = 0
    /// First-layer optimization: each value is also written to the previous rows, shifted.
    var pixelRepeats = 1
}

/// Max-pooling parameters of config_st (pooling is on while `stride != 0`).
struct PoolConfiguration {
    var stride = 0
    var size = 0
    var upperPad = 0
    var leftPad = 0
    var outputDim = 0
    var pooledRows = 0
    var pooledColumns = 0
    var rows = 0
    var columns = 0
}

/// Set by config_st.
struct StoreConfiguration {
    var dramStride: UInt64 = 0
    var activation = 0
    var scale: Float = 1
    var pool = PoolConfiguration()
}

/// What a preload left for the next compute.
struct PendingPreload {
    var operand = LocalAddress.garbage
    var operandRows = 0
    var operandColumns = 0
    var output = LocalAddress.garbage
    var outputRows = 0
    var outputColumns = 0
}

/// Operand fields shared by mvin, mvout, preload and compute: rows [63:48], cols [47:32], address [31:0].
struct MatrixOperand {
    var address: LocalAddress
    var rows: Int
    var columns: Int

    @inline(__always)
    init(_ value: UInt64, rowBits: Int, columnBits: Int) {
        address = LocalAddress(value)
        rows = Int((value >> 48) & ((1 << UInt64(rowBits)) - 1))
        columns = Int((value >> 32) & ((1 << UInt64(columnBits)) - 1))
    }
}

extension Float {
    /// An IEEE binary32 value from a field of a command word.
    @inline(__always) init(bitsOf value: UInt64, at shift: UInt64) {
        self.init(bitPattern: UInt32(truncatingIfNeeded: value >> shift))
    }
}

extension UInt64 {
    /// Bits [shift + width - 1 : shift] as an Int.
    @inline(__always) func field(_ shift: UInt64, _ width: UInt64) -> Int {
        Int((self >> shift) & ((1 << width) - 1))
    }
}
