extension Machine {
    /// Executes LR, SC or an AMO (`d.rm` is the width: 4 or 8 bytes). Returns the trap cause
    /// on a misaligned address or an address outside memory.
    @inline(never)
    func executeAtomic(_ d: DecodedInstruction) -> TrapCause? {
        let address = x[Int(d.rs1)]
        let width = UInt64(d.rm)
        let isLoadReserved = d.op == .lr
        guard address & (width - 1) == 0 else {
            return isLoadReserved ? .loadAddressMisaligned : .storeAddressMisaligned
        }
        guard let p = memory.pointer(to: address, length: width) else {
            return isLoadReserved ? .loadAccessFault : .storeAccessFault
        }
        let word = width == 4
        let operand = x[Int(d.rs2)]
        let old = word ? IntegerArithmetic.signExtend32(UInt64(p.load(as: UInt32.self))) : p.load(as: UInt64.self)
        let state = control

        switch d.op {
        case .lr:
            state.pointee.reservationAddress = address
            state.pointee.reservationValid = true
            x[Int(d.rd)] = old
            return nil
        case .sc:
            let success = state.pointee.reservationValid && state.pointee.reservationAddress == address
            state.pointee.reservationValid = false
            if success { store(operand, to: p, word: word) }
            x[Int(d.rd)] = success ? 0 : 1
            return nil
        default:
            break
        }

        let result: UInt64
        switch d.op {
        case .amoswap: result = operand
        case .amoadd: result = old &+ operand
        case .amoxor: result = old ^ operand
        case .amoand: result = old & operand
        case .amoor: result = old | operand
        case .amomin, .amomax:
            let a = word ? Int64(Int32(truncatingIfNeeded: old)) : Int64(bitPattern: old)
            let b = word ? Int64(Int32(truncatingIfNeeded: operand)) : Int64(bitPattern: operand)
            result = (d.op == .amomin) == (a < b) ? old : operand
        default:  // amominu, amomaxu
            let a = word ? old & 0xFFFF_FFFF : old
            let b = word ? operand & 0xFFFF_FFFF : operand
            result = (d.op == .amominu) == (a < b) ? old : operand
        }
        store(result, to: p, word: word)
        x[Int(d.rd)] = old
        return nil
    }

    private func store(_ value: UInt64, to p: UnsafeMutableRawPointer, word: Bool) {
        if word {
            p.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
        } else {
            p.storeBytes(of: value, as: UInt64.self)
        }
    }
}
