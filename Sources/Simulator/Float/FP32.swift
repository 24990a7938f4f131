// binary32 (RISC-V F extension) arithmetic on bit patterns.
//
// Fast paths (round-to-nearest-even, normal result): the host's Float arithmetic, with
// exactness read from Double arithmetic, which holds any product of two binary32 significands
// exactly (TwoSum for sums). Anything else goes to the exact software path.

enum FP32 {
    static let canonicalNaN: UInt32 = 0x7fc0_0000
    typealias Format = FPBinary32

    /// Whether x is a normal number larger in magnitude than the smallest normal 2^-126: a
    /// fast-path result with this property is free of overflow and tininess questions (an
    /// inexact result of exactly 2^-126 may come from a tiny value and needs the slow path).
    @inline(__always) static func isSafeNormal(_ x: UInt32) -> Bool {
        x & 0x7fff_ffff &- 0x0080_0001 < 0x7f80_0000 - 0x0080_0001
    }

    static func add(_ a: UInt32, _ b: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven {
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            let s = x + y
            if isSafeNormal(s.bitPattern) {
                let yy = s - x
                let e = (x - (s - yy)) + (y - yy)  // TwoSum error
                if e != 0 { flags |= FPFlag.inexact }
                return s.bitPattern
            }
        }
        return UInt32(truncatingIfNeeded: Format.exactAdd(UInt64(a), UInt64(b), negateB: false, rm, &flags))
    }

    static func sub(_ a: UInt32, _ b: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven {
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            let s = x - y
            if isSafeNormal(s.bitPattern) {
                let yy = s - x
                let e = (x - (s - yy)) - (y + yy)
                if e != 0 { flags |= FPFlag.inexact }
                return s.bitPattern
            }
        }
        return UInt32(truncatingIfNeeded: Format.exactAdd(UInt64(a), UInt64(b), negateB: true, rm, &flags))
    }

    static func mul(_ a: UInt32, _ b: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven {
            let p = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))  // exact
            let f = Float(p)
            if isSafeNormal(f.bitPattern) {
                if Double(f) != p { flags |= FPFlag.inexact }
                return f.bitPattern
            }
        }
        return UInt32(truncatingIfNeeded: Format.exactMultiply(UInt64(a), UInt64(b), rm, &flags))
    }

    static func div(_ a: UInt32, _ b: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven {
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            let q = x / y
            if isSafeNormal(q.bitPattern) {
                if Double(q) * Double(y) != Double(x) { flags |= FPFlag.inexact }  // exact product
                return q.bitPattern
            }
        }
        return UInt32(truncatingIfNeeded: Format.exactDivide(UInt64(a), UInt64(b), rm, &flags))
    }

    static func sqrt(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven && a &- 1 < 0x7f7f_ffff {  // positive, finite, nonzero
            let x = Float(bitPattern: a)
            let r = x.squareRoot()
            let rr = Double(r)
            if rr * rr != Double(x) { flags |= FPFlag.inexact }  // exact square
            return r.bitPattern
        }
        return exactSquareRoot(a, rm, &flags)
    }

    /// Square root for every case. The binary64 root of the (exactly widened) operand, narrowed
    /// to nearest, is the correctly rounded binary32 root (53 ≥ 2·24 + 2); the exact residual
    /// f² − x (f² holds in 48 bits, and the subtraction is exact by Sterbenz's lemma) gives the
    /// direction for the directed modes. Ties cannot occur, and the result is always normal.
    @inline(never)
    static func exactSquareRoot(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        let wide = UInt64(a)
        if Format.isNaN(wide) { return UInt32(Format.nanResult(wide, wide, &flags)) }
        if Format.isZero(wide) { return a }
        if Format.isNegative(wide) {
            flags |= FPFlag.invalid
            return canonicalNaN
        }
        if Format.isInfinite(wide) { return a }
        let x = Double(Float(bitPattern: a))
        var f = Float(x.squareRoot())
        let ff = Double(f)
        let residual = ff * ff - x
        if residual != 0 {
            flags |= FPFlag.inexact
            switch rm {
            case .up: if residual < 0 { f = f.nextUp }
            case .down, .towardZero: if residual > 0 { f = f.nextDown }
            case .nearestEven, .nearestMaxMagnitude: break
            }
        }
        return f.bitPattern
    }

    static func fusedMultiplyAdd(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt32 {
        if rm == .nearestEven {
            let p = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))  // exact
            let z = Double(Float(bitPattern: c))
            let s = p + z
            let f = Float(s)
            // |s| ≥ 2^-126 and f finite: a normal result, with no tininess question.
            // (NaN and infinite operands fail these tests.)
            if s.magnitude >= 0x1p-126 && f.bitPattern & 0x7f80_0000 != 0x7f80_0000 {
                let zz = s - p
                let e = (p - (s - zz)) + (z - zz)  // TwoSum: a·b + c = s + e exactly
                if e == 0 {
                    if Double(f) != s { flags |= FPFlag.inexact }
                    return f.bitPattern
                }
                // s is inexact: rounding it again to binary32 is correct unless s is exactly
                // halfway between two binary32 values (the low 29 of its 52 fraction bits are
                // 1000…0), where the sign of e decides.
                if s.bitPattern & 0x1fff_ffff != 0x1000_0000 {
                    flags |= FPFlag.inexact
                    return f.bitPattern
                }
            }
        }
        return UInt32(truncatingIfNeeded: Format.exactFusedMultiplyAdd(UInt64(a), UInt64(b), UInt64(c), rm, &flags))
    }
}
