/// How a run ended.
public enum SimulationStatus: String, Sendable, Codable {
    /// The program exited through HTIF; `exitCode` holds its code.
    case exited
    /// The instruction limit stopped it.
    case instructionLimit = "instruction_limit"
    /// The wall-clock limit stopped it.
    case timeout
    /// A trap with no handler, a device fault, or a program that could not be loaded.
    case fault
    /// Cancelled before it finished.
    case cancelled
}

/// The outcome of running one program.
public struct SimulationResult: Sendable {
    public var status: SimulationStatus
    /// The program's exit code when `status == .exited`.
    public var exitCode: Int64?
    /// What went wrong when `status == .fault` (a one-line description).
    public var fault: String?
    /// Details of a guest fault (nil for load errors).
    public var guestFault: SimulationFault?
    /// Captured console output.
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// Console bytes beyond the capture limit.
    public var droppedOutputBytes: Int
    /// Retired instructions.
    public var instret: UInt64
    /// Cycles (equal to instret without a timing model).
    public var cycles: UInt64
    /// What the cycle model measured (nil for functional-only runs).
    public var hardware: HardwareFeedback?
    public var wallSeconds: Double

    /// Millions of instructions per wall-clock second.
    public var mips: Double { wallSeconds > 0 ? Double(instret) / wallSeconds / 1e6 : 0 }

    public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
    public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }

    /// The exit status a command-line runner reports: the program's exit code (low 8 bits),
    /// 124 when a limit stopped it, 125 on a fault.
    public var processExitStatus: Int32 {
        switch status {
        case .exited: Int32(truncatingIfNeeded: (exitCode ?? 0) & 0xFF)
        case .instructionLimit, .timeout, .cancelled: 124
        case .fault: 125
        }
    }
}

extension SimulationResult {
    /// A result from elsewhere than the simulator (a board run), for code that reads results.
    public init(
        status: SimulationStatus, exitCode: Int64? = nil, fault: String? = nil, standardOutput: [UInt8] = [],
        droppedOutputBytes: Int = 0, wallSeconds: Double
    ) {
        self.init(
            status: status, exitCode: exitCode, fault: fault, guestFault: nil, standardOutput: standardOutput, standardError: [],
            droppedOutputBytes: droppedOutputBytes, instret: 0, cycles: 0, hardware: nil, wallSeconds: wallSeconds)
    }
}
