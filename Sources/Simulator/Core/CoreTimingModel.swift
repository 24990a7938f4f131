/// Observes execution to compute cycles. The interpreter is generic over it, so the
/// functional model's empty hooks compile away and functional-only runs pay nothing.
protocol CoreTimingModel {
    /// Called for every instruction as it is dispatched.
    mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64)
    /// Called for every data memory access (loads, stores, atomics, floating-point loads/stores).
    mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool)
    /// Cycles elapsed so far, given the number of retired instructions.
    func cycles(retired: UInt64) -> UInt64
}

/// No timing: one cycle per retired instruction, as Spike counts.
struct FunctionalTiming: CoreTimingModel {
    @inline(__always) mutating func dispatch(_ instruction: UnsafePointer<DecodedInstruction>, pc: UInt64) {}
    @inline(__always) mutating func dataAccess(address: UInt64, bytes: Int, isStore: Bool) {}
    @inline(__always) func cycles(retired: UInt64) -> UInt64 { retired }
}
