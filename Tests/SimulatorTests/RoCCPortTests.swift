import Foundation
import Synchronization
import Testing
@testable import Simulator

/// The custom-3 opcode reaches the attached accelerator with funct7, the register values and
/// rd; without an accelerator (or with mstatus.XS off) it is an illegal instruction.
@Suite("RoCC port")
struct RoCCPortTests {
    final class RecordingAccelerator: RoCCAccelerator, @unchecked Sendable {
        var commands: [RoCCCommand] = []
        var fences = 0
        /// Commands with this funct7 fail inside the accelerator.
        let faultingFunct7: UInt8?

        init(faultingFunct7: UInt8? = nil) { self.faultingFunct7 = faultingFunct7 }

        func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome {
            commands.append(command)
            if command.funct7 == faultingFunct7 { return .fault("test accelerator: DMA address out of range") }
            guard command.funct7 == 5 || command.funct7 == 9 else { return .unsupported }
            return .completed(response: UInt64(command.funct7) &+ command.rs1Value &+ 2 &* command.rs2Value, resumeCycle: cycle)
        }

        func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 { fences += 1; return cycle }
    }

    static func program(mode: Int) throws -> ProgramImage {
        try ProgramImage(contentsOf: TestPrograms.build(["rocc.c"], defines: ["MODE=\(mode)"], variant: "-\(mode)"))
    }

    @Test("Commands arrive with funct7, funct3, operands and rd; responses land in rd")
    func commandsReachTheAccelerator() throws {
        let accelerator = RecordingAccelerator()
        let result = Simulation.run(try Self.program(mode: 1), accelerator: accelerator)
        #expect(result.status == .exited && result.exitCode == 0, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == "rocc ok\n")
        try #require(accelerator.commands.count == 3)
        let first = accelerator.commands[0], second = accelerator.commands[1], third = accelerator.commands[2]
        #expect(first.funct7 == 9 && first.funct3 == 3 && !first.expectsResponse)
        #expect(first.rs1Value == 0x1111 && first.rs2Value == 0x2222)
        #expect(second.funct7 == 5 && second.funct3 == 7 && second.expectsResponse && second.rd != 0)
        #expect(second.rs1Value == 40 && second.rs2Value == 1)
        #expect(second.instruction & 0x7F == 0x7B && second.instruction >> 25 == 5)
        #expect(third.rs1Value == UInt64.max && third.rs2Value == 0)
        #expect(accelerator.fences >= 1)
    }

    @Test("Without an accelerator a custom-3 instruction is illegal, and misa has no X")
    func noAccelerator() throws {
        let probe = Simulation.run(try Self.program(mode: 1))
        #expect(probe.exitCode == 2, "\(TestPrograms.describe(probe))")
        let result = Simulation.run(try Self.program(mode: 3))
        #expect(result.status == .fault)
        #expect(result.guestFault?.kind == .illegalInstruction)
        #expect(result.guestFault.map { $0.instruction.map { $0 & 0x7F } == 0x7B } == true, "\(TestPrograms.describe(result))")
    }

    @Test("With mstatus.XS off a custom-3 instruction is illegal")
    func acceleratorStateOff() throws {
        let accelerator = RecordingAccelerator()
        let result = Simulation.run(try Self.program(mode: 2), accelerator: accelerator)
        #expect(result.guestFault?.kind == .illegalInstruction, "\(TestPrograms.describe(result))")
        #expect(accelerator.commands.isEmpty)
    }

    @Test("An unknown command is illegal; an accelerator failure stops the run with its reason")
    func unknownAndFailingCommands() throws {
        let unknown = Simulation.run(try Self.program(mode: 3), accelerator: RecordingAccelerator())
        #expect(unknown.guestFault?.kind == .illegalInstruction, "\(TestPrograms.describe(unknown))")

        let failing = Simulation.run(try Self.program(mode: 3), accelerator: RecordingAccelerator(faultingFunct7: 99))
        #expect(failing.guestFault?.kind == .deviceFault, "\(TestPrograms.describe(failing))")
        #expect(failing.fault?.contains("DMA address out of range") == true)
        #expect(failing.fault?.contains("at pc 0x8") == true)
    }
}
