import Foundation
import Testing

/// Builds and runs C programs natively with the host compiler (`cc`, glibc), as a reference
/// for output the target runtime must reproduce.
enum HostReference {
    struct Output {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
    }

    /// Runs an executable, capturing its output (both pipes drained concurrently).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: outData, standardError: errData)
    }

    /// Compiles `source` (a file in `Programs/`) with the host `cc` and returns its stdout.
    static func compileAndRun(_ source: String) throws -> String {
        let path = TestPrograms.directory.appendingPathComponent(source).path
        let binary = TestPrograms.buildDirectory.appendingPathComponent("host-" + (source as NSString).deletingPathExtension).path
        let compile = try run("/usr/bin/env", ["cc", "-std=gnu11", "-O2", "-o", binary, path])
        guard compile.status == 0 else {
            throw HostError(message: "host cc failed on \(source): \(String(decoding: compile.standardError, as: UTF8.self))")
        }
        let result = try run(binary, [])
        guard result.status == 0 else { throw HostError(message: "host \(source) exited with \(result.status)") }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }

    struct HostError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The first line where two texts differ, for failure messages.
    static func firstDifference(_ expected: String, _ actual: String) -> String? {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<missing>"
            let right = index < b.count ? String(b[index]) : "<missing>"
            if left != right { return "line \(index + 1):\n  host:      \(left)\n  simulator: \(right)" }
        }
        return nil
    }
}
