import Testing
@testable import Simulator

/// Malformed commands stop the run with a fault naming the problem; none may trap the
/// simulator process (a worker runs many simulations in one process).
@Suite("Gemmini faults")
struct GemminiFaultTests {
    static func core() -> (GemminiCore<Int8Arithmetic>, GuestMemory) {
        (GemminiCore(.int8Default), GuestMemory(size: 1 << 20)!)
    }

    static func fault(_ run: () throws(GemminiFault) -> Void) -> String? {
        do {
            try run()
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("loop_ws pads of DIM or more are a fault, not a crash", arguments: [(20, 0, 0), (0, 16, 0), (0, 0, 65535)])
    func oversizedPads(padI: Int, padJ: Int, padK: Int) {
        let (core, memory) = Self.core()
        let reason = Self.fault { () throws(GemminiFault) in
            _ = try core.perform(9, UInt64(padK) << 32 | UInt64(padJ) << 16 | UInt64(padI), 1 << 32 | 1 << 16 | 1, memory: memory)
            _ = try core.perform(10, memory.base, memory.base, memory: memory)
            _ = try core.perform(11, 0, memory.base, memory: memory)
            _ = try core.perform(12, 16, 16, memory: memory)
            _ = try core.perform(13, 0, 16, memory: memory)
            _ = try core.perform(8, 0, 0, memory: memory)
        }
        #expect(reason?.contains("pads") == true, "\(reason ?? "no fault")")
    }

    @Test("Unrolled commands with impossible counts reach the command checks")
    func encoderDoesNotTrap() {
        let word = GemminiCommandWords.operand(0x10, columns: -3, rows: -1)
        #expect(word >> 48 == 0xFFFF)
        #expect((word >> 32) & 0xFFFF == 0xFFFD)
        let (core, memory) = Self.core()
        let reason = Self.fault { () throws(GemminiFault) in
            _ = try core.perform(GemminiFunct.mvin, memory.base, word, memory: memory)
        }
        #expect(reason?.contains("rows exceeds DIM") == true, "\(reason ?? "no fault")")
    }
}
