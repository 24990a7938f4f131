// Hand-written arithmetic vectors from the IEEE-754 and RISC-V rules, independent of the host:
// NaN canonicalization and invalid cases, signs of zero, divide by zero, overflow per rounding
// mode, underflow, and ties in RMM.
import Testing
@testable import Simulator

@Suite("F/D arithmetic spec vectors")
struct FloatArithmeticVectorTests {
    static let nx = FPFlag.inexact, uf = FPFlag.underflow, of = FPFlag.overflow
    static let dz = FPFlag.divideByZero, nv = FPFlag.invalid

    typealias Op32 = (UInt32, UInt32, UInt32, FPRoundingMode, inout UInt8) -> UInt32
    typealias Op64 = (UInt64, UInt64, UInt64, FPRoundingMode, inout UInt8) -> UInt64

    static func op32(_ op: FPArithmeticOp) -> Op32 {
        switch op {
        case .add: { a, b, _, rm, f in FP32.add(a, b, rm, &f) }
        case .sub: { a, b, _, rm, f in FP32.sub(a, b, rm, &f) }
        case .mul: { a, b, _, rm, f in FP32.mul(a, b, rm, &f) }
        case .div: { a, b, _, rm, f in FP32.div(a, b, rm, &f) }
        case .sqrt: { a, _, _, rm, f in FP32.sqrt(a, rm, &f) }
        case .fma: { a, b, c, rm, f in FP32.fusedMultiplyAdd(a, b, c, rm, &f) }
        }
    }

    static func op64(_ op: FPArithmeticOp) -> Op64 {
        switch op {
        case .add: { a, b, _, rm, f in FP64.add(a, b, rm, &f) }
        case .sub: { a, b, _, rm, f in FP64.sub(a, b, rm, &f) }
        case .mul: { a, b, _, rm, f in FP64.mul(a, b, rm, &f) }
        case .div: { a, b, _, rm, f in FP64.div(a, b, rm, &f) }
        case .sqrt: { a, _, _, rm, f in FP64.sqrt(a, rm, &f) }
        case .fma: { a, b, c, rm, f in FP64.fusedMultiplyAdd(a, b, c, rm, &f) }
        }
    }

    /// Checks one binary32 vector (operand bit patterns) in the given modes (all five by default).
    func v32(_ op: FPArithmeticOp, _ operands: [UInt32], _ result: UInt32, _ flags: UInt8,
             modes: [FPRoundingMode] = fpAllRoundingModes, sourceLocation: SourceLocation = #_sourceLocation) {
        let x = operands + [0, 0]
        for rm in modes {
            var f: UInt8 = 0
            let got = Self.op32(op)(x[0], x[1], x[2], rm, &f)
            #expect(got == result && f == flags,
                    "f32 \(op)(\(operands.map { fpHex(UInt64($0)) })) rm=\(rm): got \(fpHex(UInt64(got))) flags \(f)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Same, with Float operands.
    func f32(_ op: FPArithmeticOp, _ operands: [Float], _ result: UInt32, _ flags: UInt8,
             modes: [FPRoundingMode] = fpAllRoundingModes, sourceLocation: SourceLocation = #_sourceLocation) {
        v32(op, operands.map(\.bitPattern), result, flags, modes: modes, sourceLocation: sourceLocation)
    }

    func v64(_ op: FPArithmeticOp, _ operands: [UInt64], _ result: UInt64, _ flags: UInt8,
             modes: [FPRoundingMode] = fpAllRoundingModes, sourceLocation: SourceLocation = #_sourceLocation) {
        let x = operands + [0, 0]
        for rm in modes {
            var f: UInt8 = 0
            let got = Self.op64(op)(x[0], x[1], x[2], rm, &f)
            #expect(got == result && f == flags,
                    "f64 \(op)(\(operands.map { fpHex($0) })) rm=\(rm): got \(fpHex(got)) flags \(f)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Same, with Double operands.
    func d64(_ op: FPArithmeticOp, _ operands: [Double], _ result: UInt64, _ flags: UInt8,
             modes: [FPRoundingMode] = fpAllRoundingModes, sourceLocation: SourceLocation = #_sourceLocation) {
        v64(op, operands.map(\.bitPattern), result, flags, modes: modes, sourceLocation: sourceLocation)
    }

    @Test("NaNs: canonical result, invalid only for signaling NaNs and invalid operations")
    func nans() {
        let qNaN32: UInt32 = 0x7fc0_1234, sNaN32: UInt32 = 0xff80_0001, nan32 = FP32.canonicalNaN
        let nv = Self.nv
        let one32 = Float(1).bitPattern, inf32 = Float.infinity.bitPattern, zero32: UInt32 = 0
        for op in [FPArithmeticOp.add, .sub, .mul, .div] {
            v32(op, [qNaN32, one32], nan32, 0)
            v32(op, [one32, qNaN32], nan32, 0)
            v32(op, [sNaN32, one32], nan32, nv)
            v32(op, [qNaN32, sNaN32], nan32, nv)
        }
        v32(.sqrt, [qNaN32], nan32, 0)
        v32(.sqrt, [sNaN32], nan32, nv)
        v32(.fma, [qNaN32, one32, one32], nan32, 0)
        v32(.fma, [one32, one32, qNaN32], nan32, 0)
        v32(.fma, [one32, one32, sNaN32], nan32, nv)
        v32(.fma, [zero32, inf32, qNaN32], nan32, nv)  // RISC-V: 0 × inf invalid even with a quiet NaN addend
        v32(.fma, [inf32 | 1 << 31, zero32, qNaN32], nan32, nv)
        v32(.fma, [qNaN32, zero32, inf32], nan32, 0)
        // Invalid operations.
        f32(.add, [Float.infinity, -Float.infinity], nan32, nv)
        f32(.sub, [Float.infinity, Float.infinity], nan32, nv)
        f32(.mul, [Float(0), -Float.infinity], nan32, nv)
        f32(.div, [Float(0), Float(-0.0)], nan32, nv)
        f32(.div, [Float.infinity, -Float.infinity], nan32, nv)
        f32(.sqrt, [Float(-1)], nan32, nv)
        f32(.sqrt, [-Float.leastNonzeroMagnitude], nan32, nv)
        f32(.sqrt, [-Float.infinity], nan32, nv)
        f32(.fma, [Float.infinity, Float(1), -Float.infinity], nan32, nv)
        f32(.fma, [Float(0), Float.infinity, Float(1)], nan32, nv)
        let nan64 = FP64.canonicalNaN
        v64(.add, [0x7ff0_0000_0000_0001, 0], nan64, nv)
        v64(.mul, [0x7ff8_0000_0000_0001, 0x7ff0_0000_0000_0000], nan64, 0)
        d64(.div, [Double.infinity, Double.infinity], nan64, nv)
        d64(.sqrt, [-2.0], nan64, nv)
        d64(.fma, [Double.infinity, 0, Double.nan], nan64, nv)
        d64(.fma, [Double.infinity, 2, -Double.infinity], nan64, nv)
    }

    @Test("Signs of zero, infinities and division by zero")
    func zerosAndInfinities() {
        let allButDown: [FPRoundingMode] = [.nearestEven, .towardZero, .up, .nearestMaxMagnitude]
        // x + (−x) and ±0 + ∓0 are +0, except −0 when rounding down.
        f32(.add, [Float(0), Float(-0.0)], 0, 0, modes: allButDown)
        f32(.add, [Float(0), Float(-0.0)], 0x8000_0000, 0, modes: [.down])
        f32(.add, [Float(-0.0), Float(-0.0)], 0x8000_0000, 0)
        f32(.sub, [Float(0), Float(0)], 0, 0, modes: allButDown)
        f32(.sub, [Float(0), Float(0)], 0x8000_0000, 0, modes: [.down])
        f32(.sub, [Float(-0.0), Float(0)], 0x8000_0000, 0)
        f32(.add, [Float(1.5), Float(-1.5)], 0, 0, modes: allButDown)
        f32(.add, [Float(1.5), Float(-1.5)], 0x8000_0000, 0, modes: [.down])
        d64(.sub, [3.25, 3.25], 0, 0, modes: allButDown)
        d64(.sub, [3.25, 3.25], 1 << 63, 0, modes: [.down])
        d64(.fma, [2.0, 3.0, -6.0], 0, 0, modes: allButDown)
        d64(.fma, [2.0, 3.0, -6.0], 1 << 63, 0, modes: [.down])
        d64(.fma, [-0.0, 3.0, 0.0], 0, 0, modes: allButDown)  // −0 + +0
        d64(.fma, [-0.0, 3.0, 0.0], 1 << 63, 0, modes: [.down])
        d64(.fma, [-0.0, 3.0, -0.0], 1 << 63, 0)  // −0 + −0
        d64(.fma, [0x1p-600, 0x1p-600, -0.0], 0, Self.uf | Self.nx, modes: [.nearestEven])  // tiny + −0: sign of product
        d64(.fma, [0, 5.0, 7.0], 7.0.bitPattern, 0)  // 0·x + c = c exactly
        f32(.mul, [Float(-0.0), Float(5)], 0x8000_0000, 0)
        f32(.sqrt, [Float(-0.0)], 0x8000_0000, 0)
        d64(.sqrt, [-0.0], 1 << 63, 0)
        d64(.sqrt, [Double.infinity], Double.infinity.bitPattern, 0)
        // Division by zero only for finite nonzero dividends.
        f32(.div, [Float(1), Float(0)], Float.infinity.bitPattern, Self.dz)
        f32(.div, [Float(-1), Float(0)], (-Float.infinity).bitPattern, Self.dz)
        f32(.div, [Float(1), Float(-0.0)], (-Float.infinity).bitPattern, Self.dz)
        f32(.div, [Float.leastNonzeroMagnitude, Float(0)], Float.infinity.bitPattern, Self.dz)
        f32(.div, [Float.infinity, Float(0)], Float.infinity.bitPattern, 0)
        f32(.div, [Float(0), Float(3)], 0, 0)
        f32(.div, [Float(3), -Float.infinity], 0x8000_0000, 0)
        d64(.div, [-7.0, 0.0], (-Double.infinity).bitPattern, Self.dz)
        // Infinite operands are exact.
        f32(.add, [Float.infinity, Float(-1e30)], Float.infinity.bitPattern, 0)
        f32(.mul, [-Float.infinity, Float(-2)], Float.infinity.bitPattern, 0)
        d64(.fma, [Double.infinity, 2, Double.infinity], Double.infinity.bitPattern, 0)
        d64(.fma, [2, 3, -Double.infinity], (-Double.infinity).bitPattern, 0)
    }

    @Test("Overflow results depend on the rounding mode")
    func overflow() {
        let max32 = Float.greatestFiniteMagnitude.bitPattern, inf32 = Float.infinity.bitPattern
        let flags = Self.of | Self.nx
        f32(.mul, [Float.greatestFiniteMagnitude, Float(2)], inf32, flags, modes: [.nearestEven, .nearestMaxMagnitude, .up])
        f32(.mul, [Float.greatestFiniteMagnitude, Float(2)], max32, flags, modes: [.towardZero, .down])
        f32(.mul, [-Float.greatestFiniteMagnitude, Float(2)], inf32 | 1 << 31, flags, modes: [.nearestEven, .nearestMaxMagnitude, .down])
        f32(.mul, [-Float.greatestFiniteMagnitude, Float(2)], max32 | 1 << 31, flags, modes: [.towardZero, .up])
        f32(.add, [Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude], max32, flags, modes: [.towardZero])
        // Just below the RNE overflow threshold max + ulp/2: rounds to max, inexact only.
        f32(.add, [Float.greatestFiniteMagnitude, Float(0x1p103).nextDown], max32, Self.nx, modes: [.nearestEven, .nearestMaxMagnitude, .towardZero, .down])
        f32(.add, [Float.greatestFiniteMagnitude, Float(0x1p103)], inf32, flags, modes: [.nearestEven, .nearestMaxMagnitude])
        f32(.add, [Float.greatestFiniteMagnitude, Float(0x1p103)], max32, Self.nx, modes: [.towardZero, .down])  // no overflow: RTZ of the unbounded result is max
        let max64 = Double.greatestFiniteMagnitude.bitPattern, inf64 = Double.infinity.bitPattern
        d64(.div, [Double.greatestFiniteMagnitude, 0.5], inf64, flags, modes: [.nearestEven, .up])
        d64(.div, [Double.greatestFiniteMagnitude, 0.5], max64, flags, modes: [.towardZero, .down])
        d64(.fma, [0x1p600, 0x1p600, -1.0], max64, flags, modes: [.towardZero, .down])
        d64(.fma, [0x1p600, -0x1p600, 1.0], max64 | 1 << 63, flags, modes: [.towardZero, .up])
        d64(.fma, [0x1p600, -0x1p600, 1.0], inf64 | 1 << 63, flags, modes: [.down, .nearestEven])
    }

    @Test("Underflow: tiny after rounding and inexact")
    func underflow() {
        let ufnx = Self.uf | Self.nx
        // Exact subnormal results raise nothing.
        f32(.mul, [Float.leastNormalMagnitude, Float(0.5)], 0x0040_0000, 0)
        f32(.sub, [Float.leastNormalMagnitude, Float.leastNonzeroMagnitude], 0x007f_ffff, 0)
        d64(.div, [0x1p-1022, 4.0], 0x0004_0000_0000_0000, 0)
        // Half the smallest subnormal: a tie between 0 and 2^-149.
        f32(.mul, [Float.leastNonzeroMagnitude, Float(0.5)], 0, ufnx, modes: [.nearestEven, .towardZero, .down])
        f32(.mul, [Float.leastNonzeroMagnitude, Float(0.5)], 1, ufnx, modes: [.up, .nearestMaxMagnitude])
        f32(.mul, [-Float.leastNonzeroMagnitude, Float(0.5)], 0x8000_0001, ufnx, modes: [.down, .nearestMaxMagnitude])
        f32(.mul, [-Float.leastNonzeroMagnitude, Float(0.5)], 0x8000_0000, ufnx, modes: [.up, .nearestEven, .towardZero])
        d64(.div, [0x1p-1074, 3.0], 1, ufnx, modes: [.up])
        d64(.div, [0x1p-1074, 3.0], 0, ufnx, modes: [.nearestEven, .nearestMaxMagnitude, .down, .towardZero])
        // 2^-126·(1 − 2^-24) is representable with 24 bits, hence tiny, and rounds to 2^-126 in RNE.
        f32(.mul, [Float.leastNormalMagnitude, Float(1).nextDown], 0x0080_0000, ufnx, modes: [.nearestEven, .nearestMaxMagnitude, .up])
        f32(.mul, [Float.leastNormalMagnitude, Float(1).nextDown], 0x007f_ffff, ufnx, modes: [.towardZero, .down])
        // (1 + 2^-23)·(2^-126 − 2^-149) = 2^-126 − 2^-172 rounds to 2^-126 even with an unbounded
        // exponent, so it is not tiny in the modes that round it up; rounded down it is tiny.
        for op in [FPArithmeticOp.mul, .fma] {
            v32(op, [0x3f80_0001, 0x007f_ffff, 0x8000_0000], 0x0080_0000, Self.nx, modes: [.nearestEven, .nearestMaxMagnitude, .up])
            v32(op, [0x3f80_0001, 0x007f_ffff, 0x8000_0000], 0x007f_ffff, ufnx, modes: [.towardZero, .down])
            v64(op, [0x3ff0_0000_0000_0001, 0x000f_ffff_ffff_ffff, 1 << 63], 0x0010_0000_0000_0000, Self.nx, modes: [.nearestEven, .nearestMaxMagnitude, .up])
            v64(op, [0x3ff0_0000_0000_0001, 0x000f_ffff_ffff_ffff, 1 << 63], 0x000f_ffff_ffff_ffff, ufnx, modes: [.towardZero, .down])
        }
        // The same boundary approached through an FMA with a nonzero addend.
        d64(.fma, [0x1p-511, 0x1p-511, -0x1p-1074], 0x000f_ffff_ffff_ffff, 0, modes: [.nearestEven, .nearestMaxMagnitude, .up, .towardZero, .down])
    }

    @Test("RMM rounds ties away from zero; other modes as specified")
    func ties() {
        // 1 + 2^-24 is halfway between 1 and 1 + 2^-23.
        let results: [(FPRoundingMode, UInt32)] = [
            (.nearestEven, 0x3f80_0000), (.towardZero, 0x3f80_0000), (.down, 0x3f80_0000),
            (.up, 0x3f80_0001), (.nearestMaxMagnitude, 0x3f80_0001),
        ]
        for (rm, bits) in results {
            f32(.add, [Float(1), Float(0x1p-24)], bits, Self.nx, modes: [rm])
            f32(.fma, [Float(1), Float(1), Float(0x1p-24)], bits, Self.nx, modes: [rm])
            let mirrored: FPRoundingMode = rm == .up ? .down : rm == .down ? .up : rm
            f32(.sub, [Float(-1), Float(0x1p-24)], bits | 1 << 31, Self.nx, modes: [mirrored])
        }
        // 1 + 3·2^-24 is halfway between 1 + 2^-23 and 1 + 2^-22: RNE goes up to the even one.
        f32(.add, [Float(1), Float(0x1.8p-23)], 0x3f80_0002, Self.nx, modes: [.nearestEven, .nearestMaxMagnitude, .up])
        d64(.add, [1.0, 0x1p-53], 1.0.bitPattern, Self.nx, modes: [.nearestEven])
        d64(.add, [1.0, 0x1p-53], Double(1).nextUp.bitPattern, Self.nx, modes: [.nearestMaxMagnitude])
        d64(.mul, [Double(1).nextUp, 0x1.8p0], 0x3ff8_0000_0000_0002, Self.nx, modes: [.nearestMaxMagnitude])  // (1+2^-52)·1.5
        d64(.mul, [Double(1).nextUp, 0x1.8p0], 0x3ff8_0000_0000_0002, Self.nx, modes: [.nearestEven])
        d64(.mul, [Double(1).nextUp, -0x1.8p0], 0xbff8_0000_0000_0001, Self.nx, modes: [.towardZero, .up])
        // Square roots are never ties; exact roots raise nothing.
        d64(.sqrt, [2.25], 1.5.bitPattern, 0)
        f32(.sqrt, [Float(0x1p-148)], Float(0x1p-74).bitPattern, 0)
        d64(.sqrt, [2.0], 0x3ff6_a09e_667f_3bcd, Self.nx, modes: [.nearestEven, .up, .nearestMaxMagnitude])
        d64(.sqrt, [2.0], 0x3ff6_a09e_667f_3bcc, Self.nx, modes: [.towardZero, .down])
    }
}
