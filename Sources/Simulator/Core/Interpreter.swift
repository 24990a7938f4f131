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
    func run<Timing: CoreTimingModel>(budget: UInt64, timing model: inout Timing) -> RunStop {
        // The loop works on a local copy of the timing model: its fields can then live in
        // registers for the whole loop (the model keeps its hot state in fields for this).
        var timing = model
        defer { model = timing }
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
        // Fetch starts here (it may be a jump's target or a trap handler).
        if remaining != 0 { timing.redirect(to: pc) }

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
            // Every case for one operation but `undecoded` starts with this, naming it as a
            // literal (see `CoreTimingModel.dispatch(_:pc:as:)`); cases for several operations
            // call `timing.dispatch(slot, pc: pc)`.
            @inline(__always) func dispatch(_ op: Op) { timing.dispatch(slot, pc: pc, as: op) }

            switch slot.pointee.op {
            case .undecoded:
                // Not dispatched: the decoded instruction is, when the loop comes back to it.
                if var decoded = fetchAndDecode(pc) {
                    timing.annotate(&decoded, pc: pc)
                    slot.pointee = decoded
                    continue run
                }
                timing.redirect(to: pc)  // Fetch looked the line up before it faulted.
                slowStep = trap(.instructionAccessFault, value: pc, pc: pc, instruction: nil)
            case .fetchFault:
                // The sentinel past the end of memory carries no hint: fetch reaches it here.
                timing.redirect(to: pc)
                dispatch(.fetchFault)
                slowStep = trap(.instructionAccessFault, value: pc, pc: pc, instruction: nil)
            case .farJump:
                dispatch(.farJump)
                if let target = resolveFarJump(slot.pointee, pc: pc) { slowStep = .endSlice(at: target) }
            case .illegal:
                dispatch(.illegal)
                slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)

            // MARK: RV64I upper immediates, jumps and branches
            case .lui:
                dispatch(.lui)
                x[rd] = imm
            case .auipc:
                dispatch(.auipc)
                x[rd] = pc &+ imm
            case .jal:
                dispatch(.jal)
                x[rd] = next
                next = pc &+ imm
                timing.redirect(to: next)
            case .jalr:
                dispatch(.jalr)
                let target = (x[rs1] &+ imm) & ~1
                timing.indirectJump(
                    from: pc, to: target, returnAddress: next, linkRegister: slot.pointee.rd, sourceRegister: slot.pointee.rs1)
                x[rd] = next
                next = target
                if target &- memoryBase >= memorySize { slowStep = .endSlice(at: target) } else { timing.redirect(to: target) }
            case .beq:
                dispatch(.beq)
                let taken = x[rs1] == x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)
            case .bne:
                dispatch(.bne)
                let taken = x[rs1] != x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)
            case .blt:
                dispatch(.blt)
                let taken = Int64(bitPattern: x[rs1]) < Int64(bitPattern: x[rs2])
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)
            case .bge:
                dispatch(.bge)
                let taken = Int64(bitPattern: x[rs1]) >= Int64(bitPattern: x[rs2])
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)
            case .bltu:
                dispatch(.bltu)
                let taken = x[rs1] < x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)
            case .bgeu:
                dispatch(.bgeu)
                let taken = x[rs1] >= x[rs2]
                if taken { next = pc &+ imm }
                timing.branch(taken: taken, pc: pc, next: next)

            // MARK: Loads and stores
            // One case per width (a shared case switching on the width again costs a second,
            // poorly predicted jump). Accesses near the end of memory or outside it, and stores
            // that touch `tohost`, take the slow path.
            case .lb:
                dispatch(.lb)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.load(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int8.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lbu:
                dispatch(.lbu)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.load(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt8.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lh:
                dispatch(.lh)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int16.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lhu:
                dispatch(.lhu)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt16.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lw:
                dispatch(.lw)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(bitPattern: Int64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: Int32.self)))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .lwu:
                dispatch(.lwu)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = UInt64(memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt32.self))
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .ld:
                dispatch(.ld)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 8, isStore: false)
                let offset = address &- memoryBase
                if offset <= fastLimit {
                    x[rd] = memory.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: UInt64.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sb:
                dispatch(.sb)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 1, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt8(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt8.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sh:
                dispatch(.sh)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 2, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt16(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt16.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sw:
                dispatch(.sw)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 4, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: UInt32(truncatingIfNeeded: x[rs2]), toByteOffset: Int(truncatingIfNeeded: offset), as: UInt32.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }
            case .sd:
                dispatch(.sd)
                let address = x[rs1] &+ imm
                timing.dataAccess(address: address, bytes: 8, isStore: true)
                let offset = address &- memoryBase
                if offset <= fastLimit && offset &- tohostOffset >= 8 {
                    memory.storeBytes(of: x[rs2], toByteOffset: Int(truncatingIfNeeded: offset), as: UInt64.self)
                } else { slowStep = accessMemorySlowly(slot.pointee, pc: pc) }

            // MARK: Integer register-immediate
            case .addi:
                dispatch(.addi)
                x[rd] = x[rs1] &+ imm
            case .slti:
                dispatch(.slti)
                x[rd] = Int64(bitPattern: x[rs1]) < Int64(slot.pointee.imm) ? 1 : 0
            case .sltiu:
                dispatch(.sltiu)
                x[rd] = x[rs1] < imm ? 1 : 0
            case .xori:
                dispatch(.xori)
                x[rd] = x[rs1] ^ imm
            case .ori:
                dispatch(.ori)
                x[rd] = x[rs1] | imm
            case .andi:
                dispatch(.andi)
                x[rd] = x[rs1] & imm
            case .slli:
                dispatch(.slli)
                x[rd] = x[rs1] &<< imm
            case .srli:
                dispatch(.srli)
                x[rd] = x[rs1] &>> imm
            case .srai:
                dispatch(.srai)
                x[rd] = UInt64(bitPattern: Int64(bitPattern: x[rs1]) &>> Int64(slot.pointee.imm))
            case .addiw:
                dispatch(.addiw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &+ imm)
            case .slliw:
                dispatch(.slliw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &<< imm)
            case .srliw:
                dispatch(.srliw)
                x[rd] = IntegerArithmetic.signExtend32(UInt64(UInt32(truncatingIfNeeded: x[rs1]) &>> UInt32(slot.pointee.imm)))
            case .sraiw:
                dispatch(.sraiw)
                x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x[rs1]) &>> Int32(slot.pointee.imm)))

            // MARK: Integer register-register
            case .add:
                dispatch(.add)
                x[rd] = x[rs1] &+ x[rs2]
            case .sub:
                dispatch(.sub)
                x[rd] = x[rs1] &- x[rs2]
            case .sll:
                dispatch(.sll)
                x[rd] = x[rs1] &<< (x[rs2] & 63)
            case .slt:
                dispatch(.slt)
                x[rd] = Int64(bitPattern: x[rs1]) < Int64(bitPattern: x[rs2]) ? 1 : 0
            case .sltu:
                dispatch(.sltu)
                x[rd] = x[rs1] < x[rs2] ? 1 : 0
            case .xor:
                dispatch(.xor)
                x[rd] = x[rs1] ^ x[rs2]
            case .srl:
                dispatch(.srl)
                x[rd] = x[rs1] &>> (x[rs2] & 63)
            case .sra:
                dispatch(.sra)
                x[rd] = UInt64(bitPattern: Int64(bitPattern: x[rs1]) &>> Int64(x[rs2] & 63))
            case .or:
                dispatch(.or)
                x[rd] = x[rs1] | x[rs2]
            case .and:
                dispatch(.and)
                x[rd] = x[rs1] & x[rs2]
            case .addw:
                dispatch(.addw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &+ x[rs2])
            case .subw:
                dispatch(.subw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &- x[rs2])
            case .sllw:
                dispatch(.sllw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &<< (x[rs2] & 31))
            case .srlw:
                dispatch(.srlw)
                x[rd] = IntegerArithmetic.signExtend32(UInt64(UInt32(truncatingIfNeeded: x[rs1]) &>> UInt32(x[rs2] & 31)))
            case .sraw:
                dispatch(.sraw)
                x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x[rs1]) &>> Int32(x[rs2] & 31)))

            // MARK: M
            case .mul:
                dispatch(.mul)
                x[rd] = x[rs1] &* x[rs2]
            case .mulh:
                dispatch(.mulh)
                x[rd] = IntegerArithmetic.mulh(x[rs1], x[rs2])
            case .mulhsu:
                dispatch(.mulhsu)
                x[rd] = IntegerArithmetic.mulhsu(x[rs1], x[rs2])
            case .mulhu:
                dispatch(.mulhu)
                x[rd] = IntegerArithmetic.mulhu(x[rs1], x[rs2])
            case .div:
                dispatch(.div)
                x[rd] = IntegerArithmetic.div(x[rs1], x[rs2])
            case .divu:
                dispatch(.divu)
                x[rd] = IntegerArithmetic.divu(x[rs1], x[rs2])
            case .rem:
                dispatch(.rem)
                x[rd] = IntegerArithmetic.rem(x[rs1], x[rs2])
            case .remu:
                dispatch(.remu)
                x[rd] = IntegerArithmetic.remu(x[rs1], x[rs2])
            case .mulw:
                dispatch(.mulw)
                x[rd] = IntegerArithmetic.signExtend32(x[rs1] &* x[rs2])
            case .divw:
                dispatch(.divw)
                x[rd] = IntegerArithmetic.divw(x[rs1], x[rs2])
            case .divuw:
                dispatch(.divuw)
                x[rd] = IntegerArithmetic.divuw(x[rs1], x[rs2])
            case .remw:
                dispatch(.remw)
                x[rd] = IntegerArithmetic.remw(x[rs1], x[rs2])
            case .remuw:
                dispatch(.remuw)
                x[rd] = IntegerArithmetic.remuw(x[rs1], x[rs2])

            // MARK: Floating-point loads and stores (FS off: illegal)
            case .flw, .fld:
                timing.dispatch(slot, pc: pc)
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
                timing.dispatch(slot, pc: pc)
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
                timing.dispatch(slot, pc: pc)
                if !FloatUnit.execute(slot.pointee, x: x, f: f, control: control) {
                    slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)
                }

            // MARK: Atomics
            case .lr, .sc, .amoswap, .amoadd, .amoxor, .amoand, .amoor, .amomin, .amomax, .amominu, .amomaxu:
                timing.dispatch(slot, pc: pc)
                let address = x[rs1]
                timing.dataAccess(address: address, bytes: Int(slot.pointee.rm), isStore: slot.pointee.op != .lr)
                if let cause = executeAtomic(slot.pointee) {
                    slowStep = trap(cause, value: address, pc: pc, instruction: raw)
                }

            // MARK: System
            case .csrrw, .csrrs, .csrrc, .csrrwi, .csrrsi, .csrrci:
                timing.dispatch(slot, pc: pc)
                if !executeCSR(slot.pointee, retired: retired, cycles: timing.cycles(retired: retired)) {
                    slowStep = trap(.illegalInstruction, value: UInt64(raw), pc: pc, instruction: raw)
                }
            case .fence:
                dispatch(.fence)
                if let accelerator {
                    timing.stall(until: accelerator.fence(memory: self.memory, cycle: timing.currentCycle), reason: .fence)
                }
            case .fenceI:
                dispatch(.fenceI)
                cache.invalidate()
                timing.redirect(to: next)  // The model's I-cache is empty too.
            case .ecall:
                dispatch(.ecall)
                slowStep = trap(.environmentCallFromM, value: 0, pc: pc, instruction: raw)
            case .ebreak:
                dispatch(.ebreak)
                slowStep = trap(.breakpoint, value: pc, pc: pc, instruction: raw)
            case .mret:
                dispatch(.mret)
                next = returnFromTrap()
                if next &- memoryBase >= memorySize { slowStep = .endSlice(at: next) } else { timing.redirect(to: next) }
            case .wfi:
                dispatch(.wfi)  // No interrupt sources: waiting would never end, so WFI is a no-op as the spec allows.

            // MARK: RoCC
            case .rocc:
                dispatch(.rocc)
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
                    timing.redirect(to: target)
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
