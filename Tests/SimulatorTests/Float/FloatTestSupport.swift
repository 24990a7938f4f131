// Shared helpers of the F/D floating-point tests: a seeded generator, operand generators that
// stress the corner cases, and the comparison against the host reference (HostFloatReference).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HostFloatReference
@testable import Simulator

/// Soak runs: FP_TEST_SCALE=N multiplies the random-operand counts and FP_TEST_SEED=S changes
/// the seeds (both optional; the defaults keep the debug run short and deterministic).
enum FPTestSettings {
    static func environmentInteger(_ name: String) -> UInt64? {
        guard let text = getenv(name) else { return nil }
        return UInt64(String(cString: text))
    }
    static let scale = Int(environmentInteger("FP_TEST_SCALE") ?? 1)
    static let seed = environmentInteger("FP_TEST_SEED") ?? 0
}

/// Whether the host reference (x86-64 FPU) is available; the differential tests need it.
let fpHostReferenceAvailable = hfr_available() != 0

let fpAllRoundingModes: [FPRoundingMode] = [.nearestEven, .towardZero, .down, .up, .nearestMaxMagnitude]

/// SplitMix64: small, fast and deterministic.
struct FPTestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed ^ (FPTestSettings.seed &* 0x2545_f491_4f6c_dd1d) }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { below(denominator) < numerator }
    mutating func bool() -> Bool { next() & 1 != 0 }
}

/// binary32 / binary64 layout on UInt64 bit patterns, for building test operands.
struct FPTestFormat: Sendable {
    let fractionBits: Int
    let exponentBits: Int
    static let binary32 = FPTestFormat(fractionBits: 23, exponentBits: 8)
    static let binary64 = FPTestFormat(fractionBits: 52, exponentBits: 11)

    var bias: Int { (1 << (exponentBits - 1)) - 1 }
    var maxField: Int { (1 << exponentBits) - 1 }
    var fractionMask: UInt64 { (1 << UInt64(fractionBits)) - 1 }
    var signBit: UInt64 { 1 << UInt64(fractionBits + exponentBits) }
    var infinity: UInt64 { UInt64(maxField) << UInt64(fractionBits) }
    var quietNaN: UInt64 { infinity | 1 << UInt64(fractionBits - 1) }
    var signalingNaN: UInt64 { infinity | 1 }

    func make(negative: Bool, field: Int, fraction: UInt64) -> UInt64 {
        (negative ? signBit : 0) | UInt64(field) << UInt64(fractionBits) | (fraction & fractionMask)
    }
    func field(_ x: UInt64) -> Int { Int((x >> UInt64(fractionBits)) & UInt64(maxField)) }
    func isNaN(_ x: UInt64) -> Bool { x & ~signBit > infinity }
    /// 2^e as a bit pattern (normal range only).
    func power(_ e: Int) -> UInt64 { make(negative: false, field: e + bias, fraction: 0) }

    /// Special operands for the exhaustive grid (both signs of each).
    var specialMagnitudes: [UInt64] {
        let p = fractionBits + 1
        let one = power(0)
        var v: [UInt64] = [
            0,  // zero
            1, 2, 3,  // smallest subnormals
            fractionMask, fractionMask - 1, 1 << UInt64(fractionBits - 1),  // largest subnormals, half of min normal
            power(1 - bias), power(1 - bias) + 1, power(2 - bias) - 1,  // around the smallest normal
            one, one + 1, one - 1, power(1) - 1,  // 1, its neighbours, 2 − ulp
            power(0) | 1 << UInt64(fractionBits - 1),  // 1.5
            power(1) | 1 << UInt64(fractionBits - 1),  // 3
            power(-p),  // 2^-p: 1 + 2^-p is an exact tie
            power(-p) | 1 << UInt64(fractionBits - 1),  // 1.5 × 2^-p
            power(-p + 1),  // one ulp of 1
            power(p - 1), power(p) - 1,  // 2^(p−1) and 2^p − 1 (integral limits)
            power((bias - 1) / 2), power(-(bias - 1) / 2),  // square-root-of-extremes scale
            power(-(bias + p) / 2), power((bias + 1) / 2) - 1,
            power(bias - 1), power(bias), infinity - 2, infinity - 1,  // near overflow, largest finite
            infinity,
            quietNaN, signalingNaN, quietNaN | 0x5,  // NaNs (sNaN has the quiet bit clear)
        ]
        v.append(make(negative: false, field: bias - 2, fraction: fractionMask / 3))  // ≈ 1/3
        return v
    }
    var specials: [UInt64] { specialMagnitudes.flatMap { [$0, $0 | signBit] } }

    // ---- Random operands ------------------------------------------------------------------

    func randomFraction(_ r: inout FPTestRandom) -> UInt64 {
        switch r.below(6) {
        case 0, 1: return r.next() & fractionMask
        case 2:  // few significant bits: exact results and ties
            let k = 1 + r.below(4)
            return (r.next() & ((1 << UInt64(k)) - 1)) << UInt64(fractionBits - k)
        case 3: return fractionMask ^ (r.next() & 0xf)  // nearly all ones
        case 4: return 0
        default:  // random high part, low part a rounding pattern
            let low = UInt64(r.below(4)) << UInt64(r.below(3))
            return (r.next() & fractionMask & ~0xff) | low
        }
    }

    func randomField(_ r: inout FPTestRandom) -> Int {
        switch r.below(8) {
        case 0: return r.below(maxField + 1)  // anything, including inf/NaN
        case 1: return r.below(fractionBits + 4)  // subnormal and lowest normals
        case 2: return maxField - 1 - r.below(4)  // highest normals
        case 3, 4: return bias - 4 + r.below(9)  // around 1
        default: return 1 + r.below(maxField - 1)  // any normal
        }
    }

    func randomOperand(_ r: inout FPTestRandom) -> UInt64 {
        if r.chance(1, in: 8) { return r.next() & (signBit | (signBit - 1)) }  // uniform bit pattern
        return make(negative: r.bool(), field: randomField(&r), fraction: randomFraction(&r))
    }

    /// An operand whose exponent field is `field` clamped into the finite range.
    func operand(_ r: inout FPTestRandom, field: Int) -> UInt64 {
        make(negative: r.bool(), field: Swift.max(0, Swift.min(maxField - 1, field)), fraction: randomFraction(&r))
    }

    /// A target exponent (unbiased) for a result: near underflow, near overflow or anywhere.
    func interestingResultExponent(_ r: inout FPTestRandom) -> Int {
        switch r.below(4) {
        case 0: return 1 - bias - fractionBits - 2 + r.below(fractionBits + 5)  // subnormal results
        case 1: return -bias - 1 + r.below(4)  // around the normal/subnormal boundary
        case 2: return bias - 1 + r.below(3)  // around overflow
        default: return r.below(2 * bias) - bias
        }
    }
}

/// Operation under test, with the HostFloatReference code.
enum FPArithmeticOp: Int32, CaseIterable, Sendable, CustomStringConvertible {
    case add = 0, sub = 1, mul = 2, div = 3, sqrt = 4, fma = 5
    var description: String { ["add", "sub", "mul", "div", "sqrt", "fma"][Int(rawValue)] }
    var arity: Int { self == .sqrt ? 1 : self == .fma ? 3 : 2 }
}

extension FPTestFormat {
    /// Random operands for `op`, correlated so that results cancel, tie, underflow or overflow.
    func randomOperands(for op: FPArithmeticOp, _ r: inout FPTestRandom) -> (UInt64, UInt64, UInt64) {
        switch op {
        case .sqrt:  // mostly nonnegative: negative operands only exercise the invalid case
            let a = randomOperand(&r)
            return (r.chance(1, in: 8) ? a : a & ~signBit, 0, 0)
        case .add, .sub:
            let a = randomOperand(&r)
            if r.bool() { return (a, randomOperand(&r), 0) }
            // b close to ±a or a few binades below: cancellation and ties.
            let field = Swift.max(0, field(a) - r.below(fractionBits + 4))
            var fraction = a & fractionMask
            if r.bool() { fraction ^= r.next() & ((1 << UInt64(1 + r.below(fractionBits))) - 1) }
            return (a, make(negative: r.bool(), field: Swift.min(field, maxField - 1), fraction: fraction), 0)
        case .mul, .div:
            if r.chance(1, in: 3) { return (randomOperand(&r), randomOperand(&r), 0) }
            let target = interestingResultExponent(&r)
            let fa = 1 + r.below(maxField - 1)
            let fb = op == .mul ? target - (fa - bias) + bias : (fa - bias) - target + bias
            return (operand(&r, field: fa), operand(&r, field: fb), 0)
        case .fma:
            let (a, b, _) = randomOperands(for: .mul, &r)
            switch r.below(3) {
            case 0: return (a, b, randomOperand(&r))
            case 1:  // c ≈ −a·b: massive cancellation
                let p = approximateProduct(a, b)
                var c = p ^ signBit
                if r.bool() { c ^= r.next() & ((1 << UInt64(1 + r.below(fractionBits))) - 1) }
                return (a, b, c)
            default:  // c small or large relative to a·b
                let p = approximateProduct(a, b)
                return (a, b, operand(&r, field: field(p) + r.below(2 * fractionBits + 8) - fractionBits - 4))
            }
        }
    }

    /// a·b rounded to nearest by the host (only used to shape operands).
    func approximateProduct(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if fractionBits == 23 {
            return UInt64((Float(bitPattern: UInt32(a)) * Float(bitPattern: UInt32(b))).bitPattern)
        }
        return (Double(bitPattern: a) * Double(bitPattern: b)).bitPattern
    }
}

// ---- Running one operation on both sides ------------------------------------------------------

struct FPArithmeticMismatch: CustomStringConvertible {
    let precision: Int
    let op: FPArithmeticOp
    let operands: [UInt64]
    let rm: FPRoundingMode
    let expected: UInt64, expectedFlags: UInt8
    let got: UInt64, gotFlags: UInt8
    var description: String {
        let digits = precision == 32 ? 8 : 16
        func padded(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: Swift.max(0, digits - s.count)) + s
        }
        return "f\(precision) \(op)(\(operands.map(padded).joined(separator: ", "))) rm=\(rm): "
            + "expected \(padded(expected)) flags 0x\(String(expectedFlags, radix: 16)), "
            + "got \(padded(got)) flags 0x\(String(gotFlags, radix: 16))"
    }
}

/// Collects mismatches, keeping the first few for the report.
struct FPMismatchLog<M: CustomStringConvertible> {
    var count = 0
    var checked = 0
    var examples: [M] = []
    mutating func record(_ m: M?) {
        checked += 1
        guard let m else { return }
        count += 1
        if examples.count < 12 { examples.append(m) }
    }
    var summary: String {
        "\(count) of \(checked) differ:\n" + examples.map(\.description).joined(separator: "\n")
    }
}

/// The RISC-V expectation from the host: SSE agrees except that RISC-V also raises invalid for
/// 0 × inf + qNaN (x86 does not), and RISC-V always returns the canonical NaN.
func fpCheck32(_ op: FPArithmeticOp, _ a: UInt32, _ b: UInt32, _ c: UInt32, _ rm: FPRoundingMode) -> FPArithmeticMismatch? {
    var refFlags: UInt8 = 0
    let ref = hfr_f32_op(Int32(op.rawValue), a, b, c, Int32(rm.rawValue), &refFlags)
    let fmt = FPTestFormat.binary32
    if op == .fma && fmt.isNaN(UInt64(c)) {
        let (ma, mb) = (a & 0x7fff_ffff, b & 0x7fff_ffff)
        if (ma == 0 && mb == 0x7f80_0000) || (ma == 0x7f80_0000 && mb == 0) { refFlags |= FPFlag.invalid }
    }
    var flags: UInt8 = 0
    let got: UInt32
    switch op {
    case .add: got = FP32.add(a, b, rm, &flags)
    case .sub: got = FP32.sub(a, b, rm, &flags)
    case .mul: got = FP32.mul(a, b, rm, &flags)
    case .div: got = FP32.div(a, b, rm, &flags)
    case .sqrt: got = FP32.sqrt(a, rm, &flags)
    case .fma: got = FP32.fusedMultiplyAdd(a, b, c, rm, &flags)
    }
    let expected = fmt.isNaN(UInt64(ref)) ? FP32.canonicalNaN : ref
    if got == expected && flags == refFlags { return nil }
    return FPArithmeticMismatch(
        precision: 32, op: op, operands: [a, b, c].prefix(op.arity).map { UInt64($0) }, rm: rm,
        expected: UInt64(expected), expectedFlags: refFlags, got: UInt64(got), gotFlags: flags)
}

func fpCheck64(_ op: FPArithmeticOp, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ rm: FPRoundingMode) -> FPArithmeticMismatch? {
    var refFlags: UInt8 = 0
    let ref = hfr_f64_op(Int32(op.rawValue), a, b, c, Int32(rm.rawValue), &refFlags)
    let fmt = FPTestFormat.binary64
    if op == .fma && fmt.isNaN(c) {
        let (ma, mb) = (a & ~fmt.signBit, b & ~fmt.signBit)
        if (ma == 0 && mb == fmt.infinity) || (ma == fmt.infinity && mb == 0) { refFlags |= FPFlag.invalid }
    }
    var flags: UInt8 = 0
    let got: UInt64
    switch op {
    case .add: got = FP64.add(a, b, rm, &flags)
    case .sub: got = FP64.sub(a, b, rm, &flags)
    case .mul: got = FP64.mul(a, b, rm, &flags)
    case .div: got = FP64.div(a, b, rm, &flags)
    case .sqrt: got = FP64.sqrt(a, rm, &flags)
    case .fma: got = FP64.fusedMultiplyAdd(a, b, c, rm, &flags)
    }
    let expected = fmt.isNaN(ref) ? FP64.canonicalNaN : ref
    if got == expected && flags == refFlags { return nil }
    return FPArithmeticMismatch(
        precision: 64, op: op, operands: Array([a, b, c].prefix(op.arity)), rm: rm,
        expected: expected, expectedFlags: refFlags, got: got, gotFlags: flags)
}
