import Foundation
import Simulator
import Testing

@Suite("autocomp cc")
struct CompileCommandTests {
    @Test("A syntax error exits 1 and shows the compiler's diagnostics")
    func syntaxError() throws {
        let source = try CommandLineTool.write("syntax-error.c", "int main(void)\n{\n    return 0\n}\n")
        let output = CommandLineTool.path("syntax-error.elf")
        let result = try CommandLineTool.autocomp(["cc", source, "-o", output])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.standardError.contains("syntax-error.c:3"), "gcc's diagnostic with file and line:\n\(result.standardError)")
        #expect(result.standardError.contains("error"), "\(result.standardError)")
        #expect(result.errorLines.last?.hasPrefix("autocomp cc:") == true, "ends with autocomp's own line:\n\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output), "no program was written")
    }

    @Test("A missing source file gives a one-line error naming it")
    func missingSource() throws {
        let missing = CommandLineTool.path("no-such-dir/missing.c")
        let result = try CommandLineTool.autocomp(["cc", missing, "-o", CommandLineTool.path("missing.elf")])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.errorLines.count == 1, "exactly one line:\n\(result.standardError)")
        #expect(result.standardError.contains(missing), "\(result.standardError)")
    }

    @Test("A missing compiler gives a one-line error naming the Debian package")
    func missingCompiler() throws {
        let source = try CommandLineTool.write("fine.c", "int main(void) { return 0; }\n")
        let result = try CommandLineTool.autocomp(
            ["cc", source, "-o", CommandLineTool.path("fine.elf")],
            environment: ["AUTOCOMP_CC": "/nonexistent/riscv64-unknown-elf-gcc"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.errorLines.count == 1, "exactly one line:\n\(result.standardError)")
        #expect(result.standardError.contains("gcc-riscv64-unknown-elf"), "\(result.standardError)")
        #expect(result.standardError.contains("/nonexistent/riscv64-unknown-elf-gcc"), "\(result.standardError)")
    }

    static let optionsProgram = """
        #include "cli_header.h"
        int main(void)
        {
        #ifdef __OPTIMIZE__
            int optimized = 100;
        #else
            int optimized = 0;
        #endif
            return VALUE + HEADER_VALUE + optimized;
        }
        """

    @Test("-D, -I and -O are honoured, joined or separate", arguments: [
        (["-DVALUE=37", "-I", "INCLUDE", "-O0"], Int32(42)),
        (["-D", "VALUE=20", "-IINCLUDE", "-O2"], Int32(125)),
        (["-DVALUE=1", "-IINCLUDE", "-Os"], Int32(106)),
    ])
    func options(_ flags: [String], expected: Int32) throws {
        try CommandLineTool.write("include-dir/cli_header.h", "#define HEADER_VALUE 5\n")
        let source = try CommandLineTool.write("options.c", Self.optionsProgram)
        let include = CommandLineTool.path("include-dir")
        let resolved = flags.map { $0.replacingOccurrences(of: "INCLUDE", with: include) }
        let name = "options-\(expected).elf"
        let program = try CommandLineTool.compile([source], output: name, resolved)
        let result = try CommandLineTool.autocomp(["sim", program])
        #expect(result.status == expected, "\(flags): \(result.summary)")
    }

    @Test("An unknown optimization level is rejected")
    func badOptimizationLevel() throws {
        let source = try CommandLineTool.write("fine2.c", "int main(void) { return 0; }\n")
        let result = try CommandLineTool.autocomp(["cc", source, "-o", CommandLineTool.path("fine2.elf"), "-O9"])
        #expect(result.status != 0, "\(result.summary)")
        #expect(result.standardError.contains("-O9"), "\(result.standardError)")
    }
}
