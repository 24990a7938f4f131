import Foundation
import Simulator

/// Runs programs on a board through its command, one at a time (a board is one machine).
public final class BoardRunner: Sendable {
    public let board: BoardConfiguration
    private let busy = NSLock()

    public init(board: BoardConfiguration) {
        self.board = board
    }

    /// Runs the ELF and reads its console; the result reads like a simulation's (no cycle
    /// model: the program's own cycle counter is the board's).
    func run(elf: URL, outputLimit: Int) -> SimulationResult {
        busy.lock()
        defer { busy.unlock() }
        let started = Date()
        let scratch = elf.deletingLastPathComponent().appendingPathComponent("board-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        func expand(_ text: String) -> String {
            text.replacingOccurrences(of: "{elf}", with: elf.path).replacingOccurrences(of: "{dir}", with: scratch.path)
        }
        let arguments = board.command.map(expand)
        guard let executable = ProcessRunner.which(arguments[0]) else {
            return failure("board \(board.name): cannot find the command \(arguments[0])", started: started)
        }
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run(
                executable, Array(arguments.dropFirst()), currentDirectory: scratch,
                limits: .init(timeoutSeconds: board.timeout, outputBytes: outputLimit))
        } catch {
            return failure("board \(board.name): \(error.message)", started: started)
        }
        var console = Array((outcome.standardOutput + outcome.standardError).utf8)
        var dropped = outcome.droppedBytes
        if case .file(let path) = board.consoleSource {
            let file = expand(path)
            guard let data = FileManager.default.contents(atPath: file) else {
                return failure("board \(board.name): the console file \(file) was not written", started: started, output: console)
            }
            console = Array(data.prefix(outputLimit))
            dropped = max(0, data.count - outputLimit)
        }
        return SimulationResult(
            status: outcome.timedOut ? .timeout : .exited, exitCode: outcome.timedOut ? nil : Int64(outcome.status),
            standardOutput: Array(console.prefix(outputLimit)), droppedOutputBytes: dropped,
            wallSeconds: Date().timeIntervalSince(started))
    }

    private func failure(_ reason: String, started: Date, output: [UInt8] = []) -> SimulationResult {
        SimulationResult(status: .fault, fault: reason, standardOutput: output, wallSeconds: Date().timeIntervalSince(started))
    }
}
