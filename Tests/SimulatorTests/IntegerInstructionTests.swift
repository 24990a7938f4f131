import Simulator
import Testing

@Suite("RV64I and M instructions")
struct IntegerInstructionTests {
    @Test("RV64I: ALU, shifts, W forms, lui/auipc, branches, jumps, loads/stores (incl. misaligned), x0")
    func baseInteger() throws {
        try SelfCheck.expectPasses(["rv64i.c"], minimumChecks: 205)
    }

    @Test("M: multiply, divide and remainder incl. division by zero and overflow, and the W forms")
    func multiplyDivide() throws {
        try SelfCheck.expectPasses(["rv64m.c"], minimumChecks: 89)
    }
}
