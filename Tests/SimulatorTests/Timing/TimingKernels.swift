import Foundation
import Testing
@testable import Simulator

/// Runs the host-core micro-kernels (`Programs/timing`) under a timing model and returns
/// each kernel's cycles and instructions, measured by the program between cycle-counter
/// reads and net of the measurement's own cost (the `empty` kernel).
struct TimingKernels {
    struct Measurement: CustomStringConvertible {
        var cycles: Int
        var instructions: Int
        var description: String { "\(cycles) cycles, \(instructions) instructions" }
    }

    let parameters: TimingParameters
    let kernels: [String: Measurement]
    let result: SimulationResult

    var core: CoreParameters { parameters.core }
    var memory: MemoryParameters { parameters.memory }

    func callAsFunction(_ name: String) throws -> Measurement {
        try #require(kernels[name], "no line for kernel \(name) in:\n\(result.standardOutputText)")
    }

    init(_ parameters: TimingParameters) throws {
        self.parameters = parameters
        let path = try TestPrograms.build(["timing/driver.c", "timing/kernels.S"])
        result = Simulation.run(
            try ProgramImage(contentsOf: path),
            options: SimulationOptions(maxInstructions: 50_000_000, timeoutSeconds: 120, timing: parameters))
        try #require(result.status == .exited && result.exitCode == 0, "\(TestPrograms.describe(result))")
        kernels = try Self.measurements(result)
    }

    /// The program's `NAME CYCLES INSTRUCTIONS` lines, net of the `empty` line.
    static func measurements(_ result: SimulationResult) throws -> [String: Measurement] {
        var raw: [String: Measurement] = [:]
        for line in result.standardOutputText.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let cycles = Int(fields[1]), let instructions = Int(fields[2]) else { continue }
            raw[String(fields[0])] = Measurement(cycles: cycles, instructions: instructions)
        }
        let empty = try #require(raw["empty"], "no empty measurement:\n\(result.standardOutputText)")
        return raw.mapValues {
            Measurement(cycles: $0.cycles - empty.cycles, instructions: $0.instructions - empty.instructions)
        }
    }

    /// Chipyard's GemminiRocketConfig as `TimingParameters.rocketSoC` describes it.
    static let defaults = Result { try TimingKernels(.rocketSoC(for: .int8Default)) }

    /// Every latency the kernels exercise changed, so that a formula holding for both sets
    /// follows the parameters rather than a constant that happens to match.
    static let variant = Result { () throws -> TimingKernels in
        var parameters = TimingParameters.rocketSoC(for: .int8Default)
        parameters.core.dataCache.hitLatency = 5
        parameters.core.multiplyLatency = 6
        parameters.core.divideLatency = 33
        parameters.core.floatFusedLatency = 5
        parameters.core.floatDivideLatency = 13
        parameters.core.branchMispredictPenalty = 5
        parameters.core.returnStackEntries = 2
        parameters.memory.l2.hitLatency = 30
        parameters.memory.dramLatency = 50
        return try TimingKernels(parameters)
    }

    static var both: [Result<TimingKernels, any Error>] { [defaults, variant] }
}

/// `measured` is within `tolerance` of `expected`.
func expectNear(
    _ measured: Int, _ expected: Int, tolerance: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        abs(measured - expected) <= tolerance,
        "\(what): measured \(measured) cycles, expected \(expected) ± \(tolerance)", sourceLocation: sourceLocation)
}
