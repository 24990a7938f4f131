import Foundation
import Simulator
import Testing

/// Programs for the command-line tests, written to the scratch directory at test time.
enum CLIPrograms {
    /// Functions that fault in known ways, at known symbols (4-byte encodings, no compression).
    static let faults = """
        #include <stdint.h>
        #include <stdio.h>

        __asm__(".text\\n.option push\\n.option norvc\\n"
                ".globl bad_word_zero\\n.type bad_word_zero, @function\\nbad_word_zero:\\n.word 0\\n.size bad_word_zero, 4\\n"
                ".globl bad_word_ones\\n.type bad_word_ones, @function\\nbad_word_ones:\\n.word 0xffffffff\\n.size bad_word_ones, 4\\n"
                ".globl bad_load\\n.type bad_load, @function\\nbad_load:\\nlui a0, 1\\nld a0, 0(a0)\\nret\\n.size bad_load, 12\\n"
                ".globl bad_store\\n.type bad_store, @function\\nbad_store:\\nlui a0, 1\\nsd a1, 8(a0)\\nret\\n.size bad_store, 12\\n"
                ".globl bad_amo\\n.type bad_amo, @function\\nbad_amo:\\namoadd.w a0, a1, (a0)\\nret\\n.size bad_amo, 8\\n"
                ".globl bad_ecall\\n.type bad_ecall, @function\\nbad_ecall:\\necall\\nret\\n.size bad_ecall, 8\\n"
                ".globl spin\\n.type spin, @function\\nspin:\\nj spin\\n.size spin, 4\\n"
                ".option pop\\n");
        void bad_word_zero(void);
        void bad_word_ones(void);
        long bad_load(void);
        void bad_store(long, long);
        long bad_amo(void *, long);
        void bad_ecall(void);
        void spin(void);

        static uint32_t cells[4];

        int main(void)
        {
            printf("kind %d\\n", KIND);
            fflush(stdout);
            switch (KIND) {
            case 0: bad_word_zero(); break;
            case 1: bad_word_ones(); break;
            case 2: bad_load(); break;
            case 3: bad_store(0, 5); break;
            case 4: bad_amo((char *)cells + 2, 1); break;
            case 5: bad_ecall(); break;
            case 6: spin(); break;
            }
            return 0;
        }
        """

    static let counting = """
        #include <stdio.h>
        int main(void)
        {
            volatile long sum = 0;
            for (int i = 0; i < 100000; i++)
                sum += i;
            printf("sum %ld\\n", sum);
            return 3;
        }
        """

    static let streams = """
        #include <stdio.h>
        int main(void)
        {
            printf("o1\\n");
            fprintf(stderr, "e1\\n");
            printf("o2 ");
            fprintf(stderr, "e2\\n");
            printf("o3\\n");
            return 42;
        }
        """
}

/// The fault program's source, written once per process.
private let faultSource = Result { try CommandLineTool.write("faults.c", CLIPrograms.faults) }

/// Builds a fault program variant (under a name of its own per caller, as tests run in
/// parallel) and returns the ELF path.
private func faultProgram(kind: Int, tag: String = #function) throws -> String {
    let name = tag.filter { $0.isLetter || $0.isNumber }
    return try CommandLineTool.compile([faultSource.get()], output: "faults-\(kind)-\(name).elf", ["-DKIND=\(kind)"])
}

/// The address of a function symbol in a program.
private func symbol(_ name: String, in path: String) throws -> UInt64 {
    let image = try ProgramImage(contentsOf: path)
    guard let function = image.functions.first(where: { $0.name == name }) else {
        throw CommandLineTool.Failure(description: "no symbol \(name) in \(path)")
    }
    return function.address
}

@Suite("autocomp sim")
struct SimulateCommandTests {
    struct FaultCase: Sendable, CustomTestStringConvertible {
        var kind: Int
        var function: String
        var offset: UInt64
        var instruction: String
        var reason: String
        var testDescription: String { "\(function): \(reason)" }
    }

    static let faultCases = [
        FaultCase(kind: 0, function: "bad_word_zero", offset: 0, instruction: "instruction 0x0000", reason: "illegal instruction"),
        FaultCase(kind: 1, function: "bad_word_ones", offset: 0, instruction: "instruction 0xffffffff", reason: "illegal instruction"),
        FaultCase(kind: 2, function: "bad_load", offset: 4, instruction: "instruction 0x00053503", reason: "0x1000"),
        FaultCase(kind: 3, function: "bad_store", offset: 4, instruction: "instruction 0x00b53423", reason: "0x1008"),
        FaultCase(kind: 4, function: "bad_amo", offset: 0, instruction: "instruction 0x00b5252f", reason: "misaligned"),
        FaultCase(kind: 5, function: "bad_ecall", offset: 0, instruction: "instruction 0x00000073", reason: "mtvec"),
    ]

    @Test("A guest fault exits 125 with one stderr line naming the PC and the instruction", arguments: faultCases)
    func guestFault(_ fault: FaultCase) throws {
        let program = try faultProgram(kind: fault.kind)
        let pc = try symbol(fault.function, in: program) + fault.offset
        let result = try CommandLineTool.autocomp(["sim", program])
        #expect(result.status == 125, "\(result.summary)")
        #expect(result.standardOutput == "kind \(fault.kind)\n", "the program's output before the fault comes through")
        #expect(result.errorLines.count == 1, "exactly one line on stderr:\n\(result.standardError)")
        let line = result.errorLines.first.map(String.init) ?? ""
        #expect(line.contains("pc \(hexAddress(pc))"), "names the PC \(hexAddress(pc)): \(line)")
        #expect(line.contains(fault.instruction), "names the instruction word: \(line)")
        #expect(line.contains(fault.reason), "says what happened: \(line)")
        #expect(line.contains(program), "names the program: \(line)")
    }

    @Test("A file that is not a RISC-V ELF64 executable exits 125 with one line naming the problem")
    func badFiles() throws {
        let text = try CommandLineTool.write("not-elf.txt", "this is just text\nnot a program\n")
        let empty = try CommandLineTool.write("empty.elf", "")
        let missing = CommandLineTool.path("does-not-exist.elf")

        // A 32-bit RISC-V executable.
        let tiny = try CommandLineTool.write("tiny32.S", ".globl _start\n_start:\n    j _start\n")
        let rv32 = CommandLineTool.path("tiny32.elf")
        let rv32Build = try CommandLineTool.run(
            "/usr/bin/env",
            ["riscv64-unknown-elf-gcc", "-march=rv32i", "-mabi=ilp32", "-nostdlib", "-nostartfiles", "-static", "-o", rv32, tiny])
        #expect(rv32Build.status == 0, "\(rv32Build.summary)")

        // A host (x86-64) executable.
        let hostSource = try CommandLineTool.write("host.c", "int main(void) { return 0; }\n")
        let host = CommandLineTool.path("host.elf")
        let hostBuild = try CommandLineTool.run("/usr/bin/env", ["cc", "-o", host, hostSource])
        #expect(hostBuild.status == 0, "\(hostBuild.summary)")

        let cases: [(path: String, phrase: String)] = [
            (text, "not an ELF"), (empty, "not an ELF"), (missing, "No such file"), (rv32, "ELFCLASS64"), (host, "not RISC-V"),
        ]
        for (path, phrase) in cases {
            let result = try CommandLineTool.autocomp(["sim", path])
            #expect(result.status == 125, "\(path): \(result.summary)")
            #expect(result.errorLines.count == 1, "\(path): exactly one line:\n\(result.standardError)")
            #expect(result.standardError.contains(path), "names the file: \(result.standardError)")
            #expect(result.standardError.contains(phrase), "says '\(phrase)': \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
    }

    @Test("--max-instructions stops an endless loop with 124")
    func instructionLimit() throws {
        let program = try faultProgram(kind: 6)
        let stats = CommandLineTool.path("limit-stats.json")
        let result = try CommandLineTool.autocomp(["sim", program, "--max-instructions", "100000", "--stats", stats])
        #expect(result.status == 124, "\(result.summary)")
        #expect(result.errorLines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("100000"), "\(result.standardError)")
        let json = try statistics(stats)
        #expect(json["status"] as? String == "instruction_limit")
        #expect((json["instret"] as? NSNumber)?.uint64Value == 100_000)
        #expect(json["exit_code"] is NSNull)
    }

    @Test("--timeout stops an endless loop with 124 after about that long")
    func timeout() throws {
        let program = try faultProgram(kind: 6)
        let result = try CommandLineTool.autocomp(["sim", program, "--timeout", "0.5"])
        #expect(result.status == 124, "\(result.summary)")
        #expect(result.seconds >= 0.5, "stopped after \(result.seconds) s")
        #expect(result.seconds < 20, "stopped after \(result.seconds) s")
        #expect(result.errorLines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("--timeout"), "\(result.standardError)")
    }

    @Test("--stats writes status, exit_code, instret, cycles, wall_seconds and mips, consistently")
    func statisticsFile() throws {
        let source = try CommandLineTool.write("counting.c", CLIPrograms.counting)
        let program = try CommandLineTool.compile([source], output: "counting.elf")
        let stats = CommandLineTool.path("counting-stats.json")
        let result = try CommandLineTool.autocomp(["sim", program, "--stats", stats])
        #expect(result.status == 3, "\(result.summary)")
        #expect(result.standardOutput == "sum 4999950000\n")
        let json = try statistics(stats)
        for key in ["status", "exit_code", "instret", "cycles", "wall_seconds", "mips"] {
            #expect(json[key] != nil, "key \(key) in \(json)")
        }
        #expect(json["status"] as? String == "exited")
        #expect((json["exit_code"] as? NSNumber)?.intValue == 3)
        let instret = (json["instret"] as? NSNumber)?.uint64Value ?? 0
        let cycles = (json["cycles"] as? NSNumber)?.uint64Value ?? 0
        let wall = (json["wall_seconds"] as? NSNumber)?.doubleValue ?? 0
        let mips = (json["mips"] as? NSNumber)?.doubleValue ?? 0
        // The same program run in-process retires exactly as many instructions.
        let reference = Simulation.run(try ProgramImage(contentsOf: program))
        #expect(instret == reference.instret)
        #expect(instret > 300_000, "a 100000-iteration loop")
        #expect(cycles >= instret)
        #expect(wall > 0 && wall <= result.seconds, "wall_seconds \(wall), process took \(result.seconds)")
        let expectedMips = Double(instret) / wall / 1e6
        #expect(abs(mips - expectedMips) <= expectedMips * 1e-6, "mips \(mips) vs instret/wall \(expectedMips)")
    }

    @Test("--stats records a fault")
    func statisticsOfFault() throws {
        let program = try faultProgram(kind: 1)
        let stats = CommandLineTool.path("fault-stats.json")
        let result = try CommandLineTool.autocomp(["sim", program, "--stats", stats])
        #expect(result.status == 125)
        let json = try statistics(stats)
        #expect(json["status"] as? String == "fault")
        #expect(json["exit_code"] is NSNull)
        #expect((json["fault"] as? String)?.contains("0xffffffff") == true, "\(json)")
    }

    @Test("Console output passes through in program order and the exit code is the program's")
    func passthrough() throws {
        let source = try CommandLineTool.write("streams.c", CLIPrograms.streams)
        let program = try CommandLineTool.compile([source], output: "streams.elf")
        let merged = try CommandLineTool.autocomp(["sim", program], merge: true)
        #expect(merged.status == 42, "\(merged.summary)")
        #expect(merged.standardOutput == "o1\ne1\no2 e2\no3\n", "stderr flushes stdout first:\n\(merged.standardOutput)")
        let separate = try CommandLineTool.autocomp(["sim", program])
        #expect(separate.standardOutput == "o1\no2 o3\n")
        #expect(separate.standardError == "e1\ne2\n")
    }

    private func statistics(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CommandLineTool.Failure(description: "\(path) is not a JSON object")
        }
        return object
    }
}
