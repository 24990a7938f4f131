import Simulator
import Testing

@Suite("A extension")
struct AtomicInstructionTests {
    @Test("lr/sc success and failure, every AMO in .w and .d: old value and memory")
    func atomics() throws {
        try SelfCheck.expectPasses(["atomics.c"], minimumChecks: 131)
    }
}

/// F and D instructions through self-checking programs. Each program checks results and
/// fflags under all five static rounding modes and the dynamic mode.
@Suite("F and D instructions")
struct FloatInstructionTests {
    @Test("add/sub/mul/div/sqrt and fused multiply-adds: every rounding mode, fflags")
    func arithmetic() throws {
        try SelfCheck.expectPasses(["fp_arith.c"], minimumChecks: 1880)
    }

    @Test("int <-> float and float <-> float conversions: rounding, saturation, NaN, fflags")
    func conversions() throws {
        try SelfCheck.expectPasses(["fp_convert.c"], minimumChecks: 2080)
    }

    @Test("fmin/fmax, sign injection, fclass, compares, fmv, NaN-boxing, FP loads/stores, fflags/frm/fcsr, mstatus.FS")
    func nonRounding() throws {
        try SelfCheck.expectPasses(["fp_misc.c"], minimumChecks: 247)
    }
}
