/// CSR numbers this hart implements (privileged spec chapter 2).
enum CSRNumber {
    static let fflags: UInt32 = 0x001, frm: UInt32 = 0x002, fcsr: UInt32 = 0x003
    static let cycle: UInt32 = 0xC00, time: UInt32 = 0xC01, instret: UInt32 = 0xC02
    static let mstatus: UInt32 = 0x300, misa: UInt32 = 0x301, medeleg: UInt32 = 0x302, mideleg: UInt32 = 0x303
    static let mie: UInt32 = 0x304, mtvec: UInt32 = 0x305, mcounteren: UInt32 = 0x306
    static let mcountinhibit: UInt32 = 0x320
    static let mscratch: UInt32 = 0x340, mepc: UInt32 = 0x341, mcause: UInt32 = 0x342, mtval: UInt32 = 0x343, mip: UInt32 = 0x344
    static let mcycle: UInt32 = 0xB00, minstret: UInt32 = 0xB02
    static let mvendorid: UInt32 = 0xF11, marchid: UInt32 = 0xF12, mimpid: UInt32 = 0xF13, mhartid: UInt32 = 0xF14
    static let mconfigptr: UInt32 = 0xF15
    static let hpmcounters: ClosedRange<UInt32> = 0xC03...0xC1F
    static let mhpmcounters: ClosedRange<UInt32> = 0xB03...0xB1F
    static let mhpmevents: ClosedRange<UInt32> = 0x323...0x33F
    /// PMP configuration and address registers, and the debug trigger registers: accepted and
    /// stored so start-up code written for real cores runs, but they have no effect here.
    static let pmp: ClosedRange<UInt32> = 0x3A0...0x3EF
    static let triggers: ClosedRange<UInt32> = 0x7A0...0x7A3
}

/// The rate of the `time` CSR: one tick per this many cycles (Spike ticks every 100 instructions).
let cyclesPerTimerTick: UInt64 = 100

extension Machine {
    /// Executes a CSR instruction; false means an illegal-instruction trap.
    @inline(never)
    func executeCSR(_ d: DecodedInstruction, retired: UInt64, cycles: UInt64) -> Bool {
        let number = UInt32(bitPattern: d.imm) & 0xFFF
        let immediateForm = d.op == .csrrwi || d.op == .csrrsi || d.op == .csrrci
        let source = immediateForm ? UInt64(d.rs1) : x[Int(d.rs1)]
        let writes = d.flags & DecodedInstruction.flagNoWrite == 0
        if writes && number >> 10 == 3 { return false }  // read-only CSR
        guard let old = readCSR(number, retired: retired, cycles: cycles) else { return false }
        if number == CSRNumber.cycle || number == CSRNumber.mcycle { noteCycleRead(cycles) }
        if writes {
            let value: UInt64
            switch d.op {
            case .csrrw, .csrrwi: value = source
            case .csrrs, .csrrsi: value = old | source
            default: value = old & ~source
            }
            guard writeCSR(number, value, retired: retired, cycles: cycles) else { return false }
        }
        x[Int(d.rd)] = old
        return true
    }

    private var floatingPointEnabled: Bool { control.pointee.mstatus & MStatus.fs != 0 }

    /// The value of a CSR, or nil when it does not exist (or is not accessible now).
    func readCSR(_ number: UInt32, retired: UInt64, cycles: UInt64) -> UInt64? {
        let state = control.pointee
        switch number {
        case CSRNumber.fflags: return floatingPointEnabled ? UInt64(state.fflags) : nil
        case CSRNumber.frm: return floatingPointEnabled ? UInt64(state.frm) : nil
        case CSRNumber.fcsr: return floatingPointEnabled ? UInt64(state.frm) << 5 | UInt64(state.fflags) : nil
        case CSRNumber.cycle, CSRNumber.mcycle: return cycles &+ state.cycleOffset
        case CSRNumber.instret, CSRNumber.minstret: return retired &+ state.instretOffset
        case CSRNumber.time: return cycles / cyclesPerTimerTick
        case CSRNumber.hpmcounters, CSRNumber.mhpmcounters, CSRNumber.mhpmevents: return 0
        case CSRNumber.mstatus: return MStatus.withSummary(state.mstatus)
        case CSRNumber.misa: return isaDescription
        case CSRNumber.medeleg: return state.medeleg
        case CSRNumber.mideleg: return state.mideleg
        case CSRNumber.mie: return state.mie
        case CSRNumber.mip: return state.mip
        case CSRNumber.mtvec: return state.mtvec
        case CSRNumber.mcounteren: return state.mcounteren
        case CSRNumber.mcountinhibit: return state.mcountinhibit
        case CSRNumber.mscratch: return state.mscratch
        case CSRNumber.mepc: return state.mepc
        case CSRNumber.mcause: return state.mcause
        case CSRNumber.mtval: return state.mtval
        case CSRNumber.mvendorid, CSRNumber.mimpid, CSRNumber.mhartid, CSRNumber.mconfigptr: return 0
        case CSRNumber.marchid: return 1  // Rocket's architecture ID
        case CSRNumber.pmp, CSRNumber.triggers: return storedCSRs[number] ?? 0
        default: return nil
        }
    }

    /// Writes a CSR (WARL fields legalized); false when it does not exist.
    func writeCSR(_ number: UInt32, _ value: UInt64, retired: UInt64, cycles: UInt64) -> Bool {
        let state = control
        switch number {
        case CSRNumber.fflags, CSRNumber.frm, CSRNumber.fcsr:
            guard floatingPointEnabled else { return false }
            if number != CSRNumber.frm { state.pointee.fflags = UInt8(value & 0x1F) }
            if number == CSRNumber.frm { state.pointee.frm = UInt8(value & 7) }
            if number == CSRNumber.fcsr { state.pointee.frm = UInt8((value >> 5) & 7) }
            state.pointee.mstatus |= MStatus.fs
        case CSRNumber.mcycle: state.pointee.cycleOffset = value &- cycles
        case CSRNumber.minstret: state.pointee.instretOffset = value &- (retired &+ 1)
        case CSRNumber.mhpmcounters, CSRNumber.mhpmevents: break
        case CSRNumber.mstatus:
            state.pointee.mstatus = (value & MStatus.writable) | MStatus.mpp
        case CSRNumber.misa: break
        case CSRNumber.medeleg, CSRNumber.mideleg: break  // no lower privilege modes to delegate to
        case CSRNumber.mie: state.pointee.mie = value & 0x888
        case CSRNumber.mip: break
        case CSRNumber.mtvec: state.pointee.mtvec = value & ~2  // direct (0) or vectored (1) mode
        case CSRNumber.mcounteren: state.pointee.mcounteren = value & 0xFFFF_FFFF
        case CSRNumber.mcountinhibit: state.pointee.mcountinhibit = value & 0xFFFF_FFFD
        case CSRNumber.mscratch: state.pointee.mscratch = value
        case CSRNumber.mepc: state.pointee.mepc = value & ~1
        case CSRNumber.mcause: state.pointee.mcause = value
        case CSRNumber.mtval: state.pointee.mtval = value
        case CSRNumber.pmp, CSRNumber.triggers: storedCSRs[number] = value
        default: return false
        }
        return true
    }

    /// misa: RV64 with I, M, A, F, D, C, and X when an accelerator is attached.
    var isaDescription: UInt64 {
        var extensions: UInt64 = 0
        for letter in "IMAFDC".unicodeScalars { extensions |= 1 << UInt64(letter.value - 65) }
        if accelerator != nil { extensions |= 1 << 23 }
        return 2 << 62 | extensions
    }
}

extension Machine {
    /// Records a read of the cycle counter (timed runs), bounded so that a program reading it
    /// in a loop cannot grow the record without limit.
    func noteCycleRead(_ cycle: UInt64) {
        guard recordsCycleReads, cycleReads.count < Self.cycleReadLimit else { return }
        cycleReads.append((cycle, (accelerator as? any TimedAccelerator)?.takeTimingSnapshot()))
    }

    /// The timed regions: reads 1-2, 3-4, ... with the accelerator's activity in each.
    func timedRegions() -> [TimedRegion] {
        let timed = accelerator as? any TimedAccelerator
        return stride(from: 0, to: cycleReads.count - 1, by: 2).map { index in
            let start = cycleReads[index], end = cycleReads[index + 1]
            let cycles = end.cycle &- start.cycle
            var feedback: AcceleratorFeedback?
            if let from = start.accelerator, let to = end.accelerator {
                feedback = timed?.acceleratorFeedback(from: from, to: to, cycles: cycles)
            }
            return TimedRegion(startCycle: start.cycle, endCycle: end.cycle, accelerator: feedback)
        }
    }
}
