// Description of an IEEE-754 binary interchange format, used by the exact (software) paths.
// Both binary32 and binary64 values travel through those paths as UInt64 bit patterns
// (binary32 in the low 32 bits), so one implementation serves both precisions.

struct FPFormat: Sendable {
    /// Number of stored fraction bits (23 or 52).
    let fractionBits: Int
    /// Number of exponent bits (8 or 11).
    let exponentBits: Int

    static let binary32 = FPFormat(fractionBits: 23, exponentBits: 8)
    static let binary64 = FPFormat(fractionBits: 52, exponentBits: 11)

    /// Significand precision p, counting the implicit bit.
    @inline(__always) var precision: Int { fractionBits + 1 }
    @inline(__always) var bias: Int { (1 << (exponentBits - 1)) - 1 }
    /// Exponent of the smallest normal number (emin).
    @inline(__always) var minExponent: Int { 1 - bias }
    /// Exponent of the largest finite number (emax).
    @inline(__always) var maxExponent: Int { bias }
    @inline(__always) var maxBiasedExponent: UInt64 { (1 << UInt64(exponentBits)) - 1 }
    @inline(__always) var signBit: UInt64 { 1 << UInt64(fractionBits + exponentBits) }
    @inline(__always) var fractionMask: UInt64 { (1 << UInt64(fractionBits)) - 1 }
    @inline(__always) var quietBit: UInt64 { 1 << UInt64(fractionBits - 1) }
    @inline(__always) var infinity: UInt64 { maxBiasedExponent << UInt64(fractionBits) }
    @inline(__always) var canonicalNaN: UInt64 { infinity | quietBit }
    @inline(__always) var largestFinite: UInt64 { infinity - 1 }

    @inline(__always) func magnitude(_ x: UInt64) -> UInt64 { x & ~signBit }
    @inline(__always) func isNegative(_ x: UInt64) -> Bool { x & signBit != 0 }
    @inline(__always) func isNaN(_ x: UInt64) -> Bool { magnitude(x) > infinity }
    @inline(__always) func isSignalingNaN(_ x: UInt64) -> Bool { isNaN(x) && x & quietBit == 0 }
    @inline(__always) func isInfinite(_ x: UInt64) -> Bool { magnitude(x) == infinity }
    @inline(__always) func isZero(_ x: UInt64) -> Bool { magnitude(x) == 0 }
    @inline(__always) func biasedExponent(_ x: UInt64) -> UInt64 { (x >> UInt64(fractionBits)) & maxBiasedExponent }
    @inline(__always) func zero(negative: Bool) -> UInt64 { negative ? signBit : 0 }
    @inline(__always) func infinity(negative: Bool) -> UInt64 { negative ? signBit | infinity : infinity }

    /// Splits a finite nonzero value into sign, exponent and a significand normalized so that
    /// bit 63 is set: value = (-1)^negative × significand × 2^(exponent − 63).
    @inline(__always)
    func unpack(_ x: UInt64) -> UnpackedFloat {
        let e = Int(biasedExponent(x))
        let fraction = x & fractionMask
        if e == 0 {
            // Subnormal: value = fraction × 2^(emin − fractionBits).
            let lz = fraction.leadingZeroBitCount
            return UnpackedFloat(
                negative: isNegative(x),
                exponent: minExponent - fractionBits + 63 - lz,
                significand: fraction << UInt64(lz))
        }
        return UnpackedFloat(
            negative: isNegative(x),
            exponent: e - bias,
            significand: (fraction | (1 << UInt64(fractionBits))) << UInt64(63 - fractionBits))
    }

    /// Result of an arithmetic operation with at least one NaN operand: the canonical NaN,
    /// raising invalid if any operand is a signaling NaN.
    @inline(__always)
    func nanResult(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> UInt64 {
        if isSignalingNaN(a) || isSignalingNaN(b) { flags |= FPFlag.invalid }
        return canonicalNaN
    }
}

/// A finite nonzero value: (-1)^negative × significand × 2^(exponent − 63), with bit 63 of
/// `significand` set (so `exponent` is the unbiased exponent of the leading bit). Bit 0 may be a
/// sticky bit standing for nonzero bits below it.
struct UnpackedFloat {
    var negative: Bool
    var exponent: Int
    var significand: UInt64
}
