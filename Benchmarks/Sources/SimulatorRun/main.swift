// Runs one program synchronously on the calling thread, for profilers such as
// `valgrind --tool=callgrind` that count host instructions (repeatable on a noisy machine).
// Usage: simulator-run PROGRAM.elf [ACCELERATOR]   (ACCELERATOR: int8_16x16, fp32_4x4, ...)
import Simulator
import Glibc

guard (2...3).contains(CommandLine.arguments.count) else {
    print("usage: simulator-run PROGRAM.elf [ACCELERATOR]")
    exit(2)
}
do {
    let image = try ProgramImage(contentsOf: CommandLine.arguments[1])
    let accelerator = CommandLine.arguments.count == 3
        ? GemminiConfiguration.builtIn(named: CommandLine.arguments[2]).map(Gemmini.makeAccelerator) : nil
    let result = Simulation.run(image, accelerator: accelerator)
    print("\(result.status.rawValue) \(result.exitCode ?? -1): \(result.instret) instructions, \(result.mips) MIPS")
} catch {
    print("\(error)")
    exit(1)
}
