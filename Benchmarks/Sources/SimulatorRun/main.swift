// Runs one program synchronously on the calling thread, for profilers such as
// `valgrind --tool=callgrind` that count host instructions (repeatable on a noisy machine).
// Usage: simulator-run [--timing | --compare N] PROGRAM.elf [ACCELERATOR]
//   ACCELERATOR: int8_16x16, fp32_4x4, ... (none when absent)
// --timing models cycles (the Rocket host core, caches, L2, DRAM) with the parameters of
// the accelerator's design (int8_16x16 when there is none).
// --compare N runs the program N times functionally and N times timed, alternately, in this
// one process (as a worker runs candidates: a fresh machine and accelerator each time), and
// prints the best wall time of each and the timing overhead.
import Simulator
import Glibc

let usage = "usage: simulator-run [--timing | --compare N] PROGRAM.elf [ACCELERATOR]"
var arguments = Array(CommandLine.arguments.dropFirst())
let timed = arguments.contains("--timing")
arguments.removeAll { $0 == "--timing" }
var comparisons: Int?
if let index = arguments.firstIndex(of: "--compare") {
    guard index + 1 < arguments.count, let count = Int(arguments[index + 1]), count > 0 else {
        print("--compare needs a positive number of runs; \(usage)")
        exit(2)
    }
    comparisons = count
    arguments.removeSubrange(index...index + 1)
}
guard (1...2).contains(arguments.count) else {
    print(usage)
    exit(2)
}
let design: GemminiConfiguration? = arguments.count == 2 ? GemminiConfiguration.builtIn(named: arguments[1]) : nil
if arguments.count == 2 && design == nil {
    print("unknown accelerator \(arguments[1]); \(usage)")
    exit(2)
}

func run(_ image: ProgramImage, timed: Bool, design: GemminiConfiguration?) -> SimulationResult {
    var options = SimulationOptions()
    if timed { options.timing = TimingParameters.rocketSoC(for: design ?? .int8Default) }
    return Simulation.run(image, options: options, accelerator: design.map(Gemmini.makeAccelerator))
}

do {
    let image = try ProgramImage(contentsOf: arguments[0])
    if let comparisons {
        var functional = Double.infinity, timed = Double.infinity
        for _ in 0..<comparisons {
            functional = min(functional, run(image, timed: false, design: design).wallSeconds)
            timed = min(timed, run(image, timed: true, design: design).wallSeconds)
        }
        let overhead = Int(((timed / functional - 1) * 100).rounded())
        print("best of \(comparisons): functional \(Int((functional * 1e6).rounded())) us, timed \(Int((timed * 1e6).rounded())) us, overhead +\(overhead)%")
    } else {
        let result = run(image, timed: timed, design: design)
        print("\(result.status.rawValue) \(result.exitCode ?? -1): \(result.instret) instructions, \(result.cycles) cycles, \(result.mips) MIPS")
    }
} catch {
    print("\(error)")
    exit(1)
}
