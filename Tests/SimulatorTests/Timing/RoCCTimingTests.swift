import Foundation
import Testing
@testable import Simulator

/// The host side of RoCC timing: what a command costs the core, and how the cycles an
/// accelerator answers with (a full command queue, a fence) become core stalls.
@Suite("Host core timing: RoCC commands and fences")
struct RoCCTimingTests {
    /// Accepts funct7 1 at once; answers funct7 2 as if its queue were full for
    /// `queueFullCycles`; makes every fence wait `fenceCycles`. Records the cycles it is called at.
    final class ScriptedAccelerator: RoCCAccelerator, @unchecked Sendable {
        static let queueFullCycles: UInt64 = 20
        static let fenceCycles: UInt64 = 500
        var commandCycles: [UInt8: [UInt64]] = [:]
        var fences = 0

        func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome {
            commandCycles[command.funct7, default: []].append(cycle)
            switch command.funct7 {
            case 1: return .completed(response: 0, resumeCycle: cycle)
            case 2: return .completed(response: 0, resumeCycle: cycle + Self.queueFullCycles)
            default: return .unsupported
            }
        }

        func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 {
            fences += 1
            return cycle + Self.fenceCycles
        }
    }

    @Test("A command costs roccCommandCycles more than an instruction; queue-full and fence waits stall the core", arguments: [1, 3])
    func commandsAndFences(roccCommandCycles: Int) throws {
        var parameters = TimingParameters.rocketSoC(for: .int8Default)
        parameters.core.roccCommandCycles = roccCommandCycles
        let accelerator = ScriptedAccelerator()
        let path = try TestPrograms.build(["timing/rocc_timing.c"])
        let result = Simulation.run(
            try ProgramImage(contentsOf: path), options: SimulationOptions(timeoutSeconds: 60, timing: parameters),
            accelerator: accelerator)
        try #require(result.status == .exited && result.exitCode == 0, "\(TestPrograms.describe(result))")
        let regions = try TimingKernels.measurements(result)
        let perCommand = 1 + roccCommandCycles

        // 64 accepted commands: 64 x (1 + roccCommandCycles) cycles, exactly (± 1). Without the
        // command cost: 64.
        let accepted = try #require(regions["accepted"])
        #expect(abs(accepted.cycles - 64 * perCommand) <= 1, "accepted: \(accepted)")
        // The accelerator sees each command at its issue cycle: successive commands of the
        // second (warm) run arrive 1 + roccCommandCycles apart.
        let seen = try #require(accelerator.commandCycles[1])
        try #require(seen.count == 128)
        let gaps = Set(zip(seen[65...], seen[64...]).map { $0 - $1 })
        #expect(gaps == [UInt64(perCommand)], "gaps between accepted commands: \(gaps)")

        // Queue full: each command holds the core until the accelerator takes it (20 cycles
        // after issue), so 64 x (20 + 1 + roccCommandCycles), ± 1.
        let full = try #require(regions["queue_full"])
        let fullCycles = 64 * (Int(ScriptedAccelerator.queueFullCycles) + perCommand)
        #expect(abs(full.cycles - fullCycles) <= 1, "queue full: \(full), expected \(fullCycles)")

        // A fence waits until the accelerator is idle: 500 cycles + its own, ± 1.
        let fence = try #require(regions["fence"])
        #expect(abs(fence.cycles - (Int(ScriptedAccelerator.fenceCycles) + fence.instructions)) <= 1, "fence: \(fence)")

        // Feedback: every stall, by reason (both runs of each region; the runtime's own
        // fences, if any, wait too).
        let core = try #require(result.hardware?.core)
        #expect(core.commandQueueStallCycles == 128 * ScriptedAccelerator.queueFullCycles)
        #expect(core.fenceStallCycles == UInt64(accelerator.fences) * ScriptedAccelerator.fenceCycles)
        #expect(core.responseStallCycles == 0)
    }
}
