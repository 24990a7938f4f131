import Foundation
import Simulator
import TargetRuntime

/// The target runtime compiled once into `crt0.o` and `libautocomp.a`, cached on disk under
/// a key made of the compiler version, the flags and the runtime's sources, so that
/// programs only compile their own code.
struct RuntimeLibrary: Sendable {
    let compilerVersion: String
    let cacheDirectory: URL

    struct Parts {
        var startup: String
        var archive: String
    }

    static func defaultCacheDirectory(_ environment: [String: String]) -> URL {
        if let explicit = environment["AUTOCOMP_CACHE_DIR"] { return URL(fileURLWithPath: explicit) }
        if let xdg = environment["XDG_CACHE_HOME"] { return URL(fileURLWithPath: xdg).appendingPathComponent("autocomp") }
        if let home = environment["HOME"] { return URL(fileURLWithPath: home).appendingPathComponent(".cache/autocomp") }
        return FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-cache")
    }

    /// Returns the cached build, building it first when needed. Concurrent builders each
    /// build in a private directory and the first to finish publishes with an atomic rename.
    func prepare(with compiler: CrossCompiler) throws(ToolchainError) -> Parts {
        let sources: [URL]
        do {
            sources = [TargetRuntime.startupFile] + (try TargetRuntime.librarySources())
        } catch {
            throw ToolchainError(code: .runtimeBuildFailed, message: "cannot list the runtime sources: \(error.localizedDescription)")
        }
        let headers = (try? FileManager.default.contentsOfDirectory(at: TargetRuntime.includeDirectory, includingPropertiesForKeys: nil)) ?? []
        var key = StableHash()
        key.add(compilerVersion)
        key.add(CrossCompiler.targetFlags.joined(separator: " "))
        key.add(compiler.systemIncludeDirectories.joined(separator: ":"))
        for file in (sources + headers.sorted { $0.path < $1.path }) {
            key.add(file.lastPathComponent)
            key.add((try? Data(contentsOf: file)) ?? Data())
        }
        let directory = cacheDirectory.appendingPathComponent("runtime-\(key.hexDigest)")
        let parts = Parts(startup: directory.appendingPathComponent("crt0.o").path,
                          archive: directory.appendingPathComponent("libautocomp.a").path)
        if FileManager.default.fileExists(atPath: parts.archive) { return parts }
        try build(sources: sources, compiler: compiler, publishAt: directory)
        return parts
    }

    /// A directory holding the design's `gemmini_params.h` (also as `include/gemmini_params.h`,
    /// the path upstream programs use), written once per distinct header.
    func parametersDirectory(for accelerator: GemminiConfiguration) throws(ToolchainError) -> String {
        let header = accelerator.paramsHeader
        var key = StableHash()
        key.add(header)
        let directory = cacheDirectory.appendingPathComponent("params-\(accelerator.name)-\(key.hexDigest)")
        let file = directory.appendingPathComponent("gemmini_params.h")
        if FileManager.default.fileExists(atPath: file.path) { return directory.path }
        let staging = cacheDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent("include"), withIntermediateDirectories: true)
            try header.write(to: staging.appendingPathComponent("gemmini_params.h"), atomically: false, encoding: .utf8)
            try header.write(to: staging.appendingPathComponent("include/gemmini_params.h"), atomically: false, encoding: .utf8)
        } catch {
            throw ToolchainError(code: .runtimeBuildFailed, message: "cannot write gemmini_params.h under \(cacheDirectory.path): \(error.localizedDescription)")
        }
        if rename(staging.path, directory.path) != 0 {
            try? FileManager.default.removeItem(at: staging)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw ToolchainError(code: .runtimeBuildFailed, message: "cannot publish gemmini_params.h at \(directory.path)")
            }
        }
        return directory.path
    }

    private func build(sources: [URL], compiler: CrossCompiler, publishAt directory: URL) throws(ToolchainError) {
        let staging = cacheDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ToolchainError(code: .runtimeBuildFailed, message: "cannot create \(staging.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        var objects: [String] = []
        for source in sources {
            let object = staging.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".o").path
            let arguments = CrossCompiler.targetFlags + ["-O2", "-Wall", "-c"] + compiler.includeFlags(CompileOptions())
                + [source.path, "-o", object]
            let outcome = try ProcessRunner.run(compiler.compilerPath, arguments, timeoutSeconds: 300)
            guard outcome.status == 0 else {
                throw ToolchainError(code: .runtimeBuildFailed, message: "building the target runtime failed on \(source.lastPathComponent)",
                                     diagnostics: outcome.standardError)
            }
            if source != TargetRuntime.startupFile { objects.append(object) }
        }
        let archive = staging.appendingPathComponent("libautocomp.a").path
        let outcome = try ProcessRunner.run(compiler.archiverPath, ["rcs", archive] + objects, timeoutSeconds: 120)
        guard outcome.status == 0 else {
            throw ToolchainError(code: .runtimeBuildFailed, message: "archiving the target runtime failed", diagnostics: outcome.standardError)
        }
        // Another builder may have published first; either copy is equally good.
        if rename(staging.path, directory.path) != 0 && !FileManager.default.fileExists(atPath: directory.path) {
            throw ToolchainError(code: .runtimeBuildFailed, message: "cannot publish the runtime build at \(directory.path)")
        }
    }
}
