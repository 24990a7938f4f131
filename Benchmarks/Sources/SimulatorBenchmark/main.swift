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

print("Simulator speed, functional mode, release build, best and median of \(repeats) runs")
print("| workload | instructions | best s | best MIPS | median MIPS |")
print("| --- | ---: | ---: | ---: | ---: |")
var totalInstructions: UInt64 = 0
var totalBestSeconds = 0.0
for (workload, image) in zip(workloads, images) {
    var results: [SimulationResult] = []
    for _ in 0..<repeats {
        let result = Simulation.run(image)
        guard result.status == .exited, result.exitCode == 0 else {
            print("\(workload.name) failed: \(result.status) \(result.fault ?? "") \(result.standardOutputText)")
            exit(1)
        }
        results.append(result)
    }
    let mips = results.map(\.mips).sorted()
    let best = results.min { $0.wallSeconds < $1.wallSeconds }!
    totalInstructions += best.instret
    totalBestSeconds += best.wallSeconds
    print("| \(workload.name) | \(best.instret) | \(format(best.wallSeconds, 3)) | \(format(mips.last!)) | \(format(mips[mips.count / 2])) |")
}
print("| all (sum of best runs) | \(totalInstructions) | \(format(totalBestSeconds, 3)) | \(format(Double(totalInstructions) / totalBestSeconds / 1e6)) | |")

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
