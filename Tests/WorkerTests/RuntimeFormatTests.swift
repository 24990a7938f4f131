import Foundation
import TargetRuntime
import Testing

/// The target runtime's printf core (`Runtime/src/format.c`) is portable C, so it is built
/// for the host here and compared with glibc by `Programs/format_host_check.c`: every
/// conversion, flag, width, precision and length modifier, plus a few hundred thousand
/// doubles, must print exactly as glibc prints them.
@Suite struct RuntimeFormatTests {
    @Test func formattingCoreMatchesGlibc() throws {
        let programs = try #require(Bundle.module.url(forResource: "Programs", withExtension: nil))
        let runtime = TargetRuntime.directory
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("autocomp-format-check-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let executable = scratch.appendingPathComponent("format_host_check").path

        let build = try Self.run("/usr/bin/cc", [
            "-O2", "-I", runtime.appendingPathComponent("include").path,
            programs.appendingPathComponent("format_host_check.c").path,
            runtime.appendingPathComponent("src/format.c").path,
            "-o", executable, "-lm",
        ])
        try #require(build.status == 0, "compiling format_host_check.c failed:\n\(build.output)")

        let check = try Self.run(executable, [])
        #expect(check.status == 0, "format.c differs from glibc:\n\(check.output)")
    }

    /// Runs a program to completion and returns its exit status with stdout and stderr combined.
    private static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting, so a full pipe can never stall the child.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
