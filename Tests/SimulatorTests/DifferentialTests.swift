import Foundation
import Testing
import Simulator

/// Runs the same program on our simulator and on QEMU (an independent RISC-V implementation
/// with its own soft-float) and requires identical output: one hash per integer and F/D
/// instruction and rounding mode over thousands of operands, results and fflags included.
@Suite("Differential against QEMU")
struct DifferentialTests {
    static let qemu = ["/usr/bin/qemu-system-riscv64", "/usr/local/bin/qemu-system-riscv64"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("Every computation instruction matches QEMU bit for bit", .enabled(if: qemu != nil, "qemu-system-riscv64 is not installed (ops/bootstrap.sh installs it)"))
    func matchesQEMU() throws {
        let program = try TestPrograms.build(["differential/differential.c"])
        let ours = Simulation.run(try ProgramImage(contentsOf: program))
        #expect(ours.status == .exited && ours.exitCode == 0, "\(TestPrograms.describe(ours))")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.qemu!)
        process.arguments = ["-M", "spike", "-m", "512M", "-nographic", "-bios", "none", "-kernel", program]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reference = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let expected = reference.split(separator: "\n")
        let actual = ours.standardOutputText.split(separator: "\n")
        #expect(expected.count > 200, "QEMU printed \(expected.count) lines")
        #expect(actual.count == expected.count)
        for (mine, theirs) in zip(actual, expected) where mine != theirs {
            Issue.record("differs from QEMU: ours \(mine), QEMU \(theirs)")
        }
    }
}
