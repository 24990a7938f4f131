// Runs one program synchronously on the calling thread, for profilers such as
// `valgrind --tool=callgrind` that count host instructions (repeatable on a noisy machine).
// Usage: simulator-run PROGRAM.elf
import Simulator
import Glibc

guard CommandLine.arguments.count == 2 else {
    print("usage: simulator-run PROGRAM.elf")
    exit(2)
}
do {
    let image = try ProgramImage(contentsOf: CommandLine.arguments[1])
    let result = Simulation.run(image)
    print("\(result.status.rawValue) \(result.exitCode ?? -1): \(result.instret) instructions, \(result.mips) MIPS")
} catch {
    print("\(error)")
    exit(1)
}
