// binary64 (RISC-V D extension) arithmetic on bit patterns.
//
// Fast paths: in round-to-nearest-even, the host's Double arithmetic gives the correctly
// rounded result whenever that result is a normal number, and an error-free transformation
// tells whether it is exact (TwoSum for sums, significand widths for products and quotients,
// TwoProduct/TwoSum for FMA). Anything else goes to the exact software path.

enum FP64 {
    static let canonicalNaN: UInt64 = 0x7ff8_0000_0000_0000
    typealias Format = FPBinary64

    /// Biased exponent field.
    @inline(__always) static func exponentField(_ x: UInt64) -> UInt64 { (x >> 52) & 0x7ff }
    /// Whether x is a normal number larger in magnitude than the smallest normal 2^-1022: a
    /// fast-path result with this property is free of overflow and tininess questions (an
    /// inexact result of exactly 2^-1022 may come from a tiny value and needs the slow path).
    @inline(__always) static func isSafeNormal(_ x: UInt64) -> Bool {
        x & 0x7fff_ffff_ffff_ffff &- 0x0010_0000_0000_0001 < 0x7ff0_0000_0000_0000 - 0x0010_0000_0000_0001
    }

    /// Whether the product of the significands of two nonzero finite values fits in 53 bits,
    /// i.e. whether the product of the values is exact when it does not underflow.
    @inline(__always)
    static func productIsExact(_ a: UInt64, _ b: UInt64) -> Bool {
        let ma = exponentField(a) == 0 ? a & 0x000f_ffff_ffff_ffff : (a & 0x000f_ffff_ffff_ffff) | (1 << 52)
        let mb = exponentField(b) == 0 ? b & 0x000f_ffff_ffff_ffff : (b & 0x000f_ffff_ffff_ffff) | (1 << 52)
        let oa = ma >> UInt64(ma.trailingZeroBitCount)
        let ob = mb >> UInt64(mb.trailingZeroBitCount)
        let width = 128 - oa.leadingZeroBitCount - ob.leadingZeroBitCount
        if width <= 53 { return true }
        if width > 54 { return false }
        return (oa &* ob) >> 53 == 0  // widths add up to 54: the product is < 2^54
    }

    /// Exponent of the lowest set significand bit of a finite nonzero value.
    @inline(__always)
    static func lowestBitExponent(_ x: UInt64) -> Int {
        let field = Int(truncatingIfNeeded: exponentField(x))
        let significand = field == 0 ? x & 0x000f_ffff_ffff_ffff : (x & 0x000f_ffff_ffff_ffff) | (1 << 52)
        return significand.trailingZeroBitCount + Swift.max(field, 1) - 1075
    }

    static func add(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if rm == .nearestEven {
            let x = Double(bitPattern: a), y = Double(bitPattern: b)
            let s = x + y
            if isSafeNormal(s.bitPattern) {
                // TwoSum: e = (x + y) − s exactly (a NaN from spurious overflow means inexact too).
                let yy = s - x
                let e = (x - (s - yy)) + (y - yy)
                if e != 0 { flags |= FPFlag.inexact }
                return s.bitPattern
            }
        }
        return Format.exactAdd(a, b, negateB: false, rm, &flags)
    }

    static func sub(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if rm == .nearestEven {
            let x = Double(bitPattern: a), y = Double(bitPattern: b)
            let s = x - y
            if isSafeNormal(s.bitPattern) {
                let yy = s - x
                let e = (x - (s - yy)) - (y + yy)
                if e != 0 { flags |= FPFlag.inexact }
                return s.bitPattern
            }
        }
        return Format.exactAdd(a, b, negateB: true, rm, &flags)
    }

    static func mul(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if rm == .nearestEven {
            let p = Double(bitPattern: a) * Double(bitPattern: b)
            if isSafeNormal(p.bitPattern) {
                // The lowest set bit of a·b is the sum of those of a and b (odd × odd is odd);
                // a·b is exact iff that bit is not below the ulp of p (a multiple of p's ulp
                // within half an ulp of p is p itself).
                if lowestBitExponent(a) + lowestBitExponent(b) < Int(exponentField(p.bitPattern)) - 1075 {
                    flags |= FPFlag.inexact
                }
                return p.bitPattern
            }
        }
        return Format.exactMultiply(a, b, rm, &flags)
    }

    static func div(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if rm == .nearestEven {
            let x = Double(bitPattern: a), y = Double(bitPattern: b)
            let q = x / y
            // a ≥ 2^-958 keeps q × b clear of the subnormal range.
            if isSafeNormal(q.bitPattern) && exponentField(a) &- 65 < 0x7fe - 64 {
                // Exact iff q × b is exact and equals a.
                if !(productIsExact(q.bitPattern, b) && q * y == x) { flags |= FPFlag.inexact }
                return q.bitPattern
            }
        }
        return Format.exactDivide(a, b, rm, &flags)
    }

    static func sqrt(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        // Positive normal a ≥ 2^-958 (so that r × r cannot be a spurious subnormal).
        if rm == .nearestEven && a &- (65 << 52) < 0x7ff0_0000_0000_0000 - (65 << 52) {
            let x = Double(bitPattern: a)
            let r = x.squareRoot()
            // Exact iff r × r == a, which needs r's significand to have ≤ 27 significant bits
            // (rare: only then is the FMA residual, exact here, worth computing).
            let m = r.bitPattern & 0x000f_ffff_ffff_ffff | (1 << 52)
            if 53 - m.trailingZeroBitCount > 27 || (-x).addingProduct(r, r) != 0 { flags |= FPFlag.inexact }
            return r.bitPattern
        }
        return exactSquareRoot(a, rm, &flags)
    }

    /// Square root for every case. The root of a positive finite binary64 is always normal, so
    /// only the rounding direction needs care: the host's correctly rounded root of the
    /// significand scaled into [1, 4) is compared with the exact square via an FMA residual
    /// (exact in sign there), then stepped one ulp for the directed modes. Ties cannot occur.
    @inline(never)
    static func exactSquareRoot(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if Format.isNaN(a) { return Format.nanResult(a, a, &flags) }
        if Format.isZero(a) { return a }
        if Format.isNegative(a) {
            flags |= FPFlag.invalid
            return canonicalNaN
        }
        if Format.isInfinite(a) { return a }
        let u = Format.unpack(a)
        let odd = u.exponent & 1
        let halfExponent = (u.exponent - odd) >> 1
        let x = Double(bitPattern: UInt64(1023 + odd) << 52 | (u.significand >> 11) & 0x000f_ffff_ffff_ffff)
        var r = x.squareRoot()
        let residual = (-x).addingProduct(r, r)  // r² − x, nonzero iff inexact
        if residual != 0 {
            flags |= FPFlag.inexact
            switch rm {
            case .up: if residual < 0 { r = r.nextUp }
            case .down, .towardZero: if residual > 0 { r = r.nextDown }
            case .nearestEven, .nearestMaxMagnitude: break
            }
        }
        return r.bitPattern &+ (UInt64(bitPattern: Int64(halfExponent)) << 52)
    }

    static func fusedMultiplyAdd(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        if rm == .nearestEven {
            let x = Double(bitPattern: a), y = Double(bitPattern: b), z = Double(bitPattern: c)
            let r = z.addingProduct(x, y)
            if isSafeNormal(r.bitPattern) {
                let magnitudes = (a & 0x7fff_ffff_ffff_ffff, b & 0x7fff_ffff_ffff_ffff, c & 0x7fff_ffff_ffff_ffff)
                if magnitudes.0 == 0 || magnitudes.1 == 0 { return r.bitPattern }  // 0·b + c = c
                // Quick proof of inexactness: if the lowest set bits of a·b and of c differ in
                // position, the lower one survives in a·b + c; below r's ulp it cannot be exact.
                let productLow = lowestBitExponent(a) + lowestBitExponent(b)
                let addendLow = magnitudes.2 == 0 ? Int.max : lowestBitExponent(c)
                if productLow != addendLow && Swift.min(productLow, addendLow) < Int(exponentField(r.bitPattern)) - 1075 {
                    flags |= FPFlag.inexact
                    return r.bitPattern
                }
                // Precise test. Needs |r|, |c| < 2^1023 and 2^-968 ≤ |p| < inf, so that
                // TwoProduct is exact and TwoSum cannot overflow.
                let p = x * y
                if exponentField(r.bitPattern) < 0x7fe && exponentField(c) < 0x7fe
                    && exponentField(p.bitPattern) &- 55 < 0x7ff - 55
                {
                    let d = r - z
                    if exponentField(d.bitPattern) != 0x7ff {
                        // a·b = p + pe and r − c = d + de exactly; the FMA is exact iff both pairs
                        // match (round-to-nearest is a function of the value).
                        let pe = (-p).addingProduct(x, y)
                        let t = d - r
                        let de = (r - (d - t)) - (z + t)
                        if !(p == d && pe == de) { flags |= FPFlag.inexact }
                        return r.bitPattern
                    }
                }
            }
        }
        return Format.exactFusedMultiplyAdd(a, b, c, rm, &flags)
    }
}
