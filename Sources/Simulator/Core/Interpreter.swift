/// Why `Machine.run` returned.
enum RunStop {
    /// The instruction budget was used up; the program can continue.
    case budgetExhausted
    /// The program ended through HTIF (`exitCode` is set).
    case exited
    /// The run stopped on a fault (`fault` is set).
    case faulted
}

extension Machine {
    /// Executes until `budget` more instructions have retired, the program exits, or a fault.
    ///
    /// This is the hot loop. Everything it touches per instruction is a local: the PC, the
    /// budget countdown, and raw pointers to registers, memory and the decoded-instruction
    /// cache. Decoding, CSRs, atomics, floating point, traps, HTIF, the RoCC port and memory
    /// accesses off the fast path are calls out, which report back through one `SlowStep`.
    /// A trap that is taken consumes one unit of budget without retiring, so a program that
    /// traps forever still stops.
    func run<Timing: CoreTimingModel>(budget: UInt64, timing: inout Timing) -> RunStop {
        let x = self.x
        let f = self.f
        let control = self.control
        let memory = self.memory.bytes
        let memoryBase = self.memory.base
        // Accesses whose offset is at most this many bytes take the fast path (8 bytes fit).
        let fastLimit = self.memory.size &- 8
        let memorySize = self.memory.size
        let cache = decodeCache
        // Offset of `tohost` in memory; a value no in-memory offset can come within 8 bytes of when absent.
        let tohostOffset = program.tohost.map { $0 &- memoryBase } ?? (UInt64.max &- 64)

        // One countdown register instead of a retired count and a limit: `remaining` drops by
        // one per retired instruction and per trap taken. `enterTrap` counts traps in the
        // machine (off the hot path), so that `retired` stays exact.
        var pc = self.pc
        let retiredBefore = self.retired
        let trapsBefore = trapsTaken
        var remaining = budget
        var retired: UInt64 { retiredBefore &+ (budget &- remaining) &- (trapsTaken &- trapsBefore) }
        var stop = RunStop.budgetExhausted
        defer {
            self.pc = pc
            self.retired = retired
        }

        // The loop relies on the PC being inside memory (see DecodeCache). A run that starts
        // elsewhere (a bad entry point, or a slice that ended with a jump out of memory)
        // begins with the fetch fault.
        if remaining != 0 && pc &- memoryBase >= memorySize {
            if let handler = enterTrap(.instructionAccessFault, value: pc, pc: pc, instruction: nil) {
                pc = handler
                remaining &-= 1
            } else {
                return .faulted
            }
        }

        run: while remaining != 0 {
            let slot = cache.slot(for: pc)
            // Operands are read through the slot pointer where used, not copied up front: most
            // cases need only two or three of them.
            var rd: Int { Int(truncatingIfNeeded: slot.pointee.rd) }
            var rs1: Int { Int(truncatingIfNeeded: slot.pointee.rs1) }
            var rs2: Int { Int(truncatingIfNeeded: slot.pointee.rs2) }
            var imm: UInt64 { UInt64(bitPattern: Int64(slot.pointee.imm)) }
            var raw: UInt32 { slot.pointee.raw }
            var next = pc &+ UInt64(truncatingIfNeeded: slot.pointee.length)
            // Set by the cases that leave the fast path; handled once, after the switch.
            var slowStep: SlowStep?
            timing.dispatch(slot, pc: pc)

            switch slot.pointee.op {
            case .undecoded:
                if let decoded = fetchAndDecode(pc) {
                    slot.pointee = decoded
                    continue run
                }
                slowStep = trap(.instructionAccessFault, value: pc, pc: pc, instruction: nil)
            case .fetchFault:
                slowStep = trap(.instructionAccessFault, value: pc, pc: pc, instruction: nil)
            case .farJump:
                if let target = resolveFarJump(slot.pointee, pc: pc) { slowStep = .endSlice(at: target) }
            case .illegal:
                slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)

            // MARK: RV64I upper immediates, jumps and branches
            case .lui: x[rd] = imm
            case .auipc: x[rd] = pc &+ imm
            case .jal:
                x[rd] = next
                next = pc &+ imm
            case .jalr:
                let target = (x[rs1] &+ imm) & ~1
                x[rd] = next
                next = target
                timing.indirectJump(from: pc, to: target, linkRegister: slot.pointee.rd, sourceRegister: slot.pointee.rs1)
                if target &- memoryBase >= memorySize { slowStep = .endSlice(at: target) }
            case .beq:
                let taken = x[rs1] == x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)
            case .bne:
                let taken = x[rs1] != x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)
            case .blt:
                let taken = Int64(bitPattern: x[rs1]) < Int64(bitPattern: x[rs2])
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)
            case .bge:
                let taken = Int64(bitPattern: x[rs1]) >= Int64(bitPattern: x[rs2])
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)
            case .bltu:
                let taken = x[rs1] < x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)
            case .bgeu:
                let taken = x[rs1] >= x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc)

            // MARK: Loads and stores
            // One case per width (a shared case switching on the width again costs a second,
            // poorly predicted jump). Accesses near the end of memory or outside it, and stores
            // that touch `tohost`, take the slow path.
            case .lb:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.load(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int8.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lbu:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.load(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt8.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lh:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int16.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lhu:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt16.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lw:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int32.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lwu:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt32.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .ld:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 8, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt64.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sb:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt8(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt8.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sh:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt16(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt16.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sw:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt32(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt32.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sd:
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 8, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: x[rs2], toByteOffset: Int(truncatingIfNeeded: offset), as: UInt64.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }

            // MARK: Integer register-immediate
            case .addi: x[rd] = x[rs1] &+ imm
            case .slti: x[rd] = Int64(bitPattern: x[rs1]) < Int64(slot.pointee.imm) ? 1 : 0
            case .sltiu: x[rd] = x[rs1] < imm ? 1 : 0
            case .xori: x[rd] = x[rs1] ^ imm
            case .ori: x[rd] = x[rs1] | imm
            case .andi: x[rd] = x[rs1] & imm
            case .slli: x[rd] = x[rs1] &<< imm
            case .srli: x[rd] = x[rs1] &>> imm
            case .srai: x[rd] = UInt64(bitPattern: Int64(bitPattern: x[rs1]) &>> Int64(slot.pointee.imm))
            case .addiw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &+ imm)
            case .slliw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &<< imm)
            case .srliw: x[rd] = IntegerArithmetic.signExtend32(UInt64(UInt32(truncatingIfNeeded: x[rs1]) &>> UInt32(slot.pointee.imm)))
            case .sraiw: x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x[rs1]) &>> Int32(slot.pointee.imm)))

            // MARK: Integer register-register
            case .add: x[rd] = x[rs1] &+ x[rs2]
            case .sub: x[rd] = x[rs1] &- x[rs2]
            case .sll: x[rd] = x[rs1] &<< (x[rs2] & 63)
            case .slt: x[rd] = Int64(bitPattern: x[rs1]) < Int64(bitPattern: x[rs2]) ? 1 : 0
            case .sltu: x[rd] = x[rs1] < x[rs2] ? 1 : 0
            case .xor: x[rd] = x[rs1] ^ x[rs2]
            case .srl: x[rd] = x[rs1] &>> (x[rs2] & 63)
            case .sra: x[rd] = UInt64(bitPattern: Int64(bitPattern: x[rs1]) &>> Int64(x[rs2] & 63))
            case .or: x[rd] = x[rs1] | x[rs2]
            case .and: x[rd] = x[rs1] & x[rs2]
            case .addw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &+ x[rs2])
            case .subw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &- x[rs2])
            case .sllw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &<< (x[rs2] & 31))
            case .srlw: x[rd] = IntegerArithmetic.signExtend32(UInt64(UInt32(truncatingIfNeeded: x[rs1]) &>> UInt32(x[rs2] & 31)))
            case .sraw: x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x[rs1]) &>> Int32(x[rs2] & 31)))

            // MARK: M
            case .mul: x[rd] = x[rs1] &* x[rs2]
            case .mulh: x[rd] = IntegerArithmetic.mulh(x[rs1], x[rs2])
            case .mulhsu: x[rd] = IntegerArithmetic.mulhsu(x[rs1], x[rs2])
            case .mulhu: x[rd] = IntegerArithmetic.mulhu(x[rs1], x[rs2])
            case .div: x[rd] = IntegerArithmetic.div(x[rs1], x[rs2])
            case .divu: x[rd] = IntegerArithmetic.divu(x[rs1], x[rs2])
            case .rem: x[rd] = IntegerArithmetic.rem(x[rs1], x[rs2])
            case .remu: x[rd] = IntegerArithmetic.remu(x[rs1], x[rs2])
            case .mulw: x[rd] = IntegerArithmetic.signExtend32(x[rs1] &* x[rs2])
            case .divw: x[rd] = IntegerArithmetic.divw(x[rs1], x[rs2])
            case .divuw: x[rd] = IntegerArithmetic.divuw(x[rs1], x[rs2])
            case .remw: x[rd] = IntegerArithmetic.remw(x[rs1], x[rs2])
            case .remuw: x[rd] = IntegerArithmetic.remuw(x[rs1], x[rs2])

            // MARK: Floating-point loads and stores (FS off: illegal)
            case .flw, .fld:
                let address = x[rs1] &+ imm
                let double = slot.pointee.op == .fld
                timing.dataAccess(address: address, bytes: double ? 8 : 4, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit && control.pointee.mstatus & MStatus.fs != 0 {
                    let source = memory + Int(truncatingIfNeeded: offset)
                    f[rd] = double ? source.loadUnaligned(as: UInt64.self) : FloatUnit.box(source.loadUnaligned(as: UInt32.self))
                    FloatUnit.markDirty(control)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .fsw, .fsd:
                let address = x[rs1] &+ imm
                let double = slot.pointee.op == .fsd
                timing.dataAccess(address: address, bytes: double ? 8 : 4, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 && control.pointee.mstatus & MStatus.fs != 0 {
                    StoreWidth.store(f[rs2], bytes: double ? 8 : 4, to: memory + Int(truncatingIfNeeded: offset))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }

            // MARK: Floating-point computation
            case .fmaddS, .fmsubS, .fnmsubS, .fnmaddS, .faddS, .fsubS, .fmulS, .fdivS, .fsqrtS,
                 .fsgnjS, .fsgnjnS, .fsgnjxS, .fminS, .fmaxS,
                 .fcvtWS, .fcvtWUS, .fcvtLS, .fcvtLUS, .fcvtSW, .fcvtSWU, .fcvtSL, .fcvtSLU,
                 .fmvXW, .fmvWX, .fclassS, .feqS, .fltS, .fleS,
                 .fmaddD, .fmsubD, .fnmsubD, .fnmaddD, .faddD, .fsubD, .fmulD, .fdivD, .fsqrtD,
                 .fsgnjD, .fsgnjnD, .fsgnjxD, .fminD, .fmaxD,
                 .fcvtWD, .fcvtWUD, .fcvtLD, .fcvtLUD, .fcvtDW, .fcvtDWU, .fcvtDL, .fcvtDLU,
                 .fcvtSD, .fcvtDS, .fmvXD, .fmvDX, .fclassD, .feqD, .fltD, .fleD:
                if !FloatUnit.execute(slot.pointee, x: x, f: f, control: control) {
                    slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)
                }

            // MARK: Atomics
            case .lr, .sc, .amoswap, .amoadd, .amoxor, .amoand, .amoor, .amomin, .amomax, .amominu, .amomaxu:
                let address = x[rs1]
                timing.dataAccess(address: address, bytes: Int(slot.pointee.rm), isStore: slot.pointee.op != .lr)
                if let cause = executeAtomic(slot.pointee) {
                    slowStep = trap(cause, value: address, pc: pc, instruction: raw)
                }

            // MARK: System
            case .csrrw, .csrrs, .csrrc, .csrrwi, .csrrsi, .csrrci:
                if !executeCSR(slot.pointee, retired: retired, cycles: timing.cycles(retired: retired)) {
                    slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)
                }
            case .fence:
                if let accelerator {
                    timing.stall(until: accelerator.fence(memory: self.memory, cycle: timing.currentCycle), reason: .fence)
                }
            case .fenceI:
                cache.invalidate()
            case .ecall:
                slowStep = trap(.environmentCallFromM, value: 0, pc: pc, instruction: raw)
            case .ebreak:
                slowStep = trap(.breakpoint, value: pc, pc: pc, instruction: raw)
            case .mret:
                next = returnFromTrap()
                if next &- memoryBase >= memorySize { slowStep = .endSlice(at: next) }
            case .wfi:
                break  // No interrupt sources: waiting would never end, so WFI is a no-op as the spec allows.

            // MARK: RoCC
            case .rocc:
                switch executeRoCC(slot.pointee, pc: pc, cycle: timing.currentCycle) {
                case .completed(let resumeCycle): timing.stall(until: resumeCycle, reason: .commandQueueFull)
                case .illegal: slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)
                case .faulted: slowStep = .faulted
                }
            }

            if let slowStep {
                switch slowStep {
                case .resume(let target):
                    pc = target
                case .endSlice(let target):
                    pc = target
                    remaining &-= 1
                    break run
                case .exited(let target):
                    pc = target
                    remaining &-= 1
                    stop = .exited
                    break run
                case .faulted:
                    stop = .faulted
                    break run
                }
            } else {
                pc = next
            }
            remaining &-= 1
        }
        return stop
    }
}

/// Store widths.
enum StoreWidth {
    @inline(__always) static func bytes(_ op: Op) -> Int {
        switch op {
        case .sb: 1
        case .sh: 2
        case .sw: 4
        default: 8
        }
    }

    @inline(__always) static func store(_ value: UInt64, bytes: Int, to p: UnsafeMutableRawPointer) {
        switch bytes {
        case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
        case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
        case 4: p.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
        default: p.storeBytes(of: value, as: UInt64.self)
        }
    }
}
