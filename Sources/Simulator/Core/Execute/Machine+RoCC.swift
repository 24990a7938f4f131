/// What happened to a custom-3 instruction.
enum RoCCDispatch {
    /// Done; the core continues at `resumeCycle`.
    case completed(resumeCycle: UInt64)
    /// No accelerator, accelerator state off (mstatus.XS = 0), or an unknown command.
    case illegal
    /// The accelerator failed; `Machine.fault` describes it.
    case faulted
}

extension Machine {
    /// Sends a custom-3 instruction to the attached accelerator.
    @inline(never)
    func executeRoCC(_ d: DecodedInstruction, pc: UInt64, cycle: UInt64) -> RoCCDispatch {
        guard let accelerator, control.pointee.mstatus & MStatus.xs != 0 else { return .illegal }
        let funct3 = d.rm
        let command = RoCCCommand(
            funct7: UInt8(truncatingIfNeeded: d.imm),
            funct3: funct3,
            rs1Value: funct3 & 2 != 0 ? x[Int(d.rs1)] : 0,
            rs2Value: funct3 & 1 != 0 ? x[Int(d.rs2)] : 0,
            rd: d.rd == RegisterFile.zeroSink ? 0 : d.rd,
            instruction: d.raw)
        switch accelerator.execute(command, memory: memory, cycle: cycle) {
        case .completed(let response, let resumeCycle):
            if command.expectsResponse { x[Int(d.rd)] = response }
            return .completed(resumeCycle: resumeCycle)
        case .unsupported:
            return .illegal
        case .fault(let reason):
            fault = SimulationFault(kind: .deviceFault, pc: pc, instruction: d.raw, location: location(of: pc), reason: reason)
            return .faulted
        }
    }
}
