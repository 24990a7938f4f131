import Simulator
import Testing

@Suite("C, Zicsr, Zifencei and traps")
struct SystemInstructionTests {
    /// The program uses every RV64C instruction but c.ebreak (see `traps`); it was checked once
    /// with `riscv64-unknown-elf-objdump -d` that each c.* mnemonic assembles to 16 bits.
    @Test("Every RV64C instruction, cross-checked against 32-bit equivalents")
    func compressed() throws {
        try SelfCheck.expectPasses(["compressed.S"], minimumChecks: 65)
    }

    @Test("csrrw/csrrs/csrrc and immediate forms, misa, mhartid, counters, read-only and unknown CSRs, fence.i")
    func csrAndFenceI() throws {
        try SelfCheck.expectPasses(["csr.c", "trap_support.S"], minimumChecks: 61)
    }

    @Test("ecall, ebreak, c.ebreak, illegal instructions, access faults, misaligned atomics, mstatus across trap and mret, FS = Off")
    func traps() throws {
        try SelfCheck.expectPasses(["traps.c", "trap_support.S"], minimumChecks: 224)
    }
}
