// Measures the simulator's speed (MIPS) on scalar workloads, one at a time and all at once
// on the thread pool. Usage: simulator-benchmark [--repeat N]
import Foundation
import Simulator
import Worker

struct Workload {
    var name: String
    var source: String
}

let workloads = [
    Workload(name: "matmul 256x256 int32", source: "matmul_int.c"),
    Workload(name: "quicksort 1M int32", source: "quicksort.c"),
    Workload(name: "dhrystone-like 2M iterations", source: "dhrystone_like.c"),
]

var repeats = 5
if let index = CommandLine.arguments.firstIndex(of: "--repeat"), index + 1 < CommandLine.arguments.count,
   let value = Int(CommandLine.arguments[index + 1]) {
    repeats = max(1, value)
}

let programs = Bundle.module.url(forResource: "Programs", withExtension: nil)!
let buildDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-bench-\(getpid())")
try FileManager.default.createDirectory(at: buildDirectory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: buildDirectory) }

let compiler = try CrossCompiler.locate()
var images: [ProgramImage] = []
for workload in workloads {
    let output = buildDirectory.appendingPathComponent(workload.source + ".elf").path
    try compiler.compile(sources: [programs.appendingPathComponent(workload.source).path], output: output)
    images.append(try ProgramImage(contentsOf: output))
}

func format(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }

// Each workload runs functionally and with the cycle model (the Rocket host core, its caches,
// L2 and DRAM), alternately, so that drift in the machine's speed affects both columns alike.
let timedOptions = SimulationOptions(timing: TimingParameters.rocketSoC(for: .int8Default))
print("Simulator speed, release build, best and median of \(repeats) runs; timed: with the host core's cycle model")
print("| workload | instructions | best s | best MIPS | median MIPS | timed best s | timed MIPS | timing overhead | modelled IPC |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
var totalInstructions: UInt64 = 0
var totalBestSeconds = 0.0
var totalTimedSeconds = 0.0
for (workload, image) in zip(workloads, images) {
    var results: [SimulationResult] = []
    var timedResults: [SimulationResult] = []
    for _ in 0..<repeats {
        for timed in [false, true] {
            let result = Simulation.run(image, options: timed ? timedOptions : SimulationOptions())
            guard result.status == .exited, result.exitCode == 0 else {
                print("\(workload.name) failed: \(result.status) \(result.fault ?? "") \(result.standardOutputText)")
                exit(1)
            }
            if timed { timedResults.append(result) } else { results.append(result) }
        }
    }
    let mips = results.map(\.mips).sorted()
    let best = results.min { $0.wallSeconds < $1.wallSeconds }!
    let timedBest = timedResults.min { $0.wallSeconds < $1.wallSeconds }!
    totalInstructions += best.instret
    totalBestSeconds += best.wallSeconds
    totalTimedSeconds += timedBest.wallSeconds
    let overhead = (timedBest.wallSeconds / best.wallSeconds - 1) * 100
    let ipc = Double(timedBest.instret) / Double(max(1, timedBest.cycles))
    print("| \(workload.name) | \(best.instret) | \(format(best.wallSeconds, 3)) | \(format(mips.last!)) | \(format(mips[mips.count / 2])) | \(format(timedBest.wallSeconds, 3)) | \(format(timedBest.mips)) | +\(format(overhead))% | \(format(ipc, 2)) |")
}
let totalOverhead = (totalTimedSeconds / totalBestSeconds - 1) * 100
print("| all (sum of best runs) | \(totalInstructions) | \(format(totalBestSeconds, 3)) | \(format(Double(totalInstructions) / totalBestSeconds / 1e6)) | | \(format(totalTimedSeconds, 3)) | \(format(Double(totalInstructions) / totalTimedSeconds / 1e6)) | +\(format(totalOverhead))% | |")

// Reference: QEMU (a dynamic binary translator, not an interpreter) on the same programs,
// built without console output because QEMU's HTIF has no SYS_write. Wall time includes
// QEMU's start-up, so it is measured for an empty program too.
let qemuPath = "/usr/bin/qemu-system-riscv64"
if FileManager.default.isExecutableFile(atPath: qemuPath) {
    func qemuSeconds(_ program: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: qemuPath)
            process.arguments = ["-M", "spike", "-m", "512M", "-nographic", "-bios", "none", "-kernel", program]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = Date()
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
            best = min(best, Date().timeIntervalSince(start))
        }
        return best
    }
    let empty = buildDirectory.appendingPathComponent("empty.c")
    try "int main(void) { return 0; }\n".write(to: empty, atomically: true, encoding: .utf8)
    let emptyProgram = buildDirectory.appendingPathComponent("empty.elf").path
    try compiler.compile(sources: [empty.path], output: emptyProgram)
    let startup = try qemuSeconds(emptyProgram)
    print("")
    print("Reference, same programs without console output: QEMU \(qemuPath) (start-up \(format(startup, 3)) s subtracted)")
    print("| workload | instructions | this simulator MIPS | QEMU MIPS |")
    print("| --- | ---: | ---: | ---: |")
    for workload in workloads {
        let output = buildDirectory.appendingPathComponent(workload.source + ".quiet.elf").path
        try compiler.compile(
            sources: [programs.appendingPathComponent(workload.source).path], output: output,
            options: CompileOptions(defines: ["QUIET=1"]))
        let ours = (0..<repeats).map { _ in Simulation.run(try! ProgramImage(contentsOf: output)) }
            .min { $0.wallSeconds < $1.wallSeconds }!
        let qemu = max(1e-6, try qemuSeconds(output) - startup)
        print("| \(workload.name) | \(ours.instret) | \(format(ours.mips)) | \(format(Double(ours.instret) / qemu / 1e6)) |")
    }
}

// Gemmini command costs (the issue's targets: a 16x16x16 preload+compute in at most 1 us, a
// 1 KiB mvin in at most 0.5 us; Spike with its Gemmini extension: about 12 us and 6 us).
let gemminiIterations = 200_000
print("")
print("Gemmini commands on the int8_16x16 model, \(gemminiIterations) iterations, best of \(repeats)")
print("| operation | us per operation |")
print("| --- | ---: |")
for (operation, name) in [(1, "16x16x16 preload + compute_preloaded"), (2, "1 KiB mvin (16 x 64 int8)")] {
    let output = buildDirectory.appendingPathComponent("gemmini_ops_\(operation).elf").path
    try compiler.compile(
        sources: [programs.appendingPathComponent("gemmini_ops.c").path], output: output,
        options: CompileOptions(defines: ["OPERATION=\(operation)", "ITERATIONS=\(gemminiIterations)"]))
    let image = try ProgramImage(contentsOf: output)
    let best = (0..<repeats).map { _ in
        Simulation.run(image, accelerator: Gemmini.makeAccelerator(.int8Default))
    }.min { $0.wallSeconds < $1.wallSeconds }!
    guard best.status == .exited, best.exitCode == 0 else { print("gemmini_ops failed: \(best.fault ?? "")"); exit(1) }
    print("| \(name) | \(format(best.wallSeconds / Double(gemminiIterations) * 1e6, 2)) |")
}

// Throughput: every workload `repeats` times on the pool, one thread per core.
let pool = SimulatorPool()
let jobs = (0..<repeats).flatMap { _ in images.map { SimulationJob(program: $0) } }
let start = Date()
let results = await pool.run(jobs)
let elapsed = Date().timeIntervalSince(start)
let instructions = results.reduce(UInt64(0)) { $0 + $1.instret }
guard results.allSatisfy({ $0.status == .exited && $0.exitCode == 0 }) else { print("pool run failed"); exit(1) }
print("")
print("Pool: \(jobs.count) runs on \(pool.threadCount) threads in \(format(elapsed, 2)) s: \(format(Double(instructions) / elapsed / 1e6)) MIPS aggregate")
