public import Foundation
import TargetRuntime

/// Builds bare-metal RV64GC programs with riscv64-unknown-elf-gcc against our target runtime.
///
/// Every program gets the flags upstream Gemmini programs use; the C library headers come
/// from picolibc (declarations only) and all library code from our runtime, which is built
/// once per compiler and runtime version and cached as an archive.
public struct CrossCompiler: Sendable {
    public let compilerPath: String
    let archiverPath: String
    /// gcc's own headers (stddef.h, stdarg.h, ...) followed by the C library's.
    let systemIncludeDirectories: [String]
    let runtime: RuntimeLibrary

    /// The flags every target program (and the runtime) is compiled with.
    public static let targetFlags = [
        "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-static", "-nostdlib", "-nostartfiles",
        "-ffast-math", "-fno-common", "-fno-builtin-printf", "-fno-tree-loop-distribute-patterns",
        "-DBAREMETAL=1", "-std=gnu11",
    ]

    static let compilerName = "riscv64-unknown-elf-gcc"
    static let compilerPackage = "gcc-riscv64-unknown-elf"
    static let defaultLibraryHeaders = "/usr/lib/picolibc/riscv64-unknown-elf/include"
    static let libraryPackage = "picolibc-riscv64-unknown-elf"

    /// Finds the cross compiler (AUTOCOMP_CC overrides PATH) and the C library headers
    /// (AUTOCOMP_LIBC_INCLUDE overrides the Debian location).
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ToolchainError) -> CrossCompiler {
        let requested = environment["AUTOCOMP_CC"] ?? compilerName
        guard let compiler = ProcessRunner.which(requested) else {
            throw ToolchainError(
                code: .compilerMissing,
                message: "\(requested) not found: install the Debian package \(compilerPackage) (ops/bootstrap.sh does)")
        }
        let archiver = ProcessRunner.which(compiler.replacingOccurrences(of: "-gcc", with: "-ar")) ?? "riscv64-unknown-elf-ar"
        let libraryHeaders = environment["AUTOCOMP_LIBC_INCLUDE"] ?? defaultLibraryHeaders
        guard FileManager.default.fileExists(atPath: libraryHeaders + "/stdio.h") else {
            throw ToolchainError(
                code: .headersMissing,
                message: "C library headers not found in \(libraryHeaders): install the Debian package \(libraryPackage) (ops/bootstrap.sh does)")
        }
        var systemIncludes: [String] = []
        for name in ["include", "include-fixed"] {
            let outcome = try ProcessRunner.run(compiler, ["-print-file-name=\(name)"], timeoutSeconds: 30)
            let path = outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            if outcome.status == 0, path.hasPrefix("/"), FileManager.default.fileExists(atPath: path) {
                systemIncludes.append(path)
            }
        }
        systemIncludes.append(libraryHeaders)
        let version = try ProcessRunner.run(compiler, ["--version"], timeoutSeconds: 30).standardOutput
        return CrossCompiler(
            compilerPath: compiler, archiverPath: archiver, systemIncludeDirectories: systemIncludes,
            runtime: RuntimeLibrary(compilerVersion: version, cacheDirectory: RuntimeLibrary.defaultCacheDirectory(environment)))
    }

    /// Header search flags: the program's own directories, the accelerator's generated
    /// parameters, the runtime's, then the system's. `-nostdinc` keeps the host's and the
    /// toolchain's default directories out.
    func includeFlags(_ options: CompileOptions, parameters: String? = nil) -> [String] {
        var flags = ["-nostdinc"]
        for directory in options.includeDirectories { flags += ["-I", directory] }
        if let parameters { flags += ["-I", parameters] }
        flags += ["-I", TargetRuntime.includeDirectory.path]
        for directory in systemIncludeDirectories { flags += ["-isystem", directory] }
        return flags
    }

    /// Compiles and links C/assembly sources into a program for the simulator.
    /// Returns the compiler's warnings (empty when there were none).
    @discardableResult
    public func compile(sources: [String], output: String, options: CompileOptions = CompileOptions()) throws(ToolchainError) -> String {
        for source in sources where !FileManager.default.isReadableFile(atPath: source) {
            throw ToolchainError(code: .compileFailed, message: "\(source): no such file or not readable")
        }
        let parameters = try runtime.parametersDirectory(for: options.accelerator)
        var arguments = Self.targetFlags + ["-O\(options.optimization)"] + includeFlags(options, parameters: parameters)
        arguments += options.defines.map { "-D\($0)" }
        if let script = options.linkerScript { arguments += ["-T", script] }
        if options.linkRuntime {
            let runtimeParts = try runtime.prepare(with: self)
            if options.linkerScript == nil { arguments += ["-T", TargetRuntime.linkerScript.path] }
            arguments += [runtimeParts.startup] + sources
            arguments += ["-Wl,--start-group", runtimeParts.archive, "-lgcc", "-Wl,--end-group"]
        } else {
            arguments += sources + ["-lgcc"]
        }
        arguments += ["-o", output]
        let outcome = try ProcessRunner.run(
            compilerPath, arguments, limits: .init(timeoutSeconds: options.timeoutSeconds, memoryBytes: options.memoryLimitBytes))
        if outcome.timedOut {
            throw ToolchainError(code: .timedOut, message: "the compiler took longer than \(Int(options.timeoutSeconds ?? 0)) s", diagnostics: outcome.standardError)
        }
        guard outcome.status == 0 else {
            let firstError = outcome.standardError.split(separator: "\n").first { $0.contains("error") }
            throw ToolchainError(
                code: .compileFailed,
                message: "compilation failed" + (firstError.map { ": \($0)" } ?? " (status \(outcome.status))"),
                diagnostics: outcome.standardError)
        }
        return outcome.standardError
    }
}
