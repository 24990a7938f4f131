/// One command on the RoCC port: an instruction on the custom-3 opcode with its register values.
public struct RoCCCommand: Sendable, Equatable {
    /// The accelerator's command number (instruction bits 31:25).
    public var funct7: UInt8
    /// Instruction bits 14:12: xd (bit 2), xs1 (bit 1), xs2 (bit 0).
    public var funct3: UInt8
    /// Value of rs1 (zero when xs1 is clear).
    public var rs1Value: UInt64
    /// Value of rs2 (zero when xs2 is clear).
    public var rs2Value: UInt64
    /// Destination register number, meaningful when `expectsResponse`.
    public var rd: UInt8
    /// The whole instruction word.
    public var instruction: UInt32

    /// The core waits for a value to write into rd.
    public var expectsResponse: Bool { funct3 & 4 != 0 }
}

/// What an accelerator did with a command.
public enum RoCCOutcome: Sendable, Equatable {
    /// Accepted; `response` goes to rd when the command expects one. The core continues at
    /// `resumeCycle` (later than the issue cycle when the accelerator's queue was full or the
    /// core waits for the response; the issue cycle when cycles are not modeled).
    case completed(response: UInt64, resumeCycle: UInt64)
    /// Not a command this accelerator knows: the core raises an illegal-instruction trap.
    case unsupported
    /// The accelerator failed (for example a DMA address outside memory): the run stops with this reason.
    case fault(String)
}

/// An accelerator attached to the core's RoCC port (opcode custom-3).
///
/// Calls happen on the simulation's thread, in program order; the accelerator reads and
/// writes guest memory through `memory`. Functional effects happen at once; an accelerator
/// that models cycles reports through the cycles it returns when the core may go on.
public protocol RoCCAccelerator: AnyObject {
    /// Executes one command the core issued at `cycle` (0 when cycles are not modeled).
    func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome
    /// The core executes `fence` at `cycle`: all outstanding accelerator work must be visible
    /// in memory; returns the cycle at which that is so.
    func fence(memory: GuestMemory, cycle: UInt64) -> UInt64
}

extension RoCCAccelerator {
    public func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 { cycle }
}
