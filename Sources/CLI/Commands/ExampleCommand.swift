import ArgumentParser
import Foundation
import Simulator
import Worker

/// `autocomp example`: builds the bundled example program and runs it on the simulator,
/// end to end, with nothing to configure.
struct ExampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Build the bundled example program and run it on the simulator."
    )

    @Flag(help: "Keep the build directory and print its path.")
    var keep = false

    func run() throws {
        guard let source = Bundle.module.url(forResource: "Examples/matmul", withExtension: "c") else {
            printError("autocomp example: the bundled example is missing from this installation")
            throw ExitCode(1)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-example-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: directory) } }
        let program = directory.appendingPathComponent("matmul.elf").path

        print("Compiling \(source.lastPathComponent) with riscv64-unknown-elf-gcc ...")
        do {
            let compiler = try CrossCompiler.locate()
            try compiler.compile(sources: [source.path], output: program)
        } catch {
            if !error.diagnostics.isEmpty { printError(error.diagnostics) }
            printError("autocomp example: \(error.message)")
            throw ExitCode(1)
        }

        print("Running it on the simulator ...")
        fflush(nil)
        let image = try ProgramImage(contentsOf: program)
        let result = Simulation.run(image, options: SimulationOptions(passthroughOutput: true))
        print(String(format: "%@: %llu instructions in %.3f s (%.0f MIPS)",
                     result.status == .exited ? "finished" : result.status.rawValue,
                     result.instret, result.wallSeconds, result.mips))
        if keep { print("Build directory: \(directory.path)") }
        if let fault = result.fault { printError("autocomp example: \(fault)") }
        throw ExitCode(result.processExitStatus)
    }
}
