// Description of the IEEE-754 binary interchange formats, used by the exact (software) paths.
// Both binary32 and binary64 values travel through those paths as UInt64 bit patterns
// (binary32 in the low 32 bits). The format is a type parameter, so release builds specialize
// each generic routine per format with every constant folded.

protocol FPBinaryFormat {
    /// Number of stored fraction bits (23 or 52).
    static var fractionBits: Int { get }
    /// Number of exponent bits (8 or 11).
    static var exponentBits: Int { get }
}

/// IEEE binary32 (RISC-V F).
enum FPBinary32: FPBinaryFormat {
    static var fractionBits: Int { 23 }
    static var exponentBits: Int { 8 }
}

/// IEEE binary64 (RISC-V D).
enum FPBinary64: FPBinaryFormat {
    static var fractionBits: Int { 52 }
    static var exponentBits: Int { 11 }
}

extension FPBinaryFormat {
    /// Significand precision p, counting the implicit bit.
    @inline(__always) static var precision: Int { fractionBits + 1 }
    @inline(__always) static var bias: Int { (1 << (exponentBits - 1)) - 1 }
    /// Exponent of the smallest normal number (emin).
    @inline(__always) static var minExponent: Int { 1 - bias }
    /// Exponent of the largest finite number (emax).
    @inline(__always) static var maxExponent: Int { bias }
    @inline(__always) static var maxBiasedExponent: UInt64 { (1 &<< UInt64(exponentBits)) &- 1 }
    @inline(__always) static var signBit: UInt64 { 1 &<< UInt64(fractionBits + exponentBits) }
    @inline(__always) static var implicitBit: UInt64 { 1 &<< UInt64(fractionBits) }
    @inline(__always) static var fractionMask: UInt64 { implicitBit &- 1 }
    @inline(__always) static var quietBit: UInt64 { 1 &<< UInt64(fractionBits - 1) }
    @inline(__always) static var infinity: UInt64 { maxBiasedExponent &<< UInt64(fractionBits) }
    @inline(__always) static var canonicalNaN: UInt64 { infinity | quietBit }
    @inline(__always) static var largestFinite: UInt64 { infinity &- 1 }

    @inline(__always) static func magnitude(_ x: UInt64) -> UInt64 { x & ~signBit }
    @inline(__always) static func isNegative(_ x: UInt64) -> Bool { x & signBit != 0 }
    @inline(__always) static func isNaN(_ x: UInt64) -> Bool { magnitude(x) > infinity }
    @inline(__always) static func isSignalingNaN(_ x: UInt64) -> Bool { isNaN(x) && x & quietBit == 0 }
    @inline(__always) static func isInfinite(_ x: UInt64) -> Bool { magnitude(x) == infinity }
    @inline(__always) static func isZero(_ x: UInt64) -> Bool { magnitude(x) == 0 }
    @inline(__always) static func biasedExponent(_ x: UInt64) -> UInt64 {
        (x &>> UInt64(fractionBits)) & maxBiasedExponent
    }
    @inline(__always) static func zero(negative: Bool) -> UInt64 { negative ? signBit : 0 }
    @inline(__always) static func infinity(negative: Bool) -> UInt64 { negative ? signBit | infinity : infinity }

    /// Splits a finite nonzero value into sign, exponent and a significand normalized so that
    /// bit 63 is set: value = (-1)^negative × significand × 2^(exponent − 63).
    @inline(__always)
    static func unpack(_ x: UInt64) -> FPUnpacked {
        let e = Int(truncatingIfNeeded: biasedExponent(x))
        let fraction = x & fractionMask
        if e == 0 {
            // Subnormal: value = fraction × 2^(emin − fractionBits).
            let lz = fraction.leadingZeroBitCount
            return FPUnpacked(
                negative: isNegative(x),
                exponent: minExponent - fractionBits + 63 - lz,
                significand: fraction &<< UInt64(lz))
        }
        return FPUnpacked(
            negative: isNegative(x),
            exponent: e - bias,
            significand: (fraction | implicitBit) &<< UInt64(63 - fractionBits))
    }

    /// Result of an arithmetic operation with at least one NaN operand: the canonical NaN,
    /// raising invalid if any operand is a signaling NaN.
    @inline(__always)
    static func nanResult(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> UInt64 {
        if isSignalingNaN(a) || isSignalingNaN(b) { flags |= FPFlag.invalid }
        return canonicalNaN
    }
}

/// A finite nonzero value: (-1)^negative × significand × 2^(exponent − 63), with bit 63 of
/// `significand` set (so `exponent` is the unbiased exponent of the leading bit). Bit 0 may be a
/// sticky bit standing for nonzero bits below it.
struct FPUnpacked {
    var negative: Bool
    var exponent: Int
    var significand: UInt64
}
