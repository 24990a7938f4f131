// fmin/fmax, feq/flt/fle and fclass: hand-written vectors from the RISC-V spec, plus a sweep over
// special and random operands against reference logic built from the host's IEEE comparisons.
import Testing
@testable import Simulator

@Suite("F/D min, max, compare, classify")
struct FloatComparisonTests {
    static let qNaN32: UInt32 = 0x7fc0_0000, sNaN32: UInt32 = 0x7fa0_0000, negQNaN32: UInt32 = 0xffc0_0001
    static let qNaN64: UInt64 = 0x7ff8_0000_0000_0000, sNaN64: UInt64 = 0x7ff0_0000_0000_0001
    static func f(_ x: Float) -> UInt32 { x.bitPattern }
    static func d(_ x: Double) -> UInt64 { x.bitPattern }

    @Test("fmin/fmax vectors")
    func minMaxVectors() {
        let nv = FPFlag.invalid
        func check32(_ a: UInt32, _ b: UInt32, min expectedMin: UInt32, max expectedMax: UInt32, _ flags: UInt8,
                     sourceLocation: SourceLocation = #_sourceLocation) {
            var f1: UInt8 = 0, f2: UInt8 = 0
            let lo = FP32.min(a, b, &f1), hi = FP32.max(a, b, &f2)
            #expect(lo == expectedMin && f1 == flags, "fmin.s(\(fpHex(UInt64(a))), \(fpHex(UInt64(b))))", sourceLocation: sourceLocation)
            #expect(hi == expectedMax && f2 == flags, "fmax.s(\(fpHex(UInt64(a))), \(fpHex(UInt64(b))))", sourceLocation: sourceLocation)
        }
        func check64(_ a: UInt64, _ b: UInt64, min expectedMin: UInt64, max expectedMax: UInt64, _ flags: UInt8,
                     sourceLocation: SourceLocation = #_sourceLocation) {
            var f1: UInt8 = 0, f2: UInt8 = 0
            let lo = FP64.min(a, b, &f1), hi = FP64.max(a, b, &f2)
            #expect(lo == expectedMin && f1 == flags, "fmin.d(\(fpHex(a)), \(fpHex(b)))", sourceLocation: sourceLocation)
            #expect(hi == expectedMax && f2 == flags, "fmax.d(\(fpHex(a)), \(fpHex(b)))", sourceLocation: sourceLocation)
        }
        let f = Self.f, d = Self.d
        for (a, b) in [(f(-0.0), f(0.0)), (f(0.0), f(-0.0))] { check32(a, b, min: f(-0.0), max: f(0.0), 0) }
        for (a, b) in [(d(-0.0), d(0.0)), (d(0.0), d(-0.0))] { check64(a, b, min: d(-0.0), max: d(0.0), 0) }
        check32(f(1), f(2), min: f(1), max: f(2), 0)
        check32(f(-1), f(-2), min: f(-2), max: f(-1), 0)
        check32(f(-.infinity), f(3), min: f(-.infinity), max: f(3), 0)
        check32(f(.infinity), f(.greatestFiniteMagnitude), min: f(.greatestFiniteMagnitude), max: f(.infinity), 0)
        check32(1, 0x8000_0001, min: 0x8000_0001, max: 1, 0)  // subnormals
        // One NaN: the other operand; a signaling NaN also raises invalid.
        check32(Self.qNaN32, f(1), min: f(1), max: f(1), 0)
        check32(f(-5), Self.negQNaN32, min: f(-5), max: f(-5), 0)
        check32(Self.sNaN32, f(1), min: f(1), max: f(1), nv)
        check32(f(-0.0), Self.sNaN32, min: f(-0.0), max: f(-0.0), nv)
        // Two NaNs: the canonical NaN.
        check32(Self.qNaN32 | 5, Self.negQNaN32, min: FP32.canonicalNaN, max: FP32.canonicalNaN, 0)
        check32(Self.sNaN32, Self.qNaN32, min: FP32.canonicalNaN, max: FP32.canonicalNaN, nv)
        check64(d(1), d(2), min: d(1), max: d(2), 0)
        check64(Self.qNaN64 | 7, d(-3), min: d(-3), max: d(-3), 0)
        check64(d(4), Self.sNaN64, min: d(4), max: d(4), nv)
        check64(Self.sNaN64, Self.sNaN64 | 1 << 63, min: FP64.canonicalNaN, max: FP64.canonicalNaN, nv)
        check64(Self.qNaN64, Self.qNaN64, min: FP64.canonicalNaN, max: FP64.canonicalNaN, 0)
    }

    @Test("feq/flt/fle vectors")
    func compareVectors() {
        let nv = FPFlag.invalid
        func check32(_ a: UInt32, _ b: UInt32, eq: Bool, lt: Bool, le: Bool, eqFlags: UInt8, orderFlags: UInt8,
                     sourceLocation: SourceLocation = #_sourceLocation) {
            var fe: UInt8 = 0, fl: UInt8 = 0, fle: UInt8 = 0
            #expect(FP32.equal(a, b, &fe) == eq && fe == eqFlags, "feq.s", sourceLocation: sourceLocation)
            #expect(FP32.less(a, b, &fl) == lt && fl == orderFlags, "flt.s", sourceLocation: sourceLocation)
            #expect(FP32.lessOrEqual(a, b, &fle) == le && fle == orderFlags, "fle.s", sourceLocation: sourceLocation)
        }
        func check64(_ a: UInt64, _ b: UInt64, eq: Bool, lt: Bool, le: Bool, eqFlags: UInt8, orderFlags: UInt8,
                     sourceLocation: SourceLocation = #_sourceLocation) {
            var fe: UInt8 = 0, fl: UInt8 = 0, fle: UInt8 = 0
            #expect(FP64.equal(a, b, &fe) == eq && fe == eqFlags, "feq.d", sourceLocation: sourceLocation)
            #expect(FP64.less(a, b, &fl) == lt && fl == orderFlags, "flt.d", sourceLocation: sourceLocation)
            #expect(FP64.lessOrEqual(a, b, &fle) == le && fle == orderFlags, "fle.d", sourceLocation: sourceLocation)
        }
        let f = Self.f, d = Self.d
        check32(f(-0.0), f(0.0), eq: true, lt: false, le: true, eqFlags: 0, orderFlags: 0)
        check32(f(0.0), f(-0.0), eq: true, lt: false, le: true, eqFlags: 0, orderFlags: 0)
        check32(f(1), f(1), eq: true, lt: false, le: true, eqFlags: 0, orderFlags: 0)
        check32(f(-1), f(1), eq: false, lt: true, le: true, eqFlags: 0, orderFlags: 0)
        check32(f(-1), f(-2), eq: false, lt: false, le: false, eqFlags: 0, orderFlags: 0)
        check32(f(-.infinity), f(-.greatestFiniteMagnitude), eq: false, lt: true, le: true, eqFlags: 0, orderFlags: 0)
        // Quiet NaN: feq quiet, flt/fle signal.
        check32(Self.qNaN32, f(1), eq: false, lt: false, le: false, eqFlags: 0, orderFlags: nv)
        check32(Self.qNaN32, Self.qNaN32, eq: false, lt: false, le: false, eqFlags: 0, orderFlags: nv)
        check32(Self.sNaN32, f(1), eq: false, lt: false, le: false, eqFlags: nv, orderFlags: nv)
        check32(f(1), Self.sNaN32, eq: false, lt: false, le: false, eqFlags: nv, orderFlags: nv)
        check64(d(-0.0), d(0.0), eq: true, lt: false, le: true, eqFlags: 0, orderFlags: 0)
        check64(d(2), d(3), eq: false, lt: true, le: true, eqFlags: 0, orderFlags: 0)
        check64(d(-2), d(-3), eq: false, lt: false, le: false, eqFlags: 0, orderFlags: 0)
        check64(Self.qNaN64, d(0), eq: false, lt: false, le: false, eqFlags: 0, orderFlags: nv)
        check64(d(0), Self.sNaN64, eq: false, lt: false, le: false, eqFlags: nv, orderFlags: nv)
    }

    @Test("fclass vectors")
    func classifyVectors() {
        let f = Self.f, d = Self.d
        let cases32: [(UInt32, Int)] = [
            (f(-.infinity), 0), (f(-1), 1), (f(-.greatestFiniteMagnitude), 1), (0x8000_0001, 2), (0x807f_ffff, 2),
            (f(-0.0), 3), (f(0.0), 4), (1, 5), (0x007f_ffff, 5), (f(.leastNormalMagnitude), 6), (f(1), 6),
            (f(.infinity), 7), (Self.sNaN32, 8), (0xff80_0001, 8), (Self.qNaN32, 9), (Self.negQNaN32, 9),
        ]
        for (x, bit) in cases32 { #expect(FP32.classify(x) == 1 << UInt64(bit), "fclass.s(\(fpHex(UInt64(x))))") }
        let cases64: [(UInt64, Int)] = [
            (d(-.infinity), 0), (d(-3), 1), (1 << 63 | 1, 2), (d(-0.0), 3), (d(0.0), 4), (0x000f_ffff_ffff_ffff, 5),
            (d(.leastNormalMagnitude), 6), (d(.greatestFiniteMagnitude), 6), (d(.infinity), 7),
            (Self.sNaN64, 8), (0xfff4_0000_0000_0000, 8), (Self.qNaN64, 9), (0xffff_ffff_ffff_ffff, 9),
        ]
        for (x, bit) in cases64 { #expect(FP64.classify(x) == 1 << UInt64(bit), "fclass.d(\(fpHex(x)))") }
    }

    /// Reference for one pair: IEEE comparisons from the host (Double holds every binary32 value),
    /// NaN and signed-zero rules from the RISC-V spec.
    struct Expected: Equatable {
        var min: UInt64, max: UInt64, minMaxFlags: UInt8
        var eq: Bool, lt: Bool, le: Bool, eqFlags: UInt8, orderFlags: UInt8
    }

    static func reference(_ x: Double, _ y: Double, _ a: UInt64, _ b: UInt64, canonical: UInt64,
                          signaling: (UInt64) -> Bool) -> Expected {
        let anySignaling = signaling(a) || signaling(b)
        let anyNaN = x.isNaN || y.isNaN
        var e = Expected(min: 0, max: 0, minMaxFlags: anySignaling ? FPFlag.invalid : 0,
                         eq: x == y, lt: x < y, le: x <= y,
                         eqFlags: anySignaling ? FPFlag.invalid : 0, orderFlags: anyNaN ? FPFlag.invalid : 0)
        if x.isNaN && y.isNaN {
            (e.min, e.max) = (canonical, canonical)
        } else if x.isNaN {
            (e.min, e.max) = (b, b)
        } else if y.isNaN {
            (e.min, e.max) = (a, a)
        } else if x == y {  // equal values: only ±0 differ in bits; −0 is the smaller
            (e.min, e.max) = x.sign == .minus ? (a, b) : (b, a)
        } else {
            (e.min, e.max) = x < y ? (a, b) : (b, a)
        }
        return e
    }

    @Test("binary32 compare/min/max sweep")
    func sweep32() {
        var rng = FPTestRandom(seed: 0xc0c0)
        var values = FPTestFormat.binary32.specials.map { UInt32($0) }
        for _ in 0..<300 { values.append(UInt32(FPTestFormat.binary32.randomOperand(&rng))) }
        var mismatches = 0
        for a in values {
            for b in values {
                let expected = Self.reference(
                    Double(Float(bitPattern: a)), Double(Float(bitPattern: b)), UInt64(a), UInt64(b),
                    canonical: UInt64(FP32.canonicalNaN),
                    signaling: { $0 & 0x7fc0_0000 == 0x7f80_0000 && $0 & 0x003f_ffff != 0 })
                var got = Expected(min: 0, max: 0, minMaxFlags: 0, eq: false, lt: false, le: false, eqFlags: 0, orderFlags: 0)
                var minFlags: UInt8 = 0, maxFlags: UInt8 = 0, ltFlags: UInt8 = 0, leFlags: UInt8 = 0
                got.min = UInt64(FP32.min(a, b, &minFlags))
                got.max = UInt64(FP32.max(a, b, &maxFlags))
                got.minMaxFlags = minFlags == maxFlags ? minFlags : 0xff
                got.eq = FP32.equal(a, b, &got.eqFlags)
                got.lt = FP32.less(a, b, &ltFlags)
                got.le = FP32.lessOrEqual(a, b, &leFlags)
                got.orderFlags = ltFlags == leFlags ? ltFlags : 0xff
                if got != expected {
                    mismatches += 1
                    if mismatches < 10 { Issue.record("f32 \(fpHex(UInt64(a))), \(fpHex(UInt64(b))): expected \(expected), got \(got)") }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("binary64 compare/min/max sweep")
    func sweep64() {
        var rng = FPTestRandom(seed: 0xc0c1)
        var values = FPTestFormat.binary64.specials
        for _ in 0..<300 { values.append(FPTestFormat.binary64.randomOperand(&rng)) }
        var mismatches = 0
        for a in values {
            for b in values {
                let expected = Self.reference(
                    Double(bitPattern: a), Double(bitPattern: b), a, b, canonical: FP64.canonicalNaN,
                    signaling: { $0 & 0x7ff8_0000_0000_0000 == 0x7ff0_0000_0000_0000 && $0 & 0x0007_ffff_ffff_ffff != 0 })
                var got = Expected(min: 0, max: 0, minMaxFlags: 0, eq: false, lt: false, le: false, eqFlags: 0, orderFlags: 0)
                var minFlags: UInt8 = 0, maxFlags: UInt8 = 0, ltFlags: UInt8 = 0, leFlags: UInt8 = 0
                got.min = FP64.min(a, b, &minFlags)
                got.max = FP64.max(a, b, &maxFlags)
                got.minMaxFlags = minFlags == maxFlags ? minFlags : 0xff
                got.eq = FP64.equal(a, b, &got.eqFlags)
                got.lt = FP64.less(a, b, &ltFlags)
                got.le = FP64.lessOrEqual(a, b, &leFlags)
                got.orderFlags = ltFlags == leFlags ? ltFlags : 0xff
                if got != expected {
                    mismatches += 1
                    if mismatches < 10 { Issue.record("f64 \(fpHex(a)), \(fpHex(b)): expected \(expected), got \(got)") }
                }
            }
        }
        #expect(mismatches == 0)
    }
}
