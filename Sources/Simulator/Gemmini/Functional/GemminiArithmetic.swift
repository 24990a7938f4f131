/// The number rules of one accelerator arithmetic (gemmini-reference.md sections 3.2, 3.3).
///
/// Scratchpad elements and accumulator values are stored in their natural Swift types. The
/// array's weight-stationary products are computed in a Float workspace: for int8 designs
/// every product and partial sum is an integer below 2^24, so Float arithmetic is exact and
/// vectorizes well; for fp32 designs it is the real arithmetic (a fused multiply-add chain).
protocol GemminiArithmetic {
    associatedtype Element
    associatedtype Accumulator

    static var zeroElement: Element { get }
    static var zeroAccumulator: Accumulator { get }
    /// The smallest element (start value of max pooling).
    static var minimumElement: Element { get }
    /// Bytes of an element in memory.
    static var elementBytes: Int { get }

    static func loadElement(_ p: UnsafeRawPointer) -> Element
    static func storeElement(_ value: Element, _ p: UnsafeMutableRawPointer)
    static func loadAccumulator(_ p: UnsafeRawPointer) -> Accumulator
    static func storeAccumulator(_ value: Accumulator, _ p: UnsafeMutableRawPointer)

    /// mvin into the scratchpad: scale an element.
    static func scale(_ x: Element, by scale: Float) -> Element
    /// mvin of an element into the accumulator ("shrink").
    static func widen(_ x: Element, scale: Float) -> Accumulator
    /// mvin of a full-width value into the accumulator.
    static func scaleWide(_ x: Accumulator, by scale: Float) -> Accumulator
    /// Accumulating writes.
    static func add(_ a: Accumulator, _ b: Accumulator) -> Accumulator
    /// mvout from the accumulator: activation, scale, then narrowing to an element.
    static func narrow(_ x: Accumulator, scale: Float, relu: Bool) -> Element
    /// Array results written to the scratchpad: narrowing, then activation.
    static func narrowArrayOutput(_ x: Accumulator, relu: Bool) -> Element
    static func maximum(_ a: Element, _ b: Element) -> Element

    /// Workspace conversions for the array.
    static func workspaceValue(_ x: Element) -> Float
    /// Converts an array result (partial sums of the configured width for int8) to an accumulator value.
    static func arrayResult(_ x: Float, partialSumBits: Int) -> Accumulator

    /// Weight-stationary product: for i < rows, j < dim,
    /// `output[i*dim+j] = bias[i*dim+j] + sum over k < dim of a[i*dim+k] * weights[k*dim+j]`,
    /// where zero rows of `a` beyond `innerLimit` columns contribute nothing.
    static func weightStationary(
        a: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, rows: Int, innerLimit: Int, dim: Int)

    /// Output-stationary product into the PE registers: `pe[i][j] += sum over k of a[i][k] * b[k][j]`.
    static func outputStationary(
        a: UnsafePointer<Element>, b: UnsafePointer<Element>, pe: UnsafeMutablePointer<Accumulator>, dim: Int)
    /// The output-stationary result of one PE: the rounding shift, then the array output width.
    static func shiftedOutput(_ x: Accumulator, shift: Int, partialSumBits: Int) -> Accumulator
    static func accumulatorFromElement(_ x: Element) -> Accumulator
}

/// int8 inputs, int32 accumulator, int20 partial sums (the default Gemmini).
enum Int8Arithmetic: GemminiArithmetic {
    static let zeroElement: Int8 = 0
    static let zeroAccumulator: Int32 = 0
    static let minimumElement: Int8 = .min
    static let elementBytes = 1

    @inline(__always) static func loadElement(_ p: UnsafeRawPointer) -> Int8 { p.load(as: Int8.self) }
    @inline(__always) static func storeElement(_ value: Int8, _ p: UnsafeMutableRawPointer) { p.storeBytes(of: value, as: Int8.self) }
    @inline(__always) static func loadAccumulator(_ p: UnsafeRawPointer) -> Int32 { p.loadUnaligned(as: Int32.self) }
    @inline(__always) static func storeAccumulator(_ value: Int32, _ p: UnsafeMutableRawPointer) { p.storeBytes(of: value, as: Int32.self) }

    /// Round half to even, saturating; NaN (from a NaN scale) becomes 0.
    @inline(__always) static func saturate(_ x: Float, low: Float, high: Float) -> Float {
        guard !x.isNaN else { return 0 }
        return min(max(x.rounded(.toNearestOrEven), low), high)
    }

    @inline(__always) static func scale(_ x: Int8, by scale: Float) -> Int8 {
        // The RTL skips the multiply for a scale of exactly 1.0; the result is the same.
        scale == 1 ? x : Int8(saturate(Float(x) * scale, low: -128, high: 127))
    }

    @inline(__always) static func widen(_ x: Int8, scale: Float) -> Int32 { Int32(self.scale(x, by: scale)) }
    /// The int8 design has no scaling unit for full-width accumulator mvins.
    @inline(__always) static func scaleWide(_ x: Int32, by scale: Float) -> Int32 { x }
    @inline(__always) static func add(_ a: Int32, _ b: Int32) -> Int32 { a &+ b }

    /// RTL order: ReLU, then the fp32 scale (float32(x) rounds to nearest even above 2^24), then clip.
    @inline(__always) static func narrow(_ x: Int32, scale: Float, relu: Bool) -> Int8 {
        let activated = relu ? max(x, 0) : x
        return Int8(saturate(Float(activated) * scale, low: -128, high: 127))
    }

    @inline(__always) static func narrowArrayOutput(_ x: Int32, relu: Bool) -> Int8 {
        let saturated = Int8(clamping: x)
        return relu ? max(saturated, 0) : saturated
    }

    @inline(__always) static func maximum(_ a: Int8, _ b: Int8) -> Int8 { max(a, b) }
    @inline(__always) static func workspaceValue(_ x: Int8) -> Float { Float(x) }

    /// Partial sums travel through the array in `partialSumBits` bits (two's complement wrap).
    @inline(__always) static func arrayResult(_ x: Float, partialSumBits: Int) -> Int32 {
        // The workspace holds exact integers of magnitude below 2^22 (DIM x 128 x 128 plus a
        // bias, for DIM up to 64). Adding 1.5 x 2^23 puts such an integer in the low mantissa
        // bits exactly, which is far cheaper than Swift's range-checked conversion.
        let integer = Int32(bitPattern: (x + 12_582_912).bitPattern) &- 0x4B40_0000
        let shift = Int32(32 - partialSumBits)
        return (integer << shift) >> shift
    }

    static func weightStationary(
        a: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, rows: Int, innerLimit: Int, dim: Int
    ) {
        if dim == 16 { return weightStationary16(a: a, weights: weights, bias: bias, output: output, rows: rows, innerLimit: innerLimit) }
        for i in 0..<rows {
            let out = output + i * dim
            out.update(from: bias + i * dim, count: dim)
            let row = a + i * dim
            for k in 0..<innerLimit {
                let value = row[k]
                // Inputs are mostly sparse 0/1 in the benchmarks; a zero contributes nothing.
                if value == 0 { continue }
                let weightRow = weights + k * dim
                for j in 0..<dim { out[j] += value * weightRow[j] }
            }
        }
    }

    /// The default design's 16-wide rows as SIMD vectors: one vector multiply-add per (i, k).
    private static func weightStationary16(
        a: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, rows: Int, innerLimit: Int
    ) {
        let weightRows = UnsafeRawPointer(weights)
        for i in 0..<rows {
            var sum = UnsafeRawPointer(bias + i * 16).loadUnaligned(as: SIMD16<Float>.self)
            let row = a + i * 16
            for k in 0..<innerLimit where row[k] != 0 {
                sum += SIMD16(repeating: row[k]) * weightRows.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
            }
            UnsafeMutableRawPointer(output + i * 16).storeBytes(of: sum, as: SIMD16<Float>.self)
        }
    }

    static func outputStationary(a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, pe: UnsafeMutablePointer<Int32>, dim: Int) {
        for i in 0..<dim {
            for k in 0..<dim {
                let value = Int32(a[i * dim + k])
                if value == 0 { continue }
                for j in 0..<dim { pe[i * dim + j] &+= value &* Int32(b[k * dim + j]) }
            }
        }
    }

    /// Rounding right shift, ties to even (RVV vxrm rne), then saturation to the array output width.
    @inline(__always) static func shiftedOutput(_ x: Int32, shift: Int, partialSumBits: Int) -> Int32 {
        var value = Int64(x)
        if shift > 0 {
            let shifted = value >> shift
            let half = (value >> (shift - 1)) & 1
            let sticky = (value & ((1 << (shift - 1)) - 1)) != 0 ? Int64(1) : 0
            value = shifted + (half & (sticky | (shifted & 1)))
        }
        let limit = Int64(1) << (partialSumBits - 1)
        return Int32(min(max(value, -limit), limit - 1))
    }

    @inline(__always) static func accumulatorFromElement(_ x: Int8) -> Int32 { Int32(x) }
}

/// IEEE binary32 everywhere (FP32DefaultConfig): plain fp32 multiplies for scaling, no
/// saturation, a fused multiply-add chain in k order in the array.
enum Float32Arithmetic: GemminiArithmetic {
    static let zeroElement: Float = 0
    static let zeroAccumulator: Float = 0
    static let minimumElement: Float = -.greatestFiniteMagnitude
    static let elementBytes = 4

    @inline(__always) static func loadElement(_ p: UnsafeRawPointer) -> Float { Float(bitPattern: p.loadUnaligned(as: UInt32.self)) }
    @inline(__always) static func storeElement(_ value: Float, _ p: UnsafeMutableRawPointer) { p.storeBytes(of: value.bitPattern, as: UInt32.self) }
    @inline(__always) static func loadAccumulator(_ p: UnsafeRawPointer) -> Float { loadElement(p) }
    @inline(__always) static func storeAccumulator(_ value: Float, _ p: UnsafeMutableRawPointer) { storeElement(value, p) }

    @inline(__always) static func scale(_ x: Float, by scale: Float) -> Float { x * scale }
    @inline(__always) static func widen(_ x: Float, scale: Float) -> Float { x * scale }
    @inline(__always) static func scaleWide(_ x: Float, by scale: Float) -> Float { x * scale }
    @inline(__always) static func add(_ a: Float, _ b: Float) -> Float { a + b }

    /// RTL ReLU: a negative non-zero value (including a negative-signed NaN) becomes +0;
    /// -0.0 and positive-signed NaN pass.
    @inline(__always) static func relu(_ x: Float) -> Float {
        x.sign == .minus && !x.isZero ? 0 : x
    }

    @inline(__always) static func narrow(_ x: Float, scale: Float, relu useReLU: Bool) -> Float {
        (useReLU ? relu(x) : x) * scale
    }

    @inline(__always) static func narrowArrayOutput(_ x: Float, relu useReLU: Bool) -> Float { useReLU ? relu(x) : x }
    @inline(__always) static func maximum(_ a: Float, _ b: Float) -> Float { a >= b ? a : b }
    @inline(__always) static func workspaceValue(_ x: Float) -> Float { x }
    @inline(__always) static func arrayResult(_ x: Float, partialSumBits: Int) -> Float { x }

    /// acc = bias, then acc = fma(a[i][k], w[k][j], acc) for every k in order (zero padding
    /// included, as the array computes all DIM rows; it can turn a -0 bias into +0).
    static func weightStationary(
        a: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, rows: Int, innerLimit: Int, dim: Int
    ) {
        for i in 0..<rows {
            for j in 0..<dim {
                var sum = bias[i * dim + j]
                for k in 0..<dim { sum = sum.addingProduct(a[i * dim + k], weights[k * dim + j]) }
                output[i * dim + j] = sum
            }
        }
    }

    static func outputStationary(a: UnsafePointer<Float>, b: UnsafePointer<Float>, pe: UnsafeMutablePointer<Float>, dim: Int) {
        for i in 0..<dim {
            for j in 0..<dim {
                var sum = pe[i * dim + j]
                for k in 0..<dim { sum = sum.addingProduct(a[i * dim + k], b[k * dim + j]) }
                pe[i * dim + j] = sum
            }
        }
    }

    /// In floating point the output-stationary shift multiplies by 2^-shift.
    @inline(__always) static func shiftedOutput(_ x: Float, shift: Int, partialSumBits: Int) -> Float {
        shift == 0 ? x : x * Float(sign: .plus, exponent: -shift, significand: 1)
    }

    @inline(__always) static func accumulatorFromElement(_ x: Float) -> Float { x }
}
