import Foundation

/// Runs a command to completion, capturing its output, with an optional time limit.
enum ProcessRunner {
    struct Outcome: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
    }

    static func run(
        _ executable: String, _ arguments: [String], currentDirectory: URL? = nil, timeoutSeconds: Double? = nil
    ) throws(ToolchainError) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ToolchainError(code: .launchFailed, message: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Drain both pipes concurrently so a chatty compiler cannot block on a full pipe.
        let collected = CollectedOutput()
        let group = DispatchGroup()
        for (index, pipe) in [output, error].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(index, data)
                group.leave()
            }
        }
        var timedOut = false
        if let timeoutSeconds {
            if group.wait(timeout: .now() + timeoutSeconds) == .timedOut {
                timedOut = true
                process.terminate()
                group.wait()
            }
        } else {
            group.wait()
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: collected.text(0), standardError: collected.text(1),
            timedOut: timedOut)
    }

    private final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var data: [Data] = [Data(), Data()]
        func set(_ index: Int, _ value: Data) { lock.withLock { data[index] = value } }
        func text(_ index: Int) -> String { lock.withLock { String(decoding: data[index], as: UTF8.self) } }
    }

    /// Finds an executable on PATH.
    static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
