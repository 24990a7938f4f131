// Correct rounding of an exactly known (or sticky-compressed) value into a binary format,
// with every IEEE-754 / RISC-V rule: five rounding modes, overflow to infinity or the largest
// finite value, gradual underflow with tininess detected after rounding, and the flags.

/// Shifts right by `count` bits, OR-ing every bit shifted out into bit 0 ("jamming"), so the
/// result still tells whether the discarded part was nonzero. Any count ≥ 0 is allowed.
@inline(__always)
func fpShiftRightJam(_ x: UInt64, _ count: Int) -> UInt64 {
    if count == 0 { return x }
    if count < 64 {
        return (x >> UInt64(count)) | (x << UInt64(64 - count) != 0 ? 1 : 0)
    }
    return x != 0 ? 1 : 0
}

/// 128-bit version of `fpShiftRightJam`.
@inline(__always)
func fpShiftRightJam(_ x: UInt128, _ count: Int) -> UInt128 {
    if count == 0 { return x }
    if count < 128 {
        return (x >> UInt128(count)) | (x << UInt128(128 - count) != 0 ? 1 : 0)
    }
    return x != 0 ? 1 : 0
}

extension FPRoundingMode {
    /// Whether rounding a magnitude whose discarded part is `discarded` (compared against
    /// `half`, the weight of the first discarded bit) increments the kept part, whose lowest bit
    /// is `lsbOdd`.
    @inline(__always)
    func incrementsMagnitude(negative: Bool, lsbOdd: Bool, discarded: UInt64, half: UInt64) -> Bool {
        switch self {
        case .nearestEven: return discarded > half || (discarded == half && lsbOdd)
        case .nearestMaxMagnitude: return discarded >= half
        case .towardZero: return false
        case .down: return negative && discarded != 0
        case .up: return !negative && discarded != 0
        }
    }
}

extension FPBinaryFormat {
    /// The result of an overflow in mode `rm`: infinity, or the largest finite value for the
    /// modes that round toward zero from that side. Raises overflow and inexact.
    @inline(__always)
    static func overflowResult(negative: Bool, _ rm: FPRoundingMode, _ flags: inout UInt8) -> UInt64 {
        flags |= FPFlag.overflow | FPFlag.inexact
        let toInfinity: Bool
        switch rm {
        case .nearestEven, .nearestMaxMagnitude: toInfinity = true
        case .towardZero: toInfinity = false
        case .down: toInfinity = negative
        case .up: toInfinity = !negative
        }
        return zero(negative: negative) | (toInfinity ? infinity : largestFinite)
    }

    /// Rounds (-1)^negative × significand × 2^(exponent − 63) to this format.
    /// `significand` must have bit 63 set; its bit 0 may be a sticky bit (the value then lies
    /// strictly between the neighbours of that odd pattern, which rounds identically because
    /// at least 11 bits lie below the rounding position).
    /// Kept out of line so that the callers stay small enough for their own helpers to inline.
    @inline(never)
    static func round(
        negative: Bool, exponent: Int, significand: UInt64,
        _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        let p = precision
        let extra = 64 - p  // discarded bits for a normal result (40 or 11)
        let lowMask: UInt64 = (1 << UInt64(extra)) - 1
        let half: UInt64 = 1 << UInt64(extra - 1)
        let sign = zero(negative: negative)

        if exponent >= minExponent {
            var q = significand >> UInt64(extra)
            let discarded = significand & lowMask
            var e = exponent
            if rm.incrementsMagnitude(negative: negative, lsbOdd: q & 1 != 0, discarded: discarded, half: half) {
                q += 1
                if q == 1 << UInt64(p) {
                    q >>= 1
                    e += 1
                }
            }
            if e > maxExponent { return overflowResult(negative: negative, rm, &flags) }
            if discarded != 0 { flags |= FPFlag.inexact }
            return sign | (UInt64(e + bias) << UInt64(fractionBits)) | (q & fractionMask)
        }

        // Below the normal range. Tininess is judged after rounding: the value is tiny unless
        // rounding it to p bits with an unbounded exponent range gives 2^emin, which can only
        // happen one binade below.
        let shift = minExponent - exponent
        var tiny = true
        if shift == 1 {
            let q = significand >> UInt64(extra)
            let discarded = significand & lowMask
            if q == (1 << UInt64(p)) - 1
                && rm.incrementsMagnitude(negative: negative, lsbOdd: true, discarded: discarded, half: half)
            {
                tiny = false
            }
        }
        let denormal = fpShiftRightJam(significand, shift)
        var q = denormal >> UInt64(extra)
        let discarded = denormal & lowMask
        if rm.incrementsMagnitude(negative: negative, lsbOdd: q & 1 != 0, discarded: discarded, half: half) {
            q += 1  // may carry into the smallest normal exponent field, which is then correct
        }
        if discarded != 0 {
            flags |= tiny ? FPFlag.inexact | FPFlag.underflow : FPFlag.inexact
        }
        return sign | q
    }

    /// Rounds (-1)^negative × significand × 2^(exponent − 63) for any nonzero `significand`,
    /// normalizing it first. A sticky bit 0 stays sound through the normalizing shift as long as
    /// the shift leaves it at least two bits below the rounding position (callers shift by ≤ 2
    /// whenever they jammed).
    @inline(__always)
    static func normalizeAndRound(
        negative: Bool, exponent: Int, significand: UInt64,
        _ rm: FPRoundingMode, _ flags: inout UInt8
    ) -> UInt64 {
        let lz = significand.leadingZeroBitCount
        return round(
            negative: negative, exponent: exponent - lz, significand: significand << UInt64(lz), rm, &flags)
    }
}
