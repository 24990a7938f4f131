// fmin/fmax (RISC-V 2.2+ semantics), feq/flt/fle and fclass, for both precisions.

extension FPBinaryFormat {
    /// a < b for non-NaN values, with −0 < +0 (the order fmin/fmax use).
    @inline(__always)
    static func totalLess(_ a: UInt64, _ b: UInt64) -> Bool {
        let aNegative = isNegative(a)
        if aNegative != isNegative(b) { return aNegative }
        return aNegative ? a > b : a < b
    }

    /// fmin (isMax false) / fmax: one NaN operand gives the other operand, two give the canonical
    /// NaN; a signaling NaN raises invalid; −0 is less than +0.
    @inline(__always)
    static func minMax(_ a: UInt64, _ b: UInt64, isMax: Bool, _ flags: inout UInt8) -> UInt64 {
        let aNaN = isNaN(a), bNaN = isNaN(b)
        if aNaN || bNaN {
            if isSignalingNaN(a) || isSignalingNaN(b) { flags |= FPFlag.invalid }
            if aNaN && bNaN { return canonicalNaN }
            return aNaN ? b : a
        }
        return totalLess(a, b) != isMax ? a : b
    }

    /// feq: quiet comparison (invalid only for a signaling NaN); +0 == −0.
    @inline(__always)
    static func equal(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        if isNaN(a) || isNaN(b) {
            if isSignalingNaN(a) || isSignalingNaN(b) { flags |= FPFlag.invalid }
            return false
        }
        return a == b || magnitude(a | b) == 0
    }

    /// flt: signaling comparison (invalid for any NaN).
    @inline(__always)
    static func less(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        if isNaN(a) || isNaN(b) {
            flags |= FPFlag.invalid
            return false
        }
        if magnitude(a | b) == 0 { return false }
        return totalLess(a, b)
    }

    /// fle: signaling comparison (invalid for any NaN).
    @inline(__always)
    static func lessOrEqual(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        if isNaN(a) || isNaN(b) {
            flags |= FPFlag.invalid
            return false
        }
        if a == b || magnitude(a | b) == 0 { return true }
        return totalLess(a, b)
    }

    /// fclass: exactly one of bits 0...9 is set.
    /// 0 −inf, 1 −normal, 2 −subnormal, 3 −0, 4 +0, 5 +subnormal, 6 +normal, 7 +inf,
    /// 8 signaling NaN, 9 quiet NaN.
    @inline(__always)
    static func classify(_ a: UInt64) -> UInt64 {
        if isNaN(a) { return a & quietBit != 0 ? 1 << 9 : 1 << 8 }
        let negative = isNegative(a)
        let e = biasedExponent(a)
        let bit: UInt64
        if e == maxBiasedExponent {
            bit = negative ? 0 : 7
        } else if e != 0 {
            bit = negative ? 1 : 6
        } else if a & fractionMask != 0 {
            bit = negative ? 2 : 5
        } else {
            bit = negative ? 3 : 4
        }
        return 1 << bit
    }
}

extension FP32 {
    static func min(_ a: UInt32, _ b: UInt32, _ flags: inout UInt8) -> UInt32 {
        UInt32(truncatingIfNeeded: Format.minMax(UInt64(a), UInt64(b), isMax: false, &flags))
    }
    static func max(_ a: UInt32, _ b: UInt32, _ flags: inout UInt8) -> UInt32 {
        UInt32(truncatingIfNeeded: Format.minMax(UInt64(a), UInt64(b), isMax: true, &flags))
    }
    static func equal(_ a: UInt32, _ b: UInt32, _ flags: inout UInt8) -> Bool {
        Format.equal(UInt64(a), UInt64(b), &flags)
    }
    static func less(_ a: UInt32, _ b: UInt32, _ flags: inout UInt8) -> Bool {
        Format.less(UInt64(a), UInt64(b), &flags)
    }
    static func lessOrEqual(_ a: UInt32, _ b: UInt32, _ flags: inout UInt8) -> Bool {
        Format.lessOrEqual(UInt64(a), UInt64(b), &flags)
    }
    static func classify(_ a: UInt32) -> UInt64 {
        Format.classify(UInt64(a))
    }
}

extension FP64 {
    static func min(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> UInt64 {
        Format.minMax(a, b, isMax: false, &flags)
    }
    static func max(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> UInt64 {
        Format.minMax(a, b, isMax: true, &flags)
    }
    static func equal(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        Format.equal(a, b, &flags)
    }
    static func less(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        Format.less(a, b, &flags)
    }
    static func lessOrEqual(_ a: UInt64, _ b: UInt64, _ flags: inout UInt8) -> Bool {
        Format.lessOrEqual(a, b, &flags)
    }
    static func classify(_ a: UInt64) -> UInt64 {
        Format.classify(a)
    }
}
