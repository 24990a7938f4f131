import ArgumentParser
import Foundation
import Simulator

/// `autocomp sim`: runs a RISC-V program on the simulator.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a bare-metal RV64GC program on the simulator.",
        discussion: """
            The program's console output goes to stdout/stderr and its exit code becomes this \
            command's exit status. Exit status 124 means a limit stopped the program; 125 means a \
            simulator fault (illegal instruction, access outside memory, misaligned atomic, a trap \
            with no handler installed, a file that is not a RISC-V ELF64 executable), explained in \
            one line on stderr.
            """
    )

    @Argument(help: "The program (a statically linked RISC-V ELF64 executable).")
    var program: String

    @Option(help: ArgumentHelp("Stop after this many instructions (exit status 124).", valueName: "count"))
    var maxInstructions: UInt64?

    @Option(help: ArgumentHelp("Stop after this many seconds of wall-clock time (exit status 124).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Simulated memory in MiB, starting at 0x80000000.", valueName: "MiB"))
    var memory: UInt64 = 512

    @Option(help: ArgumentHelp("The accelerator on the RoCC port: a built-in design (see `autocomp accel list`), a JSON file, or none.", valueName: "name|file.json|none"))
    var accel: String = GemminiConfiguration.defaultName

    @Option(help: ArgumentHelp("Model cycles (on: a Rocket core, caches, L2, DRAM and the accelerator's micro-architecture, with the design's timing parameters) or count instructions (off: faster).", valueName: "on|off"))
    var timing: TimingMode = .on

    @Option(help: ArgumentHelp("Write run statistics as JSON (status, exit_code, instret, cycles, wall_seconds, mips) to this file.", valueName: "file.json"))
    var stats: String?

    func validate() throws {
        guard memory >= 1 && memory <= 1 << 16 else { throw ValidationError("--memory \(memory): must be 1 to 65536 MiB") }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout \(timeout): must be positive") }
    }

    func run() throws {
        let image: ProgramImage
        do {
            image = try ProgramImage(contentsOf: program)
        } catch {
            printError("autocomp sim: \(error.description)")
            try writeStats(nil, loadError: error.description)
            throw ExitCode(125)
        }
        let options = SimulationOptions(
            memorySize: memory << 20, maxInstructions: maxInstructions, timeoutSeconds: timeout,
            outputCaptureLimit: 0, passthroughOutput: true)
        let design = try resolveOrExit(accel == "none" ? GemminiConfiguration.defaultName : accel, command: "autocomp sim")
        let accelerator = accel == "none" ? nil : Gemmini.makeAccelerator(design)
        var timedOptions = options
        if timing == .on { timedOptions.timing = design.timingParameters }
        let result = Simulation.run(image, options: timedOptions, accelerator: accelerator)
        switch result.status {
        case .fault:
            // Load errors name the file already; guest faults get it prefixed.
            let subject = result.guestFault == nil ? "" : "\(program): "
            printError("autocomp sim: \(subject)\(result.fault ?? "fault")")
        case .instructionLimit:
            printError("autocomp sim: \(program): stopped after \(result.instret) instructions (--max-instructions)")
        case .timeout:
            printError("autocomp sim: \(program): stopped after \(String(format: "%.2f", result.wallSeconds)) s (--timeout)")
        case .exited, .cancelled:
            break
        }
        try writeStats(result, loadError: nil)
        throw ExitCode(result.processExitStatus)
    }

    private func writeStats(_ result: SimulationResult?, loadError: String?) throws {
        guard let stats else { return }
        let report = RunStatistics(program: program, result: result, loadError: loadError)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(report).write(to: URL(fileURLWithPath: stats))
        } catch {
            printError("autocomp sim: cannot write --stats \(stats): \(error.localizedDescription)")
            throw ExitCode(125)
        }
    }
}

/// `--timing on|off`.
enum TimingMode: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

/// The `--stats` JSON document.
struct RunStatistics: Encodable {
    var program: String
    var status: String
    var exitCode: Int64?
    var fault: String?
    var instret: UInt64
    var cycles: UInt64
    var wallSeconds: Double
    var mips: Double
    /// The cycle model's hardware feedback (absent with --timing off).
    var hardware: HardwareFeedback?

    init(program: String, result: SimulationResult?, loadError: String?) {
        self.program = program
        status = result?.status.rawValue ?? SimulationStatus.fault.rawValue
        exitCode = result?.exitCode
        fault = result?.fault ?? loadError
        instret = result?.instret ?? 0
        cycles = result?.cycles ?? 0
        wallSeconds = result?.wallSeconds ?? 0
        mips = result?.mips ?? 0
        hardware = result?.hardware
    }

    enum CodingKeys: String, CodingKey {
        case program, status, exitCode = "exit_code", fault, instret, cycles, wallSeconds = "wall_seconds", mips, hardware
    }

    /// Every key is always present (null when it does not apply), so readers need no special cases.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(program, forKey: .program)
        try container.encode(status, forKey: .status)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(fault, forKey: .fault)
        try container.encode(instret, forKey: .instret)
        try container.encode(cycles, forKey: .cycles)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(mips, forKey: .mips)
        try container.encodeIfPresent(hardware, forKey: .hardware)
    }
}
