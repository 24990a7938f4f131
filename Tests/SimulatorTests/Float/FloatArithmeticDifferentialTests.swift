// Differential tests of add/sub/mul/div/sqrt/fma against the host FPU, in both precisions and
// all five rounding modes: every combination of special operands, then random operands from a
// fixed seed, shaped to stress cancellation, ties, underflow and overflow.
import Testing
@testable import Simulator

@Suite("F/D arithmetic vs host FPU", .enabled(if: fpHostReferenceAvailable, "needs the x86-64 host reference"))
struct FloatArithmeticDifferentialTests {
    static let binaryOps: [FPArithmeticOp] = [.add, .sub, .mul, .div, .sqrt]

    /// Random operand tuples per operation and precision (each checked in all five modes).
    static let randomCount = 24_000 * FPTestSettings.scale

    @Test("binary32 special-operand grid", arguments: FPArithmeticOp.allCases)
    func specialGrid32(op: FPArithmeticOp) {
        let values = FPTestFormat.binary32.specials.map { UInt32($0) }
        let addends = op == .fma ? values : [0]
        var log = FPMismatchLog<FPArithmeticMismatch>()
        for a in values {
            for b in op == .sqrt ? [0] : values {
                for c in addends {
                    for rm in fpAllRoundingModes { log.record(fpCheck32(op, a, b, c, rm)) }
                }
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("binary64 special-operand grid", arguments: FPArithmeticOp.allCases)
    func specialGrid64(op: FPArithmeticOp) {
        let values = FPTestFormat.binary64.specials
        let addends = op == .fma ? values : [0]
        var log = FPMismatchLog<FPArithmeticMismatch>()
        for a in values {
            for b in op == .sqrt ? [0] : values {
                for c in addends {
                    for rm in fpAllRoundingModes { log.record(fpCheck64(op, a, b, c, rm)) }
                }
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("binary32 random operands", arguments: FPArithmeticOp.allCases)
    func random32(op: FPArithmeticOp) {
        let fmt = FPTestFormat.binary32
        var rng = FPTestRandom(seed: 0x5eed_3200 + UInt64(op.rawValue))
        var log = FPMismatchLog<FPArithmeticMismatch>()
        for _ in 0..<Self.randomCount {
            let (a, b, c) = fmt.randomOperands(for: op, &rng)
            for rm in fpAllRoundingModes {
                log.record(fpCheck32(op, UInt32(a), UInt32(b), UInt32(c), rm))
            }
        }
        #expect(log.count == 0, "\(log.summary)")
    }

    @Test("binary64 random operands", arguments: FPArithmeticOp.allCases)
    func random64(op: FPArithmeticOp) {
        let fmt = FPTestFormat.binary64
        var rng = FPTestRandom(seed: 0x5eed_6400 + UInt64(op.rawValue))
        var log = FPMismatchLog<FPArithmeticMismatch>()
        for _ in 0..<Self.randomCount {
            let (a, b, c) = fmt.randomOperands(for: op, &rng)
            for rm in fpAllRoundingModes { log.record(fpCheck64(op, a, b, c, rm)) }
        }
        #expect(log.count == 0, "\(log.summary)")
    }
}
