import Foundation
import Simulator
import Worker

/// Builds the test programs in `Programs/` (C and assembly, compiled at test time with the
/// same driver as `autocomp cc`) and runs them on the simulator.
enum TestPrograms {
    /// The directory holding the test programs' sources.
    static var directory: URL {
        Bundle.module.url(forResource: "Programs", withExtension: nil)!
    }

    /// A fresh scratch directory per test process.
    static let buildDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-simtests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The compiler, located once.
    static let compiler: Result<CrossCompiler, ToolchainError> = Result { () throws(ToolchainError) in
        try CrossCompiler.locate()
    }

    /// Compiles `sources` (file names in `Programs/`) into an ELF and returns its path.
    /// `variant` distinguishes builds of the same sources with different options.
    static func build(_ sources: [String], defines: [String] = [], optimization: String = "2", variant: String = "") throws -> String {
        let name = sources.map { ($0 as NSString).deletingPathExtension }.joined(separator: "+")
            .replacingOccurrences(of: "/", with: "_") + variant
        let output = buildDirectory.appendingPathComponent(name + ".elf").path
        let paths = sources.map { directory.appendingPathComponent($0).path }
        let options = CompileOptions(defines: defines, optimization: optimization)
        // Tests run in parallel and may build the same program: each build writes its own
        // file and renames it into place, so no test ever reads a half-written one.
        let staging = output + ".\(UUID().uuidString).tmp"
        try compiler.get().compile(sources: paths, output: staging, options: options)
        guard rename(staging, output) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return output
    }

    /// Compiles and runs one program.
    static func run(
        _ sources: [String], defines: [String] = [], optimization: String = "2", variant: String = "",
        options: SimulationOptions = SimulationOptions(maxInstructions: 2_000_000_000, timeoutSeconds: 120)
    ) throws -> SimulationResult {
        let path = try build(sources, defines: defines, optimization: optimization, variant: variant)
        return Simulation.run(try ProgramImage(contentsOf: path), options: options)
    }

    /// A readable summary of a result for test failure messages.
    static func describe(_ result: SimulationResult) -> String {
        var text = "status \(result.status.rawValue), exit code \(result.exitCode.map(String.init) ?? "-"), \(result.instret) instructions"
        if let fault = result.fault { text += "\nfault: \(fault)" }
        if !result.standardOutput.isEmpty { text += "\nstdout:\n\(result.standardOutputText)" }
        if !result.standardError.isEmpty { text += "\nstderr:\n\(result.standardErrorText)" }
        return text
    }
}
