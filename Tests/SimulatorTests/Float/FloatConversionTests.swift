// Conversions: float → integer (RISC-V saturation rules), integer → float, binary64 ↔ binary32.
// Differential against the host where the host agrees with RISC-V (in-range rounding, int → float,
// float → float), with the RISC-V saturation behaviour written here from the spec, plus
// hand-written vectors.
import HostFloatReference
import Testing
@testable import Simulator

/// Integer destination of fcvt.{w,wu,l,lu}.
enum FPIntegerKind: CaseIterable, Sendable, CustomStringConvertible {
    case int32, uint32, int64, uint64
    var description: String {
        switch self {
        case .int32: "w"
        case .uint32: "wu"
        case .int64: "l"
        case .uint64: "lu"
        }
    }
    var signed: Bool { self == .int32 || self == .int64 }
    /// Largest and smallest representable values, as Int128 so both fit.
    var maximum: Int128 {
        switch self {
        case .int32: Int128(Int32.max)
        case .uint32: Int128(UInt32.max)
        case .int64: Int128(Int64.max)
        case .uint64: Int128(UInt64.max)
        }
    }
    var minimum: Int128 {
        switch self {
        case .int32: Int128(Int32.min)
        case .int64: Int128(Int64.min)
        case .uint32, .uint64: 0
        }
    }
}

/// The RISC-V result of converting the binary64 value `x` (any binary32 value widens exactly),
/// as an Int128 value: in-range rounding comes from the host (cvtsd2si under fesetround; RMM by
/// hand), the rest from the spec table.
func fpReferenceToInteger(_ x: Double, _ kind: FPIntegerKind, _ rm: FPRoundingMode) -> (value: Int128, flags: UInt8) {
    if x.isNaN { return (kind.maximum, FPFlag.invalid) }
    var rounded: Int128? = nil  // nil: beyond ±2^64, certainly out of range
    var flags: UInt8 = 0
    if x >= 0x1p63 && x < 0x1p64 {
        rounded = Int128(UInt64(x))  // integral already
    } else if x >= -0x1p63 && x < 0x1p63 {
        rounded = Int128(hfr_f64_round_to_i64(x.bitPattern, Int32(rm.rawValue), &flags))
    }
    if let r = rounded, r >= kind.minimum, r <= kind.maximum {
        return (r, flags & FPFlag.inexact)
    }
    return (x < 0 ? kind.minimum : kind.maximum, FPFlag.invalid)
}

func fpConvertToInteger32(_ a: UInt32, _ kind: FPIntegerKind, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int128 {
    switch kind {
    case .int32: Int128(FP32.toInt32(a, rm, &flags))
    case .uint32: Int128(FP32.toUInt32(a, rm, &flags))
    case .int64: Int128(FP32.toInt64(a, rm, &flags))
    case .uint64: Int128(FP32.toUInt64(a, rm, &flags))
    }
}

func fpConvertToInteger64(_ a: UInt64, _ kind: FPIntegerKind, _ rm: FPRoundingMode, _ flags: inout UInt8) -> Int128 {
    switch kind {
    case .int32: Int128(FP64.toInt32(a, rm, &flags))
    case .uint32: Int128(FP64.toUInt32(a, rm, &flags))
    case .int64: Int128(FP64.toInt64(a, rm, &flags))
    case .uint64: Int128(FP64.toUInt64(a, rm, &flags))
    }
}

struct FPConversionMismatch: CustomStringConvertible {
    let what: String
    let expected: String
    let got: String
    var description: String { "\(what): expected \(expected), got \(got)" }
}

func fpHex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

@Suite("F/D conversions")
struct FloatConversionTests {
    // ---- Operand sets ---------------------------------------------------------------------

    /// binary64 values around every integer-range boundary and rounding case.
    static func interestingDoubles() -> [Double] {
        var v: [Double] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 3.5, 0.49999999999999994, 1e-300, 0x1p-1074, 0x1p-1022]
        for boundary in [0x1p31, 0x1p32, 0x1p63, 0x1p64, 0x1p24, 0x1p53, 0x1p52] {
            var x = boundary
            for _ in 0..<3 { x = x.nextDown }
            for _ in 0..<7 {
                v.append(x)
                x = x.nextUp
            }
            for d in [-1.5, -1, -0.5, -0.25, 0.25, 0.5, 1, 1.5] where boundary < 0x1p52 {
                v.append(boundary + d)
            }
        }
        v += [.infinity, .greatestFiniteMagnitude, 1e20, 1e30]
        let both = v + v.map { -$0 }
        return both + [.nan, -.nan, Double(bitPattern: 0x7ff0_0000_0000_0001), Double(bitPattern: 0xfff4_0000_0000_0000)]
    }

    static func randomDouble(_ r: inout FPTestRandom) -> Double {
        // Exponents mostly where integer conversions are interesting: [-3, 66].
        let e = r.chance(1, in: 8) ? r.below(2047) : 1023 - 3 + r.below(70)
        let fraction = FPTestFormat.binary64.randomFraction(&r)
        return Double(bitPattern: FPTestFormat.binary64.make(negative: r.bool(), field: e, fraction: fraction))
    }

    // ---- Float → integer ------------------------------------------------------------------

    @Test("fcvt.{w,wu,l,lu}.d vs reference", .enabled(if: fpHostReferenceAvailable), arguments: FPIntegerKind.allCases)
    func doubleToInteger(kind: FPIntegerKind) {
        var rng = FPTestRandom(seed: 0xc0de_0064)
        var inputs = Self.interestingDoubles()
        for _ in 0..<20_000 * FPTestSettings.scale { inputs.append(Self.randomDouble(&rng)) }
        var log = FPMismatchLog<FPConversionMismatch>()
        for x in inputs {
            for rm in fpAllRoundingModes {
                let (expected, expectedFlags) = fpReferenceToInteger(x, kind, rm)
                var flags: UInt8 = 0
                let got = fpConvertToInteger64(x.bitPattern, kind, rm, &flags)
                log.record(got == expected && flags == expectedFlags ? nil : FPConversionMismatch(
                    what: "fcvt.\(kind).d(\(fpHex(x.bitPattern)) = \(x)) rm=\(rm)",
                    expected: "\(expected) flags \(expectedFlags)", got: "\(got) flags \(flags)"))
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("fcvt.{w,wu,l,lu}.s vs reference", .enabled(if: fpHostReferenceAvailable), arguments: FPIntegerKind.allCases)
    func floatToInteger(kind: FPIntegerKind) {
        var rng = FPTestRandom(seed: 0xc0de_0032)
        var inputs = Self.interestingDoubles().map { Float($0).bitPattern }.filter { Float(bitPattern: $0).isFinite }
        inputs += FPTestFormat.binary32.specials.map { UInt32($0) }
        for _ in 0..<20_000 * FPTestSettings.scale {
            let e = rng.chance(1, in: 8) ? rng.below(255) : 127 - 3 + rng.below(70)
            inputs.append(UInt32(FPTestFormat.binary32.make(
                negative: rng.bool(), field: e, fraction: FPTestFormat.binary32.randomFraction(&rng))))
        }
        var log = FPMismatchLog<FPConversionMismatch>()
        for a in inputs {
            for rm in fpAllRoundingModes {
                let x = Double(Float(bitPattern: a))
                let (expected, expectedFlags) = fpReferenceToInteger(x, kind, rm)
                var flags: UInt8 = 0
                let got = fpConvertToInteger32(a, kind, rm, &flags)
                log.record(got == expected && flags == expectedFlags ? nil : FPConversionMismatch(
                    what: "fcvt.\(kind).s(\(fpHex(UInt64(a))) = \(x)) rm=\(rm)",
                    expected: "\(expected) flags \(expectedFlags)", got: "\(got) flags \(flags)"))
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("Float → integer spec vectors")
    func toIntegerVectors() {
        func check(_ x: Double, _ kind: FPIntegerKind, _ rm: FPRoundingMode, _ value: Int128, _ flags: UInt8,
                   sourceLocation: SourceLocation = #_sourceLocation) {
            var f: UInt8 = 0
            let got = fpConvertToInteger64(x.bitPattern, kind, rm, &f)
            #expect(got == value && f == flags, "fcvt.\(kind).d(\(x)) rm=\(rm): got \(got) flags \(f)",
                    sourceLocation: sourceLocation)
            // The same value as binary32, where exactly representable.
            if Double(Float(x)) == x || x.isNaN {
                var g: UInt8 = 0
                let gotS = fpConvertToInteger32(Float(x).bitPattern, kind, rm, &g)
                #expect(gotS == value && g == flags, "fcvt.\(kind).s(\(x)) rm=\(rm): got \(gotS) flags \(g)",
                        sourceLocation: sourceLocation)
            }
        }
        let nx = FPFlag.inexact, nv = FPFlag.invalid
        let i32max = Int128(Int32.max), i32min = Int128(Int32.min)
        let i64max = Int128(Int64.max), i64min = Int128(Int64.min)
        let u32max = Int128(UInt32.max), u64max = Int128(UInt64.max)
        // NaN (any sign, quiet or signaling) → largest positive value, invalid.
        for nan in [Double.nan, -Double.nan, Double(bitPattern: 0x7ff0_0000_0000_0001)] {
            check(nan, .int32, .nearestEven, i32max, nv)
            check(nan, .uint32, .towardZero, u32max, nv)
            check(nan, .int64, .down, i64max, nv)
            check(nan, .uint64, .up, u64max, nv)
        }
        var f: UInt8 = 0
        #expect(FP32.toInt32(0xffc0_0000, .nearestEven, &f) == Int32.max && f == nv)  // negative qNaN
        f = 0
        #expect(FP32.toUInt64(0x7f80_0001, .towardZero, &f) == UInt64.max && f == nv)  // sNaN
        // Infinities.
        check(.infinity, .int32, .nearestEven, i32max, nv)
        check(-.infinity, .int32, .nearestEven, i32min, nv)
        check(-.infinity, .uint32, .nearestEven, 0, nv)
        check(-.infinity, .int64, .towardZero, i64min, nv)
        check(.infinity, .uint64, .towardZero, u64max, nv)
        // Limits of fcvt.w: −2^31 is fine, 2^31 is not.
        check(-0x1p31, .int32, .nearestEven, i32min, 0)
        check(0x1p31, .int32, .nearestEven, i32max, nv)
        check(2147483647, .int32, .nearestEven, i32max, 0)
        check(2147483647.5, .int32, .towardZero, i32max, nx)
        check(2147483647.5, .int32, .nearestEven, i32max, nv)  // rounds to 2^31
        check(-2147483648.5, .int32, .towardZero, i32min, nx)
        check(-2147483648.5, .int32, .nearestEven, i32min, nx)  // tie to even −2^31
        check(-2147483648.5, .int32, .nearestMaxMagnitude, i32min, nv)  // −2^31 − 1
        check(-2147483648.5, .int32, .down, i32min, nv)
        check(-2147483648.5, .int32, .up, i32min, nx)
        // fcvt.wu: negative values that round to zero are fine.
        check(-0.5, .uint32, .towardZero, 0, nx)
        check(-0.5, .uint32, .nearestEven, 0, nx)
        check(-0.5, .uint32, .up, 0, nx)
        check(-0.5, .uint32, .nearestMaxMagnitude, 0, nv)
        check(-0.5, .uint32, .down, 0, nv)
        check(-1e-300, .uint64, .towardZero, 0, nx)
        check(-1, .uint32, .towardZero, 0, nv)
        check(-0.0, .uint32, .down, 0, 0)
        check(-0.0, .int64, .down, 0, 0)
        check(4294967295, .uint32, .nearestEven, u32max, 0)
        check(4294967295.5, .uint32, .towardZero, u32max, nx)
        check(4294967295.5, .uint32, .nearestEven, u32max, nv)
        check(0x1p32, .uint32, .towardZero, u32max, nv)
        // 64-bit limits.
        check(-0x1p63, .int64, .nearestEven, i64min, 0)
        check(0x1p63, .int64, .nearestEven, i64max, nv)
        check(0x1p63, .uint64, .nearestEven, Int128(1) << 63, 0)
        check(0x1p64.nextDown, .uint64, .nearestEven, Int128(UInt64(0x1p64.nextDown)), 0)
        check(0x1p64, .uint64, .nearestEven, u64max, nv)
        let minus2p63: Double = -0x1p63
        check(minus2p63.nextUp, .int64, .up, Int128(Int64(minus2p63.nextUp)), 0)
        check(minus2p63.nextDown, .int64, .up, i64min, nv)
        check(1e300, .int64, .towardZero, i64max, nv)
        check(-1e300, .uint64, .towardZero, 0, nv)
        // Rounding of fractions in every mode.
        let modes = fpAllRoundingModes
        for (x, results) in [
            (2.5, [2, 2, 2, 3, 3]), (-2.5, [-2, -2, -3, -2, -3]), (0.5, [0, 0, 0, 1, 1]),
            (1.5, [2, 1, 1, 2, 2]), (-0.75, [-1, 0, -1, 0, -1]), (1e-300, [0, 0, 0, 1, 0]),
            (-1e-300, [0, 0, -1, 0, 0]), (7.0, [7, 7, 7, 7, 7]),
        ] as [(Double, [Int])] {
            for (rm, value) in zip(modes, results) {
                check(x, .int32, rm, Int128(value), x == x.rounded(.towardZero) ? 0 : nx)
                check(x, .int64, rm, Int128(value), x == x.rounded(.towardZero) ? 0 : nx)
            }
        }
    }

    // ---- Integer → float ------------------------------------------------------------------

    static func interestingIntegers(_ r: inout FPTestRandom) -> [UInt64] {
        var v: [UInt64] = [0, 1, 2, 3, UInt64.max, UInt64.max - 1, 1 << 63, (1 << 63) - 1, (1 << 63) + 1]
        for bits in [24, 25, 31, 32, 53, 54, 63, 64] {
            let p = bits == 64 ? UInt64.max : (1 << UInt64(bits)) - 1
            v += [p, p &+ 1, p &+ 2, p - 1]
        }
        // Exact ties and near-ties for 24- and 53-bit rounding.
        for (width, precision) in [(25, 24), (26, 24), (40, 24), (64, 24), (54, 53), (60, 53), (64, 53)] {
            let drop = width - precision
            let top = (UInt64(1) << UInt64(width - 1)) | (r.next() & ((1 << UInt64(width - 1)) - 1)) & ~((1 << UInt64(drop)) - 1)
            let half = UInt64(1) << UInt64(drop - 1)
            v += [top | half, top | (half - 1), top | (half + 1), (top | half) ^ (1 << UInt64(drop))]
        }
        for _ in 0..<6000 * FPTestSettings.scale {
            let width = 1 + r.below(64)
            var x = r.next() >> UInt64(64 - width)
            if r.chance(1, in: 3) { x &= ~((1 << UInt64(r.below(width))) - 1) }  // few low bits
            v.append(x)
        }
        return v
    }

    @Test("fcvt.{s,d}.{w,wu,l,lu} vs host", .enabled(if: fpHostReferenceAvailable))
    func integerToFloat() {
        var rng = FPTestRandom(seed: 0x1_2f10)
        let values = Self.interestingIntegers(&rng)
        var log = FPMismatchLog<FPConversionMismatch>()
        func record(_ what: @autoclosure () -> String, _ expected: UInt64, _ ef: UInt8, _ got: UInt64, _ gf: UInt8) {
            log.record(expected == got && ef == gf ? nil : FPConversionMismatch(
                what: what(), expected: "\(fpHex(expected)) flags \(ef)", got: "\(fpHex(got)) flags \(gf)"))
        }
        for v in values {
            let s64 = Int64(bitPattern: v)
            let s32 = Int32(truncatingIfNeeded: v), u32 = UInt32(truncatingIfNeeded: v)
            for rm in fpAllRoundingModes {
                let m = Int32(rm.rawValue)
                var ef: UInt8 = 0, gf: UInt8 = 0
                var e = UInt64(hfr_i64_to_f32(s64, m, &ef)); var g = UInt64(FP32.fromInt64(s64, rm, &gf))
                record("fcvt.s.l(\(s64)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = UInt64(hfr_u64_to_f32(v, m, &ef)); g = UInt64(FP32.fromUInt64(v, rm, &gf))
                record("fcvt.s.lu(\(v)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = hfr_i64_to_f64(s64, m, &ef); g = FP64.fromInt64(s64, rm, &gf)
                record("fcvt.d.l(\(s64)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = hfr_u64_to_f64(v, m, &ef); g = FP64.fromUInt64(v, rm, &gf)
                record("fcvt.d.lu(\(v)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = UInt64(hfr_i64_to_f32(Int64(s32), m, &ef)); g = UInt64(FP32.fromInt32(s32, rm, &gf))
                record("fcvt.s.w(\(s32)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = UInt64(hfr_u64_to_f32(UInt64(u32), m, &ef)); g = UInt64(FP32.fromUInt32(u32, rm, &gf))
                record("fcvt.s.wu(\(u32)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = hfr_i64_to_f64(Int64(s32), m, &ef); g = FP64.fromInt32(s32, rm, &gf)
                record("fcvt.d.w(\(s32)) rm=\(rm)", e, ef, g, gf)
                ef = 0; gf = 0
                e = hfr_u64_to_f64(UInt64(u32), m, &ef); g = FP64.fromUInt32(u32, rm, &gf)
                record("fcvt.d.wu(\(u32)) rm=\(rm)", e, ef, g, gf)
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("Integer → float spec vectors")
    func fromIntegerVectors() {
        var f: UInt8 = 0
        #expect(FP32.fromInt32(0, .down, &f) == 0 && f == 0)  // +0, never −0
        #expect(FP64.fromInt64(0, .down, &f) == 0 && f == 0)
        #expect(FP32.fromInt32(Int32.max, .nearestEven, &f) == 0x4f00_0000 && f == FPFlag.inexact)
        f = 0
        #expect(FP32.fromInt32(Int32.max, .towardZero, &f) == 0x4eff_ffff && f == FPFlag.inexact)
        f = 0
        #expect(FP32.fromInt32(Int32.min, .nearestEven, &f) == 0xcf00_0000 && f == 0)
        #expect(FP64.fromInt64(Int64.min, .nearestEven, &f) == 0xc3e0_0000_0000_0000 && f == 0)
        #expect(FP32.fromUInt64(UInt64.max, .nearestEven, &f) == 0x5f80_0000 && f == FPFlag.inexact)
        f = 0
        #expect(FP32.fromUInt64(UInt64.max, .towardZero, &f) == 0x5f7f_ffff && f == FPFlag.inexact)
        // 2^24 + 1 is a tie for binary32: RNE → 2^24, RMM → 2^24 + 2.
        let tie: [(FPRoundingMode, UInt32)] = [
            (.nearestEven, 0x4b80_0000), (.towardZero, 0x4b80_0000), (.down, 0x4b80_0000),
            (.up, 0x4b80_0001), (.nearestMaxMagnitude, 0x4b80_0001),
        ]
        for (rm, bits) in tie {
            f = 0
            #expect(FP32.fromInt32(16_777_217, rm, &f) == bits && f == FPFlag.inexact, "rm=\(rm)")
            f = 0
            let negative = FP32.fromInt32(-16_777_217, rm, &f)
            let mirrored: FPRoundingMode = rm == .down ? .up : rm == .up ? .down : rm
            var g: UInt8 = 0
            #expect(negative == FP32.fromInt32(16_777_217, mirrored, &g) | 0x8000_0000 && f == FPFlag.inexact)
        }
        f = 0
        #expect(FP64.fromInt64((1 << 53) + 1, .nearestMaxMagnitude, &f) == 0x4340_0000_0000_0001 && f == FPFlag.inexact)
        f = 0
        #expect(FP64.fromInt64((1 << 53) + 1, .nearestEven, &f) == 0x4340_0000_0000_0000 && f == FPFlag.inexact)
        f = 0
        #expect(FP64.fromInt32(Int32.min, .towardZero, &f) == (-2147483648.0).bitPattern && f == 0)
        #expect(FP64.fromUInt32(UInt32.max, .towardZero, &f) == 4294967295.0.bitPattern && f == 0)
    }

    // ---- binary64 ↔ binary32 --------------------------------------------------------------

    @Test("fcvt.s.d vs host", .enabled(if: fpHostReferenceAvailable))
    func doubleToFloat() {
        var rng = FPTestRandom(seed: 0xd2f)
        var inputs = FPTestFormat.binary64.specials
        inputs += FPTestFormat.binary32.specials.map { Double(Float(bitPattern: UInt32($0))).bitPattern }
        let fmt = FPTestFormat.binary64
        for _ in 0..<40_000 * FPTestSettings.scale {
            // Exponents around the binary32 range, fractions with rounding patterns at bit 29.
            let field = rng.chance(1, in: 6) ? rng.below(2048) : 1023 - 155 + rng.below(290)
            var fraction = fmt.randomFraction(&rng)
            if rng.bool() { fraction = (fraction & ~0x3fff_ffff) | UInt64(rng.below(4)) << 28 | (rng.bool() ? 0 : 1) }
            inputs.append(fmt.make(negative: rng.bool(), field: field, fraction: fraction))
        }
        var log = FPMismatchLog<FPConversionMismatch>()
        for a in inputs {
            for rm in fpAllRoundingModes {
                var ef: UInt8 = 0, gf: UInt8 = 0
                var e = hfr_f64_to_f32(a, Int32(rm.rawValue), &ef)
                if Float(bitPattern: e).isNaN { e = FP32.canonicalNaN }
                let g = FP64.toFP32(a, rm, &gf)
                log.record(e == g && ef == gf ? nil : FPConversionMismatch(
                    what: "fcvt.s.d(\(fpHex(a))) rm=\(rm)", expected: "\(fpHex(UInt64(e))) flags \(ef)",
                    got: "\(fpHex(UInt64(g))) flags \(gf)"))
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("fcvt.d.s vs host", .enabled(if: fpHostReferenceAvailable))
    func floatToDouble() {
        var rng = FPTestRandom(seed: 0x2fd)
        var inputs = FPTestFormat.binary32.specials.map { UInt32($0) }
        for _ in 0..<20_000 * FPTestSettings.scale { inputs.append(UInt32(truncatingIfNeeded: rng.next())) }
        var log = FPMismatchLog<FPConversionMismatch>()
        for a in inputs {
            var ef: UInt8 = 0, gf: UInt8 = 0
            var e = hfr_f32_to_f64(a, &ef)
            if Double(bitPattern: e).isNaN { e = FP64.canonicalNaN }
            let g = FP32.toFP64(a, &gf)
            log.record(e == g && ef == gf ? nil : FPConversionMismatch(
                what: "fcvt.d.s(\(fpHex(UInt64(a))))", expected: "\(fpHex(e)) flags \(ef)", got: "\(fpHex(g)) flags \(gf)"))
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("binary64 ↔ binary32 spec vectors")
    func floatFloatVectors() {
        let nx = FPFlag.inexact, uf = FPFlag.underflow, of = FPFlag.overflow
        func narrow(_ x: UInt64, _ rm: FPRoundingMode, _ bits: UInt32, _ flags: UInt8,
                    sourceLocation: SourceLocation = #_sourceLocation) {
            var f: UInt8 = 0
            let got = FP64.toFP32(x, rm, &f)
            #expect(got == bits && f == flags, "fcvt.s.d(\(fpHex(x))) rm=\(rm): got \(fpHex(UInt64(got))) flags \(f)",
                    sourceLocation: sourceLocation)
        }
        let tie = (1 + 0x1p-24).bitPattern  // halfway between 1 and 1 + 2^-23
        narrow(tie, .nearestEven, 0x3f80_0000, nx)
        narrow(tie, .nearestMaxMagnitude, 0x3f80_0001, nx)
        narrow(tie, .up, 0x3f80_0001, nx)
        narrow(tie | 1 << 63, .nearestMaxMagnitude, 0xbf80_0001, nx)
        narrow(Double.greatestFiniteMagnitude.bitPattern, .nearestEven, 0x7f80_0000, of | nx)
        narrow(Double.greatestFiniteMagnitude.bitPattern, .towardZero, 0x7f7f_ffff, of | nx)
        narrow((-Double.greatestFiniteMagnitude).bitPattern, .up, 0xff7f_ffff, of | nx)
        narrow((-Double.greatestFiniteMagnitude).bitPattern, .down, 0xff80_0000, of | nx)
        narrow(0x1p-150.bitPattern, .nearestEven, 0, uf | nx)  // tie between 0 and 2^-149
        narrow(0x1p-150.bitPattern, .nearestMaxMagnitude, 1, uf | nx)
        narrow(0x1p-150.bitPattern, .up, 1, uf | nx)
        narrow((-0x1p-150).bitPattern, .down, 0x8000_0001, uf | nx)
        narrow(0x1p-149.bitPattern, .nearestEven, 1, 0)  // exact subnormal: no underflow
        // Tininess after rounding: (1 − 2^-25)·2^-126 rounds to 2^-126 at 24 bits → not tiny.
        narrow(((1 - 0x1p-25) * 0x1p-126).bitPattern, .nearestEven, 0x0080_0000, nx)
        // (1 − 2^-24)·2^-126 has 24 bits, so it is tiny; it still rounds up to 2^-126.
        narrow(((1 - 0x1p-24) * 0x1p-126).bitPattern, .nearestEven, 0x0080_0000, uf | nx)
        narrow(((1 - 0x1p-24) * 0x1p-126).bitPattern, .towardZero, 0x007f_ffff, uf | nx)
        narrow(Double.nan.bitPattern, .nearestEven, FP32.canonicalNaN, 0)
        narrow(0x7ff0_0000_0000_0001, .nearestEven, FP32.canonicalNaN, FPFlag.invalid)
        narrow(0xfff8_0000_dead_beef, .nearestEven, FP32.canonicalNaN, 0)
        narrow((-0.0).bitPattern, .nearestEven, 0x8000_0000, 0)
        narrow((-Double.infinity).bitPattern, .towardZero, 0xff80_0000, 0)

        var f: UInt8 = 0
        #expect(FP32.toFP64(0x7f80_0001, &f) == FP64.canonicalNaN && f == FPFlag.invalid)
        f = 0
        #expect(FP32.toFP64(0xffc0_1234, &f) == FP64.canonicalNaN && f == 0)
        #expect(FP32.toFP64(0x8000_0000, &f) == (-0.0).bitPattern && f == 0)
        #expect(FP32.toFP64(1, &f) == 0x1p-149.bitPattern && f == 0)
        #expect(FP32.toFP64(0xff80_0000, &f) == (-Double.infinity).bitPattern && f == 0)
    }
}
