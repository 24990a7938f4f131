import Foundation
import Testing

/// Runs the real `autocomp` executable (built next to the test binary) and other commands.
enum CommandLineTool {
    struct Output {
        var status: Int32
        var standardOutput: String
        /// Empty when the streams were merged into `standardOutput`.
        var standardError: String
        /// Wall-clock time the command took.
        var seconds: Double

        /// The non-empty lines of stderr.
        var errorLines: [Substring] { standardError.split(separator: "\n") }
        var summary: String { "status \(status)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `autocomp` executable: in the directory of the test binary (the build products).
    static let autocomp: String = {
        let candidates = [CommandLine.arguments.first, ProcessInfo.processInfo.arguments.first, Bundle.main.executablePath]
        for case let binary? in candidates {
            var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
            // On macOS the test binary sits inside an .xctest bundle.
            for _ in 0..<4 {
                let path = directory.appendingPathComponent("autocomp").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
                directory = directory.deletingLastPathComponent()
            }
        }
        return ".build/debug/autocomp"
    }()

    /// A scratch directory per test process.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-clitests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes a file into the scratch directory and returns its path.
    @discardableResult
    static func write(_ name: String, _ contents: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    static func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    /// Runs a command. `merge` sends stderr into the stdout pipe (to see the interleaving).
    static func run(
        _ executable: String, _ arguments: [String], environment extra: [String: String] = [:], merge: Bool = false,
        limitSeconds: Double = 120
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = merge ? out : err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let collected = Collected()
        let group = DispatchGroup()
        for (index, pipe) in (merge ? [out] : [out, err]).enumerated().map({ ($0.offset, $0.element) }) {
            group.enter()
            DispatchQueue.global().async {
                collected.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        if group.wait(timeout: .now() + limitSeconds) == .timedOut {
            process.terminate()
            group.wait()
            process.waitUntilExit()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) ran longer than \(limitSeconds) s")
        }
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, standardOutput: collected.text(0), standardError: collected.text(1),
            seconds: Date().timeIntervalSince(start))
    }

    /// `run` on a thread of its own, for long commands in async tests: a test blocked on a
    /// child process must not hold one of the few threads of the cooperative pool that the
    /// other tests' tasks need.
    static func runDetached(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], limitSeconds: Double = 120
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try run(executable, arguments, environment: environment, limitSeconds: limitSeconds) })
            }.start()
        }
    }

    /// Runs `autocomp` with arguments.
    static func autocomp(_ arguments: [String], environment: [String: String] = [:], merge: Bool = false) throws -> Output {
        try run(autocomp, arguments, environment: environment, merge: merge)
    }

    /// Compiles C/assembly sources (paths) with `autocomp cc` into `output` (a scratch name); the
    /// build must succeed.
    @discardableResult
    static func compile(_ sources: [String], output: String, _ options: [String] = []) throws -> String {
        let path = self.path(output)
        let result = try autocomp(["cc"] + sources + ["-o", path] + options)
        guard result.status == 0 else { throw Failure(description: "autocomp cc failed:\n\(result.summary)") }
        return path
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = [Data(), Data()]
        func set(_ index: Int, _ value: Data) { lock.withLock { data[index] = value } }
        func text(_ index: Int) -> String { lock.withLock { String(decoding: data[index], as: UTF8.self) } }
    }
}

/// `0x`-prefixed lowercase hexadecimal without padding, as the simulator prints PCs.
func hexAddress(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
