/// What a slow path decided for the current instruction. The interpreter handles it in one
/// place after its `switch`; every case but `faulted` uses one unit of the run's budget.
enum SlowStep {
    /// Continue at this address: the instruction retired, or a trap was taken to its handler.
    case resume(at: UInt64)
    /// The instruction retired with the PC outside memory (a jump there): end the slice; the
    /// next one starts with the fetch fault.
    case endSlice(at: UInt64)
    /// The program ended through HTIF (`Machine.exitCode` is set).
    case exited(at: UInt64)
    /// The run stops on a fault (`Machine.fault` is set); the instruction did not retire.
    case faulted
}

extension Machine {
    /// Takes a synchronous exception as a slow step.
    @inline(never)
    func trap(_ cause: TrapCause, value: UInt64, pc: UInt64, instruction: UInt32?) -> SlowStep {
        guard let handler = enterTrap(cause, value: value, pc: pc, instruction: instruction) else { return .faulted }
        return .resume(at: handler)
    }

    /// Performs a load or store that the fast path declined: near the end of memory, outside
    /// it (an access fault), a store touching `tohost` (HTIF, once per console write), or a
    /// floating-point access while mstatus.FS is off (illegal).
    @inline(never)
    func accessMemorySlowly(_ d: DecodedInstruction, pc: UInt64) -> SlowStep {
        let address = x[Int(d.rs1)] &+ UInt64(bitPattern: Int64(d.imm))
        let next = pc &+ UInt64(d.length)
        let (bytes, kind, isLoad) = Self.memoryAccess(d.op)
        if kind == .float && control.pointee.mstatus & MStatus.fs == 0 {
            return trap(.illegalInstruction, value: UInt64(d.raw), pc: pc, instruction: d.raw)
        }
        guard let pointer = memory.pointer(to: address, length: UInt64(bytes)) else {
            return trap(isLoad ? .loadAccessFault : .storeAccessFault, value: address, pc: pc, instruction: d.raw)
        }
        if isLoad {
            var value: UInt64 = 0
            for index in (0..<bytes).reversed() { value = value << 8 | UInt64(pointer.load(fromByteOffset: index, as: UInt8.self)) }
            let signBit = UInt64(1) << (8 * bytes - 1)
            switch kind {
            case .signed: x[Int(d.rd)] = value & signBit != 0 ? value | ~(signBit << 1 &- 1) : value
            case .unsigned: x[Int(d.rd)] = value
            case .float:
                f[Int(d.rd)] = bytes == 4 ? FloatUnit.box(UInt32(value)) : value
                FloatUnit.markDirty(control)
            }
            return .resume(at: next)
        }
        let value = kind == .float ? f[Int(d.rs2)] : x[Int(d.rs2)]
        for index in 0..<bytes {
            pointer.storeBytes(of: UInt8(truncatingIfNeeded: value >> (8 * index)), toByteOffset: index, as: UInt8.self)
        }
        if let tohost = program.tohost, address &- tohost < 8 || tohost &- address < UInt64(bytes) {
            return serviceHostInterface(pc: pc, next: next)
        }
        return .resume(at: next)
    }

    private enum AccessKind { case signed, unsigned, float }

    /// The width of a load or store, how its value is held (a signed load sign-extends) and
    /// whether it is a load.
    private static func memoryAccess(_ op: Op) -> (bytes: Int, kind: AccessKind, isLoad: Bool) {
        switch op {
        case .lb: (1, .signed, true)
        case .lbu: (1, .unsigned, true)
        case .lh: (2, .signed, true)
        case .lhu: (2, .unsigned, true)
        case .lw: (4, .signed, true)
        case .lwu: (4, .unsigned, true)
        case .ld: (8, .unsigned, true)
        case .flw: (4, .float, true)
        case .fld: (8, .float, true)
        case .sb: (1, .unsigned, false)
        case .sh: (2, .unsigned, false)
        case .sw: (4, .unsigned, false)
        case .fsw: (4, .float, false)
        case .fsd: (8, .float, false)
        default: (8, .unsigned, false)  // sd
        }
    }

    /// Handles a store that touched `tohost`.
    private func serviceHostInterface(pc: UInt64, next: UInt64) -> SlowStep {
        switch hostInterface.handleWrite(memory: memory, console: console) {
        case .none:
            return .resume(at: next)
        case .exit(let code):
            exitCode = code
            return .exited(at: next)
        case .fault(let reason):
            fault = SimulationFault(kind: .deviceFault, pc: pc, instruction: nil, location: location(of: pc), reason: reason)
            return .faulted
        }
    }
}
