import Foundation

/// Runs a command to completion, capturing its output, within limits: wall-clock time (the
/// whole process group is killed, so a compiler's or loader's children die with it), address
/// space, and the bytes of output kept. Candidate programs are untrusted input to the tools
/// this runs, so none of these may grow without bound.
enum ProcessRunner {
    struct Outcome: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
        /// Output bytes beyond the limit, dropped.
        var droppedBytes = 0
    }

    struct Limits: Sendable {
        var timeoutSeconds: Double?
        /// Address-space limit of the command (and its children), in bytes.
        var memoryBytes: UInt64?
        /// Bytes kept of each of stdout and stderr; the rest is read and dropped.
        var outputBytes = 4 << 20
    }

    static func run(
        _ executable: String, _ arguments: [String], currentDirectory: URL? = nil, timeoutSeconds: Double? = nil
    ) throws(ToolchainError) -> Outcome {
        try run(executable, arguments, currentDirectory: currentDirectory, limits: Limits(timeoutSeconds: timeoutSeconds))
    }

    static func run(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil, limits: Limits) throws(ToolchainError) -> Outcome {
        let process = Process()
        // Foundation starts the child as the leader of a new process group, which a timeout
        // kills whole. sh applies the memory limit, then becomes the command (same pid).
        var launch = ["/bin/sh", "-c"]
        if let memory = limits.memoryBytes {
            launch += ["ulimit -v \(max(memory / 1024, 1)); exec \"$@\"", "sh"]
        } else {
            launch += ["exec \"$@\"", "sh"]
        }
        process.executableURL = URL(fileURLWithPath: launch[0])
        process.arguments = Array(launch.dropFirst()) + [executable] + arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ToolchainError(code: .launchFailed, message: "cannot run \(executable): no such executable")
        }
        do {
            try process.run()
        } catch {
            throw ToolchainError(code: .launchFailed, message: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Drain both pipes concurrently so a chatty command cannot block on a full pipe.
        let collected = CollectedOutput(limit: limits.outputBytes)
        let group = DispatchGroup()
        for (index, pipe) in [output, error].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let handle = pipe.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.append(index, chunk)
                }
                group.leave()
            }
        }
        var timedOut = false
        if let timeoutSeconds = limits.timeoutSeconds {
            if group.wait(timeout: .now() + timeoutSeconds) == .timedOut {
                timedOut = true
                kill(-process.processIdentifier, SIGKILL)
                process.terminate()
                group.wait()
            }
        } else {
            group.wait()
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: collected.text(0), standardError: collected.text(1),
            timedOut: timedOut, droppedBytes: collected.dropped)
    }

    private final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private let limit: Int
        private var data: [Data] = [Data(), Data()]
        private var droppedBytes = 0

        init(limit: Int) { self.limit = limit }

        func append(_ index: Int, _ chunk: Data) {
            lock.withLock {
                let room = max(0, limit - data[index].count)
                data[index].append(chunk.prefix(room))
                droppedBytes += max(0, chunk.count - room)
            }
        }

        func text(_ index: Int) -> String { lock.withLock { String(decoding: data[index], as: UTF8.self) } }
        var dropped: Int { lock.withLock { droppedBytes } }
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
