import Foundation
import Testing
import Simulator
import Worker

/// Programs built on a riscv-tests-style runtime (their own crt.S, syscall proxy and linker
/// script, no autocomp runtime) run unmodified.
@Suite("Upstream-style runtime")
struct UpstreamRuntimeTests {
    static func build(defines: [String] = [], name: String) throws -> ProgramImage {
        let directory = TestPrograms.directory.appendingPathComponent("upstream_style")
        let output = TestPrograms.buildDirectory.appendingPathComponent(name).path
        let options = CompileOptions(
            defines: defines, linkRuntime: false, linkerScript: directory.appendingPathComponent("test.ld").path)
        try TestPrograms.compiler.get().compile(
            sources: ["crt.S", "syscalls.c", "vvadd.c"].map { directory.appendingPathComponent($0).path },
            output: output, options: options)
        return try ProgramImage(contentsOf: output)
    }

    @Test("Console output through the syscall proxy, counters and exit code")
    func runsUnmodified() throws {
        let result = Simulation.run(try Self.build(name: "upstream-vvadd.elf"))
        #expect(result.status == .exited && result.exitCode == 0, "\(TestPrograms.describe(result))")
        let lines = result.standardOutputText.split(separator: "\n").map(String.init)
        #expect(lines.first == "vvadd: ok")
        // The bracketed loop retires a few instructions per element.
        let instructions = lines.first { $0.hasPrefix("minstret = ") }.flatMap { Int($0.dropFirst("minstret = ".count)) }
        #expect(instructions.map { (3_000...12_000).contains($0) } == true, "\(lines)")
    }

    @Test("A trap goes to the program's own handler (riscv-tests exits with 1337)")
    func trapHandlerRuns() throws {
        let result = Simulation.run(try Self.build(defines: ["RAISE_ECALL=1"], name: "upstream-vvadd-ecall.elf"))
        #expect(result.status == .exited && result.exitCode == 1337, "\(TestPrograms.describe(result))")
        #expect(result.processExitStatus == Int32(1337 & 0xFF))
    }
}
