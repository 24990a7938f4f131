// Exact software arithmetic on integer significands, for both precisions. These are the slow
// paths: every rounding mode other than RNE, special operands (NaN, infinity, zero),
// subnormal operands or results, overflow, and zero results. Each operation computes the exact
// result, or a significand with enough bits plus a sticky bit, and hands it to `round`.

extension FPBinaryFormat {
    /// a + b, or a − b when `negateB` (the sign of b is flipped before anything else).
    static func exactAdd(
        _ a: UInt64, _ b: UInt64, negateB: Bool, _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        let b = negateB ? b ^ signBit : b
        if isNaN(a) || isNaN(b) { return nanResult(a, b, &flags) }
        if isInfinite(a) {
            if isInfinite(b) && (a ^ b) & signBit != 0 {
                flags |= FPFlag.invalid  // inf − inf
                return canonicalNaN
            }
            return a
        }
        if isInfinite(b) { return b }
        if isZero(a) {
            if isZero(b) {
                // Exact zero sum: the common sign, or +0 (−0 when rounding down) for opposite signs.
                if (a ^ b) & signBit == 0 { return a }
                return zero(negative: rm == .down)
            }
            return b
        }
        if isZero(b) { return a }

        var x = unpack(a)
        var y = unpack(b)
        if y.exponent > x.exponent { swap(&x, &y) }
        // One bit of headroom for the carry; lossless because at most 53 bits are significant.
        let exponent = x.exponent + 1
        let mx = x.significand >> 1
        let my = fpShiftRightJam(y.significand >> 1, x.exponent - y.exponent)
        if x.negative == y.negative {
            return normalizeAndRound(negative: x.negative, exponent: exponent, significand: mx + my, rm, &flags)
        }
        // Opposite signs. If the exponents differ, mx ≥ 2^62 > my, so only equal exponents can
        // flip the sign; massive cancellation only happens without any jammed bits.
        if mx == my { return zero(negative: rm == .down) }
        if mx > my {
            return normalizeAndRound(negative: x.negative, exponent: exponent, significand: mx - my, rm, &flags)
        }
        return normalizeAndRound(negative: y.negative, exponent: exponent, significand: my - mx, rm, &flags)
    }

    /// a × b.
    static func exactMultiply(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if isNaN(a) || isNaN(b) { return nanResult(a, b, &flags) }
        let negative = (a ^ b) & signBit != 0
        if isInfinite(a) || isInfinite(b) {
            if isZero(a) || isZero(b) {
                flags |= FPFlag.invalid  // 0 × inf
                return canonicalNaN
            }
            return infinity(negative: negative)
        }
        if isZero(a) || isZero(b) { return zero(negative: negative) }
        let x = unpack(a)
        let y = unpack(b)
        // Product of two 64-bit significands with bit 63 set: bit 126 or 127 is the leading one.
        let product = UInt128(x.significand) &* UInt128(y.significand)
        let high = UInt64(truncatingIfNeeded: product >> 64), low = UInt64(truncatingIfNeeded: product)
        // value = (high·2^64 + low) × 2^(ex + ey − 126) = high' × 2^(ex + ey + 1 − 63)
        return normalizeProduct(
            negative: negative, exponent: x.exponent + y.exponent + 1, high: high, low: low, rm, &flags)
    }

    /// Rounds (-1)^negative × (high·2^64 + low) × 2^(exponent − 127) where bit 126 or 127 of the
    /// 128-bit number is set.
    @inline(__always)
    private static func normalizeProduct(
        negative: Bool, exponent: Int, high: UInt64, low: UInt64,
        _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        if high >> 63 != 0 {
            return round(negative: negative, exponent: exponent, significand: high | (low != 0 ? 1 : 0), rm, &flags)
        }
        let significand = (high << 1) | (low >> 63) | (low << 1 != 0 ? 1 : 0)
        return round(negative: negative, exponent: exponent - 1, significand: significand, rm, &flags)
    }

    /// a ÷ b.
    static func exactDivide(_ a: UInt64, _ b: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if isNaN(a) || isNaN(b) { return nanResult(a, b, &flags) }
        let negative = (a ^ b) & signBit != 0
        if isInfinite(a) {
            if isInfinite(b) {
                flags |= FPFlag.invalid  // inf / inf
                return canonicalNaN
            }
            return infinity(negative: negative)
        }
        if isInfinite(b) { return zero(negative: negative) }
        if isZero(b) {
            if isZero(a) {
                flags |= FPFlag.invalid  // 0 / 0
                return canonicalNaN
            }
            flags |= FPFlag.divideByZero
            return infinity(negative: negative)
        }
        if isZero(a) { return zero(negative: negative) }
        let x = unpack(a)
        let y = unpack(b)
        // The significands have at most 53 bits: their quotient, correctly rounded to 53 bits by
        // the host, plus the sign of the exact remainder, pins the exact quotient down.
        let q = Self.significandQuotient(x.significand >> 11, y.significand >> 11)
        return round(
            negative: negative, exponent: x.exponent - y.exponent + q.exponent, significand: q.significand, rm, &flags)
    }

    /// The quotient n/d of two integers in [2^52, 2^53) as a 64-bit significand (bit 63 set,
    /// value = significand × 2^(exponent − 63)) whose bit 0 is sticky-like: the host's correctly
    /// rounded binary64 quotient q, shifted left 11 bits, then +1 or −1 when the exact remainder
    /// says the true quotient lies above or below q. The true quotient is within half an ulp
    /// of q and never exactly halfway (a quotient of 53-bit integers is no 54-bit midpoint), so
    /// no rounding boundary at 53-bit granularity or coarser lies between it and the result.
    @inline(__always)
    static func significandQuotient(_ n: UInt64, _ d: UInt64) -> FPUnpacked {
        let q = Double(n) / Double(d)  // in (1/2, 2), normal
        let qBits = q.bitPattern
        let qs = (qBits & 0x000f_ffff_ffff_ffff) | (1 << 52)
        let qe = Int((qBits >> 52) & 0x7ff) - 1023  // −1 or 0
        // Exact remainder n·2^(52 − qe) − qs·d; it is below 2^53 in magnitude, so wrapping
        // 64-bit arithmetic computes it exactly.
        let r = Int64(bitPattern: (n << UInt64(52 - qe)) &- qs &* d)
        var significand = qs << 11
        if r > 0 { significand |= 1 } else if r < 0 { significand -= 1 }
        // Bit 63 stays set: q cannot be a power of two with the quotient just below it, which
        // would need n/d within 2^-54 (relative) below 1 or 1/2, while such a quotient of
        // distinct 53-bit integers is at least 1/d > 2^-53 away from it.
        assert(significand >> 63 != 0)
        return FPUnpacked(negative: false, exponent: qe, significand: significand)
    }

    /// a × b + c with a single rounding.
    static func exactFusedMultiplyAdd(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        let productInvalid = (isInfinite(a) && isZero(b)) || (isZero(a) && isInfinite(b))
        if isNaN(a) || isNaN(b) || isNaN(c) {
            // RISC-V: 0 × inf raises invalid even when the addend is a quiet NaN.
            if productInvalid || isSignalingNaN(a) || isSignalingNaN(b) || isSignalingNaN(c) {
                flags |= FPFlag.invalid
            }
            return canonicalNaN
        }
        if productInvalid {
            flags |= FPFlag.invalid
            return canonicalNaN
        }
        let productNegative = (a ^ b) & signBit != 0
        if isInfinite(a) || isInfinite(b) {
            if isInfinite(c) && isNegative(c) != productNegative {
                flags |= FPFlag.invalid  // inf − inf
                return canonicalNaN
            }
            return infinity(negative: productNegative)
        }
        if isInfinite(c) { return c }
        if isZero(a) || isZero(b) {
            if isZero(c) {
                if isNegative(c) == productNegative { return c }
                return zero(negative: rm == .down)
            }
            return c
        }
        let x = unpack(a)
        let y = unpack(b)
        let product = UInt128(x.significand) &* UInt128(y.significand)
        if isZero(c) {
            let high = UInt64(truncatingIfNeeded: product >> 64), low = UInt64(truncatingIfNeeded: product)
            return normalizeProduct(
                negative: productNegative, exponent: x.exponent + y.exponent + 1, high: high, low: low, rm, &flags)
        }
        let z = unpack(c)
        // Both terms as 128-bit integers with the leading one at bit 124 or 125 (headroom for the
        // carry). The product has at least 22 trailing zero bits, so the shift by 2 is exact.
        // Term values: P × 2^(sp − 125) and C × 2^(sc − 125).
        var p = product >> 2
        var sp = x.exponent + y.exponent + 1  // exponent of bit 125 of p
        var cc = UInt128(z.significand) << 62
        var sc = z.exponent  // exponent of bit 125 of cc
        if sp >= sc {
            cc = fpShiftRightJam(cc, sp - sc)
            sc = sp
        } else {
            p = fpShiftRightJam(p, sc - sp)
            sp = sc
        }
        // Jammed (odd) and unjammed (even, ≥ 20 trailing zeros) terms never compare equal, and
        // large shifts leave the result within a few bits of bit 125, so jamming is sound.
        let sum: UInt128
        let negative: Bool
        if z.negative == productNegative {
            sum = p + cc
            negative = productNegative
        } else if p > cc {
            sum = p - cc
            negative = productNegative
        } else if cc > p {
            sum = cc - p
            negative = z.negative
        } else {
            return zero(negative: rm == .down)
        }
        let lz = sum.leadingZeroBitCount
        let normalized = sum << UInt128(lz)
        let significand = UInt64(truncatingIfNeeded: normalized >> 64)
            | (UInt64(truncatingIfNeeded: normalized) != 0 ? 1 : 0)
        // Bit 127 of `normalized` has exponent sp + 2 − lz.
        return round(negative: negative, exponent: sp + 2 - lz, significand: significand, rm, &flags)
    }
}
