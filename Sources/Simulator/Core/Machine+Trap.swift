extension Machine {
    /// Takes a synchronous exception: returns the handler's address, or nil when the program
    /// has no handler (mtvec is 0) and the run must stop with a fault describing the trap.
    @inline(never)
    func enterTrap(_ cause: TrapCause, value: UInt64, pc: UInt64, instruction: UInt32?) -> UInt64? {
        let state = control
        state.pointee.reservationValid = false
        let handler = state.pointee.mtvec & ~3
        // A handler outside memory would trap again at its own address forever.
        if handler == 0 || !memory.contains(handler, length: 2) {
            fault = describe(cause, value: value, pc: pc, instruction: instruction)
            return nil
        }
        trapsTaken &+= 1
        state.pointee.mepc = pc
        state.pointee.mcause = cause.rawValue
        state.pointee.mtval = value
        var status = state.pointee.mstatus
        status = (status & MStatus.mie != 0) ? status | MStatus.mpie : status & ~MStatus.mpie
        status &= ~MStatus.mie
        status |= MStatus.mpp
        state.pointee.mstatus = status
        return handler
    }

    /// `mret`: back to mepc with interrupts re-enabled as they were.
    func returnFromTrap() -> UInt64 {
        let state = control
        var status = state.pointee.mstatus
        status = (status & MStatus.mpie != 0) ? status | MStatus.mie : status & ~MStatus.mie
        status |= MStatus.mpie | MStatus.mpp
        state.pointee.mstatus = status
        state.pointee.reservationValid = false
        return state.pointee.mepc
    }

    private func describe(_ cause: TrapCause, value: UInt64, pc: UInt64, instruction: UInt32?) -> SimulationFault {
        let bounds = "memory is \(hex(memory.base))-\(hex(memory.end))"
        let kind: SimulationFault.Kind
        let reason: String
        switch cause {
        case .illegalInstruction:
            kind = .illegalInstruction
            reason = "illegal instruction"
        case .instructionAccessFault:
            kind = .accessFault
            reason = "instruction fetch from \(hex(value)) outside memory (\(bounds))"
        case .loadAccessFault:
            kind = .accessFault
            reason = "load from \(hex(value)) outside memory (\(bounds))"
        case .storeAccessFault:
            kind = .accessFault
            reason = "store to \(hex(value)) outside memory (\(bounds))"
        case .loadAddressMisaligned, .storeAddressMisaligned, .instructionAddressMisaligned:
            kind = .misalignedAccess
            reason = "\(cause.description) to \(hex(value)) (atomics must be naturally aligned)"
        case .environmentCallFromM, .breakpoint:
            kind = .unhandledTrap
            reason = "\(cause.description) with no trap handler installed (mtvec is 0)"
        }
        return SimulationFault(kind: kind, pc: pc, instruction: instruction, location: location(of: pc), reason: reason)
    }
}
