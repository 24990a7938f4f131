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
    /// it (an access fault), a store touching `tohost` (HTIF), or a floating-point access while
    /// mstatus.FS is off (illegal).
    @inline(never)
    func accessMemorySlowly(_ d: DecodedInstruction, pc: UInt64) -> SlowStep {
        let address = x[Int(d.rs1)] &+ UInt64(bitPattern: Int64(d.imm))
        let next = pc &+ UInt64(d.length)
        let floatingPoint = [.flw, .fld, .fsw, .fsd].contains(d.op)
        if floatingPoint && control.pointee.mstatus & MStatus.fs == 0 {
            return trap(.illegalInstruction, value: UInt64(d.raw), pc: pc, instruction: d.raw)
        }
        switch d.op {
        case .lb, .lbu, .lh, .lhu, .lw, .lwu, .ld, .flw, .fld:
            let bytes: Int = [.lb: 1, .lbu: 1, .lh: 2, .lhu: 2, .lw: 4, .lwu: 4, .flw: 4][d.op] ?? 8
            guard let pointer = memory.pointer(to: address, length: UInt64(bytes)) else {
                return trap(.loadAccessFault, value: address, pc: pc, instruction: d.raw)
            }
            var value: UInt64 = 0
            for index in (0..<bytes).reversed() { value = value << 8 | UInt64(pointer.load(fromByteOffset: index, as: UInt8.self)) }
            let signBit = UInt64(1) << (8 * bytes - 1)
            let signExtended = bytes < 8 && value & signBit != 0 ? value | ~(signBit << 1 &- 1) : value
            switch d.op {
            case .lbu, .lhu, .lwu, .ld: x[Int(d.rd)] = value
            case .flw: f[Int(d.rd)] = FloatUnit.box(UInt32(value)); FloatUnit.markDirty(control)
            case .fld: f[Int(d.rd)] = value; FloatUnit.markDirty(control)
            default: x[Int(d.rd)] = signExtended
            }
            return .resume(at: next)
        default:
            let bytes: Int = [.sb: 1, .sh: 2, .sw: 4, .fsw: 4][d.op] ?? 8
            let value = floatingPoint ? f[Int(d.rs2)] : x[Int(d.rs2)]
            guard let pointer = memory.pointer(to: address, length: UInt64(bytes)) else {
                return trap(.storeAccessFault, value: address, pc: pc, instruction: d.raw)
            }
            for index in 0..<bytes {
                pointer.storeBytes(of: UInt8(truncatingIfNeeded: value >> (8 * index)), toByteOffset: index, as: UInt8.self)
            }
            if let tohost = program.tohost, address &- tohost < 8 || tohost &- address < UInt64(bytes) {
                return serviceHostInterface(pc: pc, next: next)
            }
            return .resume(at: next)
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
