// Runs one program synchronously on the calling thread, for profilers such as
// `valgrind --tool=callgrind` that count host instructions (repeatable on a noisy machine).
// Usage: simulator-run [--timing] PROGRAM.elf [ACCELERATOR]   (ACCELERATOR: int8_16x16, fp32_4x4, ...)
// --timing models cycles (the Rocket host core, caches, L2, DRAM) with the parameters of
// the accelerator's design (int8_16x16 when there is none).
import Simulator
import Glibc

var arguments = Array(CommandLine.arguments.dropFirst())
let timed = arguments.contains("--timing")
arguments.removeAll { $0 == "--timing" }
guard (1...2).contains(arguments.count) else {
    print("usage: simulator-run [--timing] PROGRAM.elf [ACCELERATOR]")
    exit(2)
}
do {
    let image = try ProgramImage(contentsOf: arguments[0])
    let design = arguments.count == 2 ? GemminiConfiguration.builtIn(named: arguments[1]) : nil
    let accelerator = design.map(Gemmini.makeAccelerator)
    var options = SimulationOptions()
    if timed { options.timing = TimingParameters.rocketSoC(for: design ?? .int8Default) }
    let result = Simulation.run(image, options: options, accelerator: accelerator)
    print("\(result.status.rawValue) \(result.exitCode ?? -1): \(result.instret) instructions, \(result.cycles) cycles, \(result.mips) MIPS")
} catch {
    print("\(error)")
    exit(1)
}
