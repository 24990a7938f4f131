import Testing
@testable import Simulator

/// The accelerator's number rules at their edges (gemmini-reference.md 3.2, 3.3).
@Suite("Gemmini numerics")
struct GemminiNumericsTests {
    @Test("mvin scaling rounds half to even and saturates to int8", arguments: [
        (Int8(5), Float(0.5), Int8(2)),     // 2.5 -> 2
        (Int8(7), Float(0.5), Int8(4)),     // 3.5 -> 4
        (Int8(-5), Float(0.5), Int8(-2)),   // -2.5 -> -2
        (Int8(-1), Float(0.5), Int8(0)),    // -0.5 -> 0
        (Int8(3), Float(0.5), Int8(2)),     // 1.5 -> 2
        (Int8(100), Float(2), Int8(127)),   // 200 saturates
        (Int8(-100), Float(2), Int8(-128)), // -200 saturates
        (Int8(100), Float.infinity, Int8(127)),
        (Int8(-3), Float.infinity, Int8(-128)),
        (Int8(9), Float.nan, Int8(0)),      // a NaN scale produces 0, not a trap
        (Int8(-128), Float(1), Int8(-128)), // identity scale passes through
    ])
    func mvinScale(input: Int8, scale: Float, expected: Int8) {
        #expect(Int8Arithmetic.scale(input, by: scale) == expected)
        #expect(Int8Arithmetic.widen(input, scale: scale) == Int32(expected))
    }

    @Test("mvout from the accumulator: ReLU, then the fp32 scale, then round-half-even saturation")
    func accumulatorOutput() {
        #expect(Int8Arithmetic.narrow(5, scale: 0.5, relu: false) == 2)
        #expect(Int8Arithmetic.narrow(7, scale: 0.5, relu: false) == 4)
        #expect(Int8Arithmetic.narrow(1000, scale: 1, relu: false) == 127)
        #expect(Int8Arithmetic.narrow(-1000, scale: 1, relu: false) == -128)
        #expect(Int8Arithmetic.narrow(Int32.min, scale: 1, relu: false) == -128)
        // ReLU comes before the scale (RTL order): with a negative scale a negative input gives 0, not a positive value.
        #expect(Int8Arithmetic.narrow(-5, scale: -1, relu: true) == 0)
        #expect(Int8Arithmetic.narrow(-5, scale: -1, relu: false) == 5)
        // float32(x) of an int32 above 2^24 rounds to nearest even before scaling.
        #expect(Int8Arithmetic.narrow(16_777_217, scale: 1.0 / 16_777_216, relu: false) == 1)
        #expect(Int8Arithmetic.narrow(50_331_649, scale: 1.0 / 16_777_216, relu: false) == 3)
        // 2^24 + 1 becomes 2^24 in fp32, so times 2^-25 it is exactly the tie 0.5 -> 0; exact
        // (double) arithmetic would give 0.50000003 -> 1.
        #expect(Int8Arithmetic.narrow(16_777_217, scale: 0x1p-25, relu: false) == 0)
    }

    @Test("Array results: int20 partial sums wrap; scratchpad writes saturate, then ReLU")
    func arrayOutput() {
        #expect(Int8Arithmetic.arrayResult(524_287, partialSumBits: 20) == 524_287)
        #expect(Int8Arithmetic.arrayResult(524_288, partialSumBits: 20) == -524_288)
        #expect(Int8Arithmetic.arrayResult(-524_289, partialSumBits: 20) == 524_287)
        #expect(Int8Arithmetic.narrowArrayOutput(300, relu: false) == 127)
        #expect(Int8Arithmetic.narrowArrayOutput(-300, relu: false) == -128)
        #expect(Int8Arithmetic.narrowArrayOutput(-300, relu: true) == 0)
        #expect(Int8Arithmetic.add(Int32.max, 1) == Int32.min)
    }

    @Test("Output-stationary rounding right shift: ties to even, then int20 clipping", arguments: [
        (Int32(5), 1, Int32(2)), (Int32(7), 1, Int32(4)), (Int32(-5), 1, Int32(-2)), (Int32(-7), 1, Int32(-4)),
        (Int32(6), 2, Int32(2)), (Int32(10), 2, Int32(2)), (Int32(11), 2, Int32(3)), (Int32(9), 0, Int32(9)),
        (Int32(1 << 21), 0, Int32(524_287)), (Int32(-(1 << 21)), 0, Int32(-524_288)),
    ])
    func roundingShift(value: Int32, shift: Int, expected: Int32) {
        #expect(Int8Arithmetic.shiftedOutput(value, shift: shift, partialSumBits: 20) == expected)
    }

    @Test("FP32 ReLU keeps -0.0 and positive NaN; negative values and negative NaN become +0")
    func floatReLU() {
        #expect(Float32Arithmetic.relu(-0.0).bitPattern == (-0.0 as Float).bitPattern)
        #expect(Float32Arithmetic.relu(-1.5).bitPattern == (0.0 as Float).bitPattern)
        #expect(Float32Arithmetic.relu(.nan).isNaN)
        #expect(Float32Arithmetic.relu(Float(bitPattern: 0xFFC0_0000)).bitPattern == 0)
        #expect(Float32Arithmetic.relu(.infinity) == .infinity)
        #expect(Float32Arithmetic.relu(-.infinity).bitPattern == 0)
        // Scaling is a plain fp32 multiply with no saturation; a negative scale negates.
        #expect(Float32Arithmetic.narrow(3, scale: -1, relu: false) == -3)
        #expect(Float32Arithmetic.narrow(.greatestFiniteMagnitude, scale: 2, relu: false) == .infinity)
    }

    @Test("FP32 array: one rounding per multiply-add, in k order, over all DIM rows")
    func floatFusedChain() {
        let dim = 4
        var a = [Float](repeating: 0, count: dim * dim)
        var w = [Float](repeating: 0, count: dim * dim)
        var bias = [Float](repeating: 0, count: dim * dim)
        var out = [Float](repeating: 0, count: dim * dim)
        // (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly with a fused multiply-add; a separate
        // multiply would round the product to 1 + 2^-11 and lose the 2^-24.
        let x: Float = 1 + 0x1p-12
        a[0] = x
        w[0] = x
        bias[0] = -1
        // -0.0 bias plus zero products: the chain over the zero padding yields +0.
        bias[1] = -0.0
        Float32Arithmetic.weightStationary(a: a, weights: w, bias: bias, output: &out, rows: dim, innerLimit: dim, dim: dim)
        #expect(out[0] == 0x1p-11 + 0x1p-24)
        #expect(out[1].bitPattern == (0.0 as Float).bitPattern)
        // NaN anywhere in the chain gives NaN.
        a[1] = .nan
        Float32Arithmetic.weightStationary(a: a, weights: w, bias: bias, output: &out, rows: dim, innerLimit: dim, dim: dim)
        #expect(out[0].isNaN)
    }

    @Test("int8 array: exact integer products through the Float workspace, zero rows skipped")
    func integerWeightStationary() {
        for dim in [4, 16, 32] {
            var a = [Float](repeating: 0, count: dim * dim)
            var w = [Float](repeating: 0, count: dim * dim)
            var bias = [Float](repeating: 0, count: dim * dim)
            var out = [Float](repeating: 0, count: dim * dim)
            var expected = [Int](repeating: 0, count: dim * dim)
            for index in 0..<(dim * dim) {
                a[index] = index % 5 == 0 ? -128 : Float(index % 7 - 3)
                w[index] = index % 3 == 0 ? -128 : Float((index * 5) % 11 - 5)
                bias[index] = Float(index % 9 - 4)
            }
            for i in 0..<dim {
                for j in 0..<dim {
                    var sum = Int(bias[i * dim + j])
                    for k in 0..<dim { sum += Int(a[i * dim + k]) * Int(w[k * dim + j]) }
                    expected[i * dim + j] = sum
                }
            }
            Int8Arithmetic.weightStationary(a: a, weights: w, bias: bias, output: &out, rows: dim, innerLimit: dim, dim: dim)
            #expect(out.map { Int($0) } == expected, "DIM \(dim)")
        }
    }

    @Test("Local addresses: the RTL's garbage test and row wrap-around")
    func localAddresses() {
        #expect(LocalAddress(UInt32(0xFFFF_FFFF)).isGarbage)
        // Garbage needs bits 31..29, bit 14 and all row bits; the bits between are ignored.
        #expect(LocalAddress(UInt32(0xE000_7FFF)).isGarbage)
        #expect(!LocalAddress(UInt32(0xE000_3FFF)).isGarbage)
        #expect(!LocalAddress(UInt32(0xC000_7FFF)).isGarbage)
        let accumulate = LocalAddress(UInt32(0xC000_0010))
        #expect(accumulate.isAccumulator && accumulate.accumulates && !accumulate.readsFullWidth && accumulate.row == 16)
        #expect(accumulate.advanced(by: 3).raw == 0xC000_0013)
    }
}
