/// Observes execution to compute cycles. The interpreter is generic over it, so the
/// functional model's empty hooks compile away and functional-only runs pay nothing.
///
/// Hooks arrive in program order: `dispatch` before an instruction executes, then the
/// instruction's own events (`dataAccess`, `branch`, `indirectJump`, `stall`), then
/// `redirect` when the next instruction is not the one that follows in memory.
protocol CoreTimingModel {
    /// False for the functional model: callers skip work that only matters for cycles.
    static var modelsCycles: Bool { get }
    /// Called once for each instruction decoded into its slot at `pc`: the model may set
    /// `DecodedInstruction.timingHint` in `flags` (the decoder leaves that bit clear).
    func annotate(_ instruction: inout DecodedInstruction, pc: UInt64)
    /// Called for every instruction as it is dispatched, by the interpreter's case for its
    /// operation, which names `op` as a literal: the model resolves what it needs to know about
    /// the operation at compile time.
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, as op: Op)
    /// The same, for the cases that cover several (rarer) operations.
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64)
    /// Called for every data memory access (loads, stores, atomics, floating-point loads/stores).
    mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool)
    /// A conditional branch at `pc` was resolved; the next instruction is at `next` (the
    /// target or the fall-through).
    mutating func branch(taken: Bool, pc: UInt64, next: UInt64)
    /// A jalr at `pc` went to `target`; `returnAddress` is the address after it.
    mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8)
    /// The next instruction is at `pc`, which may not follow the last one in memory: a jump,
    /// a trap, a return from one, the start of a run. (Falling through and conditional
    /// branches need no call.)
    mutating func redirect(to pc: UInt64)
    /// The cycle at which the current instruction issues (what an accelerator command or a
    /// fence sees as "now").
    var currentCycle: UInt64 { get }
    /// The current instruction cannot complete before `cycle` (an accelerator's command queue
    /// was full, a fence waited for it to be idle, a response arrived).
    mutating func stall(until cycle: UInt64, reason: HostStall)
    /// Cycles elapsed so far, given the number of retired instructions.
    func cycles(retired: UInt64) -> UInt64
}

/// Why the host core waited on the accelerator (hardware feedback).
enum HostStall: Int {
    case commandQueueFull
    case fence
    case response
}

/// No timing: one cycle per retired instruction, as Spike counts.
struct FunctionalTiming: CoreTimingModel {
    static let modelsCycles = false
    @inline(__always) func annotate(_ instruction: inout DecodedInstruction, pc: UInt64) {}
    @inline(__always) mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64, as op: Op) {}
    @inline(__always) mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) {}
    @inline(__always) mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool) {}
    @inline(__always) mutating func branch(taken: Bool, pc: UInt64, next: UInt64) {}
    @inline(__always) mutating func indirectJump(
        from pc: UInt64, to target: UInt64, returnAddress: UInt64, linkRegister: UInt8, sourceRegister: UInt8) {}
    @inline(__always) mutating func redirect(to pc: UInt64) {}
    @inline(__always) var currentCycle: UInt64 { 0 }
    @inline(__always) mutating func stall(until cycle: UInt64, reason: HostStall) {}
    @inline(__always) func cycles(retired: UInt64) -> UInt64 { retired }
}
