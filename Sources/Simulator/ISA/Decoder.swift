/// Decodes 32-bit RV64IMAFD + Zicsr + Zifencei instruction words and the custom-3 opcode.
enum Decoder {
    /// Decodes a 32-bit word; unknown or reserved encodings become `.illegal`.
    static func decode(_ word: UInt32) -> DecodedInstruction {
        let f = InstructionFields(word)
        switch f.opcode {
        case 0x37: return integer(.lui, f, imm: f.immU)
        case 0x17: return integer(.auipc, f, imm: f.immU)
        case 0x6F: return integer(.jal, f, imm: f.immJ)
        case 0x67: return f.funct3 == 0 ? integer(.jalr, f, imm: f.immI) : .illegal(word, length: 4)
        case 0x63: return branch(f)
        case 0x03: return load(f)
        case 0x23: return store(f)
        case 0x13: return operationImmediate(f)
        case 0x1B: return operationImmediate32(f)
        case 0x33: return operation(f)
        case 0x3B: return operation32(f)
        case 0x0F: return miscMemory(f)
        case 0x73: return system(f)
        case 0x2F: return atomic(f)
        case 0x07, 0x27, 0x43, 0x47, 0x4B, 0x4F, 0x53: return FloatDecoder.decode(f)
        case 0x7B: return DecodedInstruction(
            op: .rocc, rd: f.rd == 0 ? RegisterFile.zeroSink : f.rd, rs1: f.rs1, rs2: f.rs2,
            imm: Int32(f.funct7), rs3: 0, rm: UInt8(f.funct3), length: 4, flags: 0, raw: word)
        default: return .illegal(word, length: 4)
        }
    }

    /// An instruction with an integer destination register (x0 redirected to the sink).
    @inline(__always)
    static func integer(_ op: Op, _ f: InstructionFields, imm: Int32 = 0) -> DecodedInstruction {
        DecodedInstruction(
            op: op, rd: f.rd == 0 ? RegisterFile.zeroSink : f.rd, rs1: f.rs1, rs2: f.rs2,
            imm: imm, rs3: 0, rm: 0, length: 4, flags: 0, raw: f.word)
    }

    private static func branch(_ f: InstructionFields) -> DecodedInstruction {
        let ops: [Op?] = [.beq, .bne, nil, nil, .blt, .bge, .bltu, .bgeu]
        guard let op = ops[Int(f.funct3)] else { return .illegal(f.word, length: 4) }
        var d = integer(op, f, imm: f.immB)
        d.rd = RegisterFile.zeroSink
        return d
    }

    private static func load(_ f: InstructionFields) -> DecodedInstruction {
        let ops: [Op?] = [.lb, .lh, .lw, .ld, .lbu, .lhu, .lwu, nil]
        guard let op = ops[Int(f.funct3)] else { return .illegal(f.word, length: 4) }
        return integer(op, f, imm: f.immI)
    }

    private static func store(_ f: InstructionFields) -> DecodedInstruction {
        let ops: [Op?] = [.sb, .sh, .sw, .sd, nil, nil, nil, nil]
        guard let op = ops[Int(f.funct3)] else { return .illegal(f.word, length: 4) }
        var d = integer(op, f, imm: f.immS)
        d.rd = RegisterFile.zeroSink
        return d
    }

    private static func operationImmediate(_ f: InstructionFields) -> DecodedInstruction {
        let shamt = Int32((f.word >> 20) & 0x3F)
        let upper = f.word >> 26
        switch f.funct3 {
        case 0: return integer(.addi, f, imm: f.immI)
        case 2: return integer(.slti, f, imm: f.immI)
        case 3: return integer(.sltiu, f, imm: f.immI)
        case 4: return integer(.xori, f, imm: f.immI)
        case 6: return integer(.ori, f, imm: f.immI)
        case 7: return integer(.andi, f, imm: f.immI)
        case 1: return upper == 0 ? integer(.slli, f, imm: shamt) : .illegal(f.word, length: 4)
        case 5:
            if upper == 0 { return integer(.srli, f, imm: shamt) }
            if upper == 0x10 { return integer(.srai, f, imm: shamt) }
            return .illegal(f.word, length: 4)
        default: return .illegal(f.word, length: 4)
        }
    }

    private static func operationImmediate32(_ f: InstructionFields) -> DecodedInstruction {
        let shamt = Int32(f.rs2)
        switch (f.funct3, f.funct7) {
        case (0, _): return integer(.addiw, f, imm: f.immI)
        case (1, 0): return integer(.slliw, f, imm: shamt)
        case (5, 0): return integer(.srliw, f, imm: shamt)
        case (5, 0x20): return integer(.sraiw, f, imm: shamt)
        default: return .illegal(f.word, length: 4)
        }
    }

    private static func operation(_ f: InstructionFields) -> DecodedInstruction {
        let op: Op?
        switch f.funct7 {
        case 0x00: op = [Op.add, .sll, .slt, .sltu, .xor, .srl, .or, .and][Int(f.funct3)]
        case 0x20: op = [Op.sub, nil, nil, nil, nil, .sra, nil, nil][Int(f.funct3)]
        case 0x01: op = [Op.mul, .mulh, .mulhsu, .mulhu, .div, .divu, .rem, .remu][Int(f.funct3)]
        default: op = nil
        }
        guard let op else { return .illegal(f.word, length: 4) }
        return integer(op, f)
    }

    private static func operation32(_ f: InstructionFields) -> DecodedInstruction {
        let op: Op?
        switch f.funct7 {
        case 0x00: op = [Op.addw, .sllw, nil, nil, nil, .srlw, nil, nil][Int(f.funct3)]
        case 0x20: op = [Op.subw, nil, nil, nil, nil, .sraw, nil, nil][Int(f.funct3)]
        case 0x01: op = [Op.mulw, nil, nil, nil, .divw, .divuw, .remw, .remuw][Int(f.funct3)]
        default: op = nil
        }
        guard let op else { return .illegal(f.word, length: 4) }
        return integer(op, f)
    }

    private static func miscMemory(_ f: InstructionFields) -> DecodedInstruction {
        switch f.funct3 {
        case 0: return integer(.fence, f)
        case 1: return integer(.fenceI, f)
        default: return .illegal(f.word, length: 4)
        }
    }

    private static func system(_ f: InstructionFields) -> DecodedInstruction {
        switch f.funct3 {
        case 0:
            switch f.word {
            case 0x0000_0073: return integer(.ecall, f)
            case 0x0010_0073: return integer(.ebreak, f)
            case 0x3020_0073: return integer(.mret, f)
            case 0x1050_0073: return integer(.wfi, f)
            default: return .illegal(f.word, length: 4)
            }
        case 4:
            return .illegal(f.word, length: 4)
        default:
            let ops: [Op] = [.illegal, .csrrw, .csrrs, .csrrc, .illegal, .csrrwi, .csrrsi, .csrrci]
            let op = ops[Int(f.funct3)]
            var d = integer(op, f, imm: Int32(f.word >> 20))
            if f.rd == 0 { d.flags |= DecodedInstruction.flagRdIsZero }
            // csrrw/csrrwi always write; the set/clear forms write only for a non-zero rs1/uimm.
            if f.rs1 == 0 && op != .csrrw && op != .csrrwi { d.flags |= DecodedInstruction.flagNoWrite }
            return d
        }
    }

    private static func atomic(_ f: InstructionFields) -> DecodedInstruction {
        guard f.funct3 == 2 || f.funct3 == 3 else { return .illegal(f.word, length: 4) }
        let op: Op
        switch f.funct5 {
        case 0x02:
            guard f.rs2 == 0 else { return .illegal(f.word, length: 4) }
            op = .lr
        case 0x03: op = .sc
        case 0x01: op = .amoswap
        case 0x00: op = .amoadd
        case 0x04: op = .amoxor
        case 0x0C: op = .amoand
        case 0x08: op = .amoor
        case 0x10: op = .amomin
        case 0x14: op = .amomax
        case 0x18: op = .amominu
        case 0x1C: op = .amomaxu
        default: return .illegal(f.word, length: 4)
        }
        var d = integer(op, f)
        d.rm = f.funct3 == 2 ? 4 : 8
        return d
    }
}
