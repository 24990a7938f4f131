import Foundation
import Simulator
import Testing

@Suite("HTIF exits and console streams")
struct ExitAndStreamTests {
    @Test("Returning from main ends the run with that exit code", arguments: [0, 1, 42, 255])
    func returnFromMain(code: Int) throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=0", "CODE=\(code)"], variant: "-return\(code)")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode == Int64(code), "\(TestPrograms.describe(result))")
        #expect(result.processExitStatus == Int32(code))
        #expect(result.standardOutputText == "returning \(code)\n", "stdout is flushed at exit")
        #expect(result.standardError.isEmpty)
    }

    @Test("Returning -1 from main is exit status 255, as a shell reports it")
    func returnMinusOne() throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=0", "CODE=-1"], variant: "-return-1")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.processExitStatus == 255, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == "returning -1\n")
    }

    @Test("exit(n) three calls deep ends the run and flushes a partial stdout line")
    func exitFromNestedCall() throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=1"], variant: "-nested")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode == 7, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == "before exit\npartial line at depth 3")
    }

    @Test("abort() exits with 134 and says so on stderr")
    func abortExits134() throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=2"], variant: "-abort")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode == 134, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == "about to abort\n")
        #expect(result.standardErrorText.contains("abort"), "stderr: \(result.standardErrorText)")
    }

    @Test("A failing assert exits non-zero with the expression, file and line on stderr")
    func failingAssert() throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=3"], variant: "-assert")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode != nil && result.exitCode != 0, "\(TestPrograms.describe(result))")
        #expect(result.processExitStatus != 0)
        #expect(result.standardErrorText.contains("x == 2"), "stderr: \(result.standardErrorText)")
        #expect(result.standardErrorText.contains("exit_modes.c"), "stderr: \(result.standardErrorText)")
        #expect(result.standardOutputText == "about to assert\n", "nothing after the assert ran")
    }

    @Test("_exit ends the run at once, without flushing stdout")
    func underscoreExit() throws {
        let result = try TestPrograms.run(["exit_modes.c"], defines: ["MODE=4", "CODE=3"], variant: "-underscore")
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode == 3, "\(TestPrograms.describe(result))")
        #expect(result.standardOutput.isEmpty, "buffered text is not flushed: \(result.standardOutputText)")
    }

    @Test("stdout and stderr are separate streams; partial lines and fwrite come through")
    func separateStreams() throws {
        let result = try TestPrograms.run(["streams.c"])
        #expect(result.exitCode == 0, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == """
            out 1
            out 2 without newlineout 3
            x<fwrite>
            snprintf returned 14 and kept "truncat"
            last line without newline
            """)
        #expect(result.standardErrorText == "err 1\nerr 2\nerr 3\ny<fwrite err>\n")
    }

    @Test("150 KB of output arrive intact")
    func largeOutput() throws {
        let result = try TestPrograms.run(["large_output.c"])
        #expect(result.exitCode == 0, "\(TestPrograms.describe(result))")
        var expected = ""
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for i in 0..<2000 {
            let number = String(i)
            expected += "line " + String(repeating: "0", count: 5 - number.count) + number + ": "
            for j in 0..<48 { expected.append(letters[(i * 7 + j) % 26]) }
            expected += "\n"
        }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for k in 0..<32767 { expected.append(upper[k % 26]) }
        expected += "\nend\n"
        #expect(result.droppedOutputBytes == 0)
        #expect(result.standardOutput.count == expected.utf8.count)
        if result.standardOutputText != expected {
            Issue.record("large output differs: \(HostReference.firstDifference(expected, result.standardOutputText) ?? "?")")
        }

        // With a small capture limit the result keeps the first bytes and counts the rest.
        let program = try ProgramImage(contentsOf: TestPrograms.build(["large_output.c"]))
        let limited = Simulation.run(program, options: SimulationOptions(maxInstructions: 200_000_000, outputCaptureLimit: 1000))
        #expect(limited.exitCode == 0)
        #expect(limited.standardOutput.count == 1000)
        #expect(limited.standardOutput == Array(expected.utf8.prefix(1000)))
        #expect(limited.droppedOutputBytes == expected.utf8.count - 1000)
    }
}

@Suite("C runtime library")
struct RuntimeLibraryTests {
    @Test("printf formats match the host's glibc byte for byte")
    func printfMatchesGlibc() throws {
        let host = try HostReference.compileAndRun("printf_formats.c")
        let result = try TestPrograms.run(["printf_formats.c"])
        #expect(result.exitCode == 0, "\(TestPrograms.describe(result))")
        #expect(host.split(separator: "\n").count > 150, "the reference printed its lines")
        if let difference = HostReference.firstDifference(host, result.standardOutputText) {
            Issue.record("printf output differs from glibc at \(difference)")
        }
    }

    @Test("memcpy/memmove/memset/memcmp and the str* functions")
    func stringAndMemory() throws {
        try SelfCheck.expectPasses(["string_mem.c"], minimumChecks: 52)
    }

    @Test("rand/srand: same sequence for the same seed, within one run and across runs")
    func randDeterminism() throws {
        let first = try SelfCheck.expectPasses(["rand_check.c"], minimumChecks: 5)
        let program = try ProgramImage(contentsOf: TestPrograms.build(["rand_check.c"]))
        let second = Simulation.run(program, options: SimulationOptions(maxInstructions: 10_000_000))
        SelfCheck.verify(second, minimumChecks: 5)
        let sequence = first.standardOutputText.split(separator: "\n").filter { $0.hasPrefix("seed 42:") || $0.hasPrefix("unseeded:") }
        #expect(sequence.count == 2)
        #expect(sequence == second.standardOutputText.split(separator: "\n").filter { $0.hasPrefix("seed 42:") || $0.hasPrefix("unseeded:") })
    }

    @Test("malloc/calloc/realloc/free/aligned_alloc basics")
    func heap() throws {
        try SelfCheck.expectPasses(["malloc_check.c"], minimumChecks: 19)
    }
}
