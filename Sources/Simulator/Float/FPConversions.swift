// Conversions: float ↔ integer (fcvt.{w,wu,l,lu}.{s,d} and back) and binary32 ↔ binary64.

extension FPBinaryFormat {
    /// Converts to an integer of `bitWidth` (32 or 64) bits, signed or not, returning its
    /// two's-complement bit pattern. RISC-V rules: NaN gives the largest positive value; values
    /// whose rounded result does not fit are clamped and raise invalid (not inexact); otherwise
    /// inexact if rounding changed the value (so a negative value that rounds to 0 is a valid
    /// unsigned result).
    @inline(__always)
    static func toInteger(
        _ a: UInt64, bitWidth: Int, signed: Bool, _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        let largest: UInt64 = signed ? (1 << UInt64(bitWidth - 1)) - 1 : UInt64.max >> UInt64(64 - bitWidth)
        let smallestMagnitude: UInt64 = signed ? 1 << UInt64(bitWidth - 1) : 0  // |most negative|
        let negative = isNegative(a)
        if isNaN(a) {
            flags |= FPFlag.invalid
            return largest
        }
        var fits = !isInfinite(a)
        var magnitude: UInt64 = 0
        if fits && !isZero(a) {
            let u = unpack(a)
            var fraction: UInt64 = 0  // discarded part; bit 63 weighs one half
            if u.exponent >= 64 {
                fits = false
            } else if u.exponent == 63 {
                magnitude = u.significand
            } else if u.exponent >= 0 {
                let shift = UInt64(63 - u.exponent)
                magnitude = u.significand >> shift
                fraction = u.significand << (64 - shift)
            } else if u.exponent == -1 {
                fraction = u.significand
            } else {
                fraction = 1  // below one half, but not zero
            }
            if rm.incrementsMagnitude(negative: negative, lsbOdd: magnitude & 1 != 0, discarded: fraction, half: 1 << 63) {
                if magnitude == UInt64.max { fits = false } else { magnitude += 1 }
            }
            if fits {
                fits = negative ? magnitude <= smallestMagnitude : magnitude <= largest
            }
            if fits && fraction != 0 { flags |= FPFlag.inexact }
        }
        if !fits {
            flags |= FPFlag.invalid
            return negative ? 0 &- smallestMagnitude : largest
        }
        return negative ? 0 &- magnitude : magnitude
    }

    /// Converts (-1)^negative × magnitude to this format.
    @inline(__always)
    static func fromInteger(negative: Bool, magnitude: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if magnitude == 0 { return 0 }
        let lz = magnitude.leadingZeroBitCount
        return round(negative: negative, exponent: 63 - lz, significand: magnitude << UInt64(lz), rm, &flags)
    }
}

extension FP32 {
    static func toInt32(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int32 {
        Int32(truncatingIfNeeded: Format.toInteger(UInt64(a), bitWidth: 32, signed: true, rm, &flags))
    }
    static func toUInt32(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        UInt32(truncatingIfNeeded: Format.toInteger(UInt64(a), bitWidth: 32, signed: false, rm, &flags))
    }
    static func toInt64(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int64 {
        Int64(bitPattern: Format.toInteger(UInt64(a), bitWidth: 64, signed: true, rm, &flags))
    }
    static func toUInt64(_ a: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        Format.toInteger(UInt64(a), bitWidth: 64, signed: false, rm, &flags)
    }

    static func fromInt32(_ v: Int32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if v.magnitude <= 1 << 24 { return Float(v).bitPattern }  // exact
        return UInt32(truncatingIfNeeded: Format.fromInteger(
            negative: v < 0, magnitude: UInt64(v.magnitude), rm, &flags))
    }
    static func fromUInt32(_ v: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if v <= 1 << 24 { return Float(v).bitPattern }
        return UInt32(truncatingIfNeeded: Format.fromInteger(negative: false, magnitude: UInt64(v), rm, &flags))
    }
    static func fromInt64(_ v: Int64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if v.magnitude <= 1 << 24 { return Float(v).bitPattern }
        return UInt32(truncatingIfNeeded: Format.fromInteger(negative: v < 0, magnitude: v.magnitude, rm, &flags))
    }
    static func fromUInt64(_ v: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if v <= 1 << 24 { return Float(v).bitPattern }
        return UInt32(truncatingIfNeeded: Format.fromInteger(negative: false, magnitude: v, rm, &flags))
    }

    /// fcvt.d.s: always exact; NaNs become the canonical NaN (invalid if signaling).
    static func toFP64(_ a: UInt32, _ flags: inout UInt8) -> UInt64 {
        if a & 0x7fff_ffff > 0x7f80_0000 {
            if a & 0x0040_0000 == 0 { flags |= FPFlag.invalid }
            return FP64.canonicalNaN
        }
        return Double(Float(bitPattern: a)).bitPattern
    }
}

extension FP64 {
    static func toInt32(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int32 {
        Int32(truncatingIfNeeded: Format.toInteger(a, bitWidth: 32, signed: true, rm, &flags))
    }
    static func toUInt32(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        UInt32(truncatingIfNeeded: Format.toInteger(a, bitWidth: 32, signed: false, rm, &flags))
    }
    static func toInt64(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int64 {
        Int64(bitPattern: Format.toInteger(a, bitWidth: 64, signed: true, rm, &flags))
    }
    static func toUInt64(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        Format.toInteger(a, bitWidth: 64, signed: false, rm, &flags)
    }

    static func fromInt32(_ v: Int32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        Double(v).bitPattern  // always exact
    }
    static func fromUInt32(_ v: UInt32, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        Double(v).bitPattern  // always exact
    }
    static func fromInt64(_ v: Int64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if v.magnitude <= 1 << 53 { return Double(v).bitPattern }
        return Format.fromInteger(negative: v < 0, magnitude: v.magnitude, rm, &flags)
    }
    static func fromUInt64(_ v: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        if v <= 1 << 53 { return Double(v).bitPattern }
        return Format.fromInteger(negative: false, magnitude: v, rm, &flags)
    }

    /// fcvt.s.d: rounds in mode `rm`; NaNs become the canonical NaN (invalid if signaling).
    static func toFP32(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if rm == .nearestEven {
            let x = Double(bitPattern: a)
            let f = Float(x)
            if FP32.isSafeNormal(f.bitPattern) {
                if Double(f) != x { flags |= FPFlag.inexact }
                return f.bitPattern
            }
        }
        return narrow(a, rm, &flags)
    }

    @inline(never)
    static func narrow(_ a: UInt64, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt32 {
        if Format.isNaN(a) {
            if Format.isSignalingNaN(a) { flags |= FPFlag.invalid }
            return FP32.canonicalNaN
        }
        let negative = Format.isNegative(a)
        if Format.isInfinite(a) { return UInt32(truncatingIfNeeded: FPBinary32.infinity(negative: negative)) }
        if Format.isZero(a) { return negative ? 0x8000_0000 : 0 }
        let u = Format.unpack(a)
        return UInt32(truncatingIfNeeded: FPBinary32.round(
            negative: negative, exponent: u.exponent, significand: u.significand, rm, &flags))
    }
}
