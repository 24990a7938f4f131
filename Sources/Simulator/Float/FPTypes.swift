// Public vocabulary of the F/D floating-point unit: rounding modes and exception flags.
//
// The unit is a set of pure functions on IEEE bit patterns (FP32 on UInt32, FP64 on UInt64)
// that follow the RISC-V F/D rules exactly: canonical NaN results, all five rounding modes and
// the five flags, tininess detected after rounding.
//   FP32.swift / FP64.swift    arithmetic entry points; round-to-nearest-even fast paths on the
//                              host FPU with error-free exactness tests
//   FPExactArithmetic.swift    exact integer-significand add/mul/div/fma (the slow paths)
//   FPRounding.swift           rounding, overflow and underflow of an exact result
//   FPBinaryFormat.swift       binary32/binary64 layouts (a type parameter of the slow paths)
//   FPComparisons.swift        fmin/fmax, feq/flt/fle, fclass
//   FPConversions.swift        float <-> integer, binary32 <-> binary64
// The fast paths assume the host's default floating-point environment (round to nearest even,
// no flush-to-zero / denormals-are-zero), which Swift programs keep; host flags are never read.

/// RISC-V rounding-mode encodings 0...4 (the `rm` field / `frm`).
/// The interpreter resolves the dynamic mode 7 and rejects the reserved encodings 5 and 6.
enum FPRoundingMode: UInt8, Sendable {
    /// RNE: round to nearest, ties to even.
    case nearestEven = 0
    /// RTZ: round toward zero.
    case towardZero = 1
    /// RDN: round down, toward negative infinity.
    case down = 2
    /// RUP: round up, toward positive infinity.
    case up = 3
    /// RMM: round to nearest, ties to max magnitude (away from zero).
    case nearestMaxMagnitude = 4
}

/// The accrued exception flags, with the bit positions of `fflags` in the `fcsr`.
/// Operations OR these into their `flags` argument and never clear it.
enum FPFlag {
    /// NX
    static let inexact: UInt8 = 0x01
    /// UF: result tiny (after rounding) and inexact.
    static let underflow: UInt8 = 0x02
    /// OF
    static let overflow: UInt8 = 0x04
    /// DZ
    static let divideByZero: UInt8 = 0x08
    /// NV
    static let invalid: UInt8 = 0x10
}
