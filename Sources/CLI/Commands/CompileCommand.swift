import ArgumentParser
import Foundation
import Simulator
import Worker

/// `autocomp cc`: compiles bare-metal C/assembly for the simulator with the cross compiler
/// and our target runtime.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cc",
        abstract: "Compile C or assembly sources into a program for the simulator.",
        discussion: """
            Uses riscv64-unknown-elf-gcc with the flags upstream Gemmini programs use \
            (\(CrossCompiler.targetFlags.joined(separator: " "))) and links the autocomp target runtime.
            """
    )

    @Argument(help: "C (.c) or assembly (.S, .s) source files.")
    var sources: [String]

    @Option(name: .customShort("o"), help: ArgumentHelp("The program to write.", valueName: "program.elf"))
    var output: String

    @Option(name: .customShort("I", allowingJoined: true), help: ArgumentHelp("Add a header search directory.", valueName: "dir"))
    var includeDirectories: [String] = []

    @Option(name: .customShort("D", allowingJoined: true), help: ArgumentHelp("Define a macro.", valueName: "name[=value]"))
    var defines: [String] = []

    @Option(name: .customShort("O", allowingJoined: true), help: ArgumentHelp("Optimization level: 0, 1, 2, 3, s, z, fast or g.", valueName: "level"))
    var optimization: String = "2"

    @Option(name: .customShort("T"), help: ArgumentHelp("Link with this linker script instead of the runtime's.", valueName: "script"))
    var linkerScript: String?

    @Option(help: ArgumentHelp("Accelerator design whose gemmini_params.h the program sees: a built-in name (see `autocomp accel list`) or a JSON file.", valueName: "name|file.json"))
    var accel: String = GemminiConfiguration.defaultName

    @Flag(help: "Do not link the autocomp runtime: the sources bring their own start-up code and library (e.g. riscv-tests' benchmarks/common).")
    var noRuntime = false

    func validate() throws {
        guard ["0", "1", "2", "3", "s", "fast", "g", "z"].contains(optimization) else {
            throw ValidationError("-O\(optimization): unknown optimization level (use 0, 1, 2, 3, s, z, fast or g)")
        }
        if sources.isEmpty { throw ValidationError("no source files") }
    }

    func run() throws {
        let accelerator = try resolveOrExit(accel, command: "autocomp cc")
        do {
            let compiler = try CrossCompiler.locate()
            let options = CompileOptions(
                includeDirectories: includeDirectories, defines: defines, optimization: optimization,
                linkRuntime: !noRuntime, linkerScript: linkerScript, accelerator: accelerator)
            let warnings = try compiler.compile(sources: sources, output: output, options: options)
            if !warnings.isEmpty { FileHandle.standardError.write(Data(warnings.utf8)) }
        } catch {
            if !error.diagnostics.isEmpty { FileHandle.standardError.write(Data(error.diagnostics.utf8)) }
            printError("autocomp cc: \(error.message)")
            throw ExitCode(1)
        }
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
