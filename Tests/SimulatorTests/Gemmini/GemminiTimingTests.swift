import Foundation
import Simulator
import Testing

/// The Gemmini cycle model on micro-programs (`Programs/gemmini/timing.c`), checked against
/// the formulas of gemmini-reference.md section 5 evaluated on the design's parameters. The
/// regions run with warm caches; differences between regions cancel the host's own cost.
@Suite("Gemmini timing")
struct GemminiTimingTests {
    static let design = GemminiConfiguration.int8Default
    /// The design's parameters with the RTL's one-cycle RoCC hand-off instead of the
    /// calibrated host-side cost per command (TimingModel.md; RoCCTimingTests checks that
    /// cost), so that the regions measure the accelerator and the host can outrun it.
    static let parameters = {
        var parameters = design.timingParameters
        parameters.core.roccCommandCycles = 1
        return parameters
    }()
    static let dim = UInt64(design.dim)

    /// Runs timing.c once for all tests (the regions are independent).
    static let run: Result<(regions: [String: UInt64], hardware: HardwareFeedback), any Error> = Result {
        let path = try GemminiBehaviourPrograms.build("timing.c", design: design, defines: [])
        let result = Simulation.run(
            try ProgramImage(contentsOf: path),
            options: SimulationOptions(maxInstructions: 10_000_000, timeoutSeconds: 60, timing: parameters),
            accelerator: Gemmini.makeAccelerator(design))
        guard result.status == .exited, result.exitCode == 0, let hardware = result.hardware else {
            throw TimingProgramFailure(description: "timing.c ended with \(result.status): \(result.fault ?? result.standardOutputText)")
        }
        var regions: [String: UInt64] = [:]
        for line in result.standardOutputText.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let cycles = UInt64(fields[1]) { regions[String(fields[0])] = cycles }
        }
        return (regions, hardware)
    }

    struct TimingProgramFailure: Error, CustomStringConvertible {
        let description: String
    }

    func region(_ name: String) throws -> UInt64 {
        let cycles = try Self.run.get().regions[name]
        return try #require(cycles, "timing.c printed no region \(name)")
    }

    /// A 16-row int8 mvin from the L2: front end + Get latency + one Get per row + merge and
    /// write + completion (reference 5.3: "int8 16x16 spad mvin ≈ 30 + L"); each row fewer
    /// saves one cycle.
    @Test func sixteenRowMoveInFollowsTheLoadFormula() throws {
        let g = Self.parameters.gemmini
        let latency = UInt64(Self.parameters.memory.l2.hitLatency)
        let expected = UInt64(g.frontEndLatency) + latency + 16 + UInt64(g.loadWriteLatency + g.completionLatency)
        let measured = try region("mvin16") - region("fence_idle")
        #expect(measured >= expected - 2 && measured <= expected + 8, "16-row mvin took \(measured) cycles, formula \(expected)")
        #expect(try region("mvin16") - region("mvin8") == 8, "each row is one Get, one cycle")
    }

    /// An mvout of a matmul's result waits for the array to feed the preload and the compute
    /// and for the results to cross the pipeline; an mvout of other rows does not wait.
    @Test func dependentMoveOutWaitsForThePipeline() throws {
        let g = Self.parameters.gemmini
        let expectedWait = 2 * Self.dim + UInt64(g.meshPipelineLatency)
        let wait = try region("matmul_mvout_dependent") - region("mvout_fence")
        #expect(wait >= expectedWait - 2 && wait <= expectedWait + 5, "mvout waited \(wait) cycles, expected about \(expectedWait)")
        let independent = try region("matmul_mvout_independent")
        let matmul = try region("matmul")
        #expect(independent <= matmul + 3, "an unrelated mvout overlaps the matmul (\(independent) vs \(matmul))")
    }

    /// Eight chained matmuls: when A and the next weights share a bank every overlapped
    /// operation (seven of them) feeds for twice its rows.
    @Test func bankConflictDoublesTheOperation() throws {
        let extra = try region("chain_banks_same") - region("chain_banks_differ")
        let expected = 7 * Self.dim
        #expect(extra >= expected - 2 && extra <= expected + 4, "bank conflicts added \(extra) cycles, expected \(expected)")
        // The cold pass waits for its operands, so fewer of its operations overlap.
        #expect(try Self.run.get().hardware.accelerator?.bankConflictCycles ?? 0 >= expected, "the warm pass counts its conflicts")
    }

    /// Four mvins fit the command queues; twenty-four fill the load pool of the reservation
    /// station, so the host waits for mvins to complete before it can issue more.
    @Test func fullReservationStationStallsTheHost() throws {
        let g = Self.parameters.gemmini
        let few = try region("issue4")
        let many = try region("issue24")
        #expect(few <= 4 * 10, "four mvins should only cost their issue (\(few) cycles)")
        let waitingMvins = UInt64(24 - g.frontEndQueueEntries - g.loadEntries)
        #expect(many >= waitingMvins * 16, "24 mvins took only \(many) host cycles")
        let hardware = try Self.run.get().hardware
        #expect(hardware.core.commandQueueStallCycles > 0)
        #expect((hardware.accelerator?.reservationStationFullCycles ?? 0) > 0)
    }

    /// A fence with nothing outstanding costs a few cycles; after an mvout it waits for the
    /// rows to be read, scaled, written and acknowledged by memory.
    @Test func fenceWaitsForTheLastWriteAcknowledgement() throws {
        #expect(try region("fence_idle") <= 5)
        let g = Self.parameters.gemmini
        let minimum = Self.dim + UInt64(g.accumulatorReadLatency + Self.parameters.memory.l2.hitLatency)
        let fenceWait = try region("mvout_fence") - region("mvout_issue")
        #expect(fenceWait >= minimum && fenceWait <= minimum + UInt64(g.frontEndLatency) + 10,
                "the fence after a 16-row mvout waited \(fenceWait) cycles; rows + read latency + write acknowledgement = \(minimum)")
    }

    /// The counter op reads the model's unit activity: after a reset nothing has counted; a
    /// 16-row mvin keeps the load unit busy at least a Get per row, a matmul the array for
    /// the preload's and the compute's rows, a 16-row mvout the store unit a read per row.
    @Test func counterOperationReportsModelledActivity() throws {
        let dim = Self.dim
        #expect(try region("counter_idle_load") == 0)
        let load = try region("counter_load"), execute = try region("counter_execute"), store = try region("counter_store")
        #expect(load >= 16 && load <= 16 + 60, "load unit active \(load) cycles for one 16-row mvin")
        #expect(execute == 2 * dim, "array active \(execute) cycles for a preload and a compute")
        #expect(store >= 16 && store <= 16 + 60, "store unit active \(store) cycles for one 16-row mvout")
        #expect(try region("counter_full") == 0, "nothing filled the reservation station")
    }
}
