/// Decodes the F and D extensions (LOAD-FP, STORE-FP, the fused multiply-adds and OP-FP).
enum FloatDecoder {
    static func decode(_ f: InstructionFields) -> DecodedInstruction {
        switch f.opcode {
        case 0x07:
            switch f.funct3 {
            case 2: return floatDestination(.flw, f, imm: f.immI)
            case 3: return floatDestination(.fld, f, imm: f.immI)
            default: return .illegal(f.word, length: 4)
            }
        case 0x27:
            switch f.funct3 {
            case 2: return floatDestination(.fsw, f, imm: f.immS)
            case 3: return floatDestination(.fsd, f, imm: f.immS)
            default: return .illegal(f.word, length: 4)
            }
        case 0x43, 0x47, 0x4B, 0x4F:
            return fusedMultiplyAdd(f)
        default:
            return operation(f)
        }
    }

    /// A static rounding mode of 5 or 6 is reserved; 7 selects the dynamic mode in frm.
    private static func validRoundingMode(_ f: InstructionFields) -> Bool {
        f.funct3 != 5 && f.funct3 != 6
    }

    private static func floatDestination(_ op: Op, _ f: InstructionFields, imm: Int32 = 0) -> DecodedInstruction {
        DecodedInstruction(
            op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, imm: imm, rs3: f.rs3, rm: UInt8(f.funct3),
            length: 4, flags: 0, raw: f.word)
    }

    private static func integerDestination(_ op: Op, _ f: InstructionFields) -> DecodedInstruction {
        var d = floatDestination(op, f)
        if d.rd == 0 { d.rd = RegisterFile.zeroSink }
        return d
    }

    private static func fusedMultiplyAdd(_ f: InstructionFields) -> DecodedInstruction {
        let format = (f.word >> 25) & 3
        guard format < 2, validRoundingMode(f) else { return .illegal(f.word, length: 4) }
        let single: [UInt32: Op] = [0x43: .fmaddS, 0x47: .fmsubS, 0x4B: .fnmsubS, 0x4F: .fnmaddS]
        let double: [UInt32: Op] = [0x43: .fmaddD, 0x47: .fmsubD, 0x4B: .fnmsubD, 0x4F: .fnmaddD]
        return floatDestination((format == 0 ? single : double)[f.opcode]!, f)
    }

    private static func operation(_ f: InstructionFields) -> DecodedInstruction {
        let illegal = DecodedInstruction.illegal(f.word, length: 4)
        let rounded = validRoundingMode(f)
        switch f.funct7 {
        case 0x00: return rounded ? floatDestination(.faddS, f) : illegal
        case 0x01: return rounded ? floatDestination(.faddD, f) : illegal
        case 0x04: return rounded ? floatDestination(.fsubS, f) : illegal
        case 0x05: return rounded ? floatDestination(.fsubD, f) : illegal
        case 0x08: return rounded ? floatDestination(.fmulS, f) : illegal
        case 0x09: return rounded ? floatDestination(.fmulD, f) : illegal
        case 0x0C: return rounded ? floatDestination(.fdivS, f) : illegal
        case 0x0D: return rounded ? floatDestination(.fdivD, f) : illegal
        case 0x2C: return rounded && f.rs2 == 0 ? floatDestination(.fsqrtS, f) : illegal
        case 0x2D: return rounded && f.rs2 == 0 ? floatDestination(.fsqrtD, f) : illegal
        case 0x10, 0x11:
            let single = f.funct7 == 0x10
            switch f.funct3 {
            case 0: return floatDestination(single ? .fsgnjS : .fsgnjD, f)
            case 1: return floatDestination(single ? .fsgnjnS : .fsgnjnD, f)
            case 2: return floatDestination(single ? .fsgnjxS : .fsgnjxD, f)
            default: return illegal
            }
        case 0x14, 0x15:
            let single = f.funct7 == 0x14
            switch f.funct3 {
            case 0: return floatDestination(single ? .fminS : .fminD, f)
            case 1: return floatDestination(single ? .fmaxS : .fmaxD, f)
            default: return illegal
            }
        case 0x20: return rounded && f.rs2 == 1 ? floatDestination(.fcvtSD, f) : illegal
        case 0x21: return rounded && f.rs2 == 0 ? floatDestination(.fcvtDS, f) : illegal
        case 0x50, 0x51:
            let single = f.funct7 == 0x50
            switch f.funct3 {
            case 0: return integerDestination(single ? .fleS : .fleD, f)
            case 1: return integerDestination(single ? .fltS : .fltD, f)
            case 2: return integerDestination(single ? .feqS : .feqD, f)
            default: return illegal
            }
        case 0x60, 0x61:
            guard rounded, f.rs2 < 4 else { return illegal }
            let ops: [Op] = f.funct7 == 0x60 ? [.fcvtWS, .fcvtWUS, .fcvtLS, .fcvtLUS] : [.fcvtWD, .fcvtWUD, .fcvtLD, .fcvtLUD]
            return integerDestination(ops[Int(f.rs2)], f)
        case 0x68, 0x69:
            guard rounded, f.rs2 < 4 else { return illegal }
            let ops: [Op] = f.funct7 == 0x68 ? [.fcvtSW, .fcvtSWU, .fcvtSL, .fcvtSLU] : [.fcvtDW, .fcvtDWU, .fcvtDL, .fcvtDLU]
            return floatDestination(ops[Int(f.rs2)], f)
        case 0x70, 0x71:
            guard f.rs2 == 0 else { return illegal }
            let single = f.funct7 == 0x70
            switch f.funct3 {
            case 0: return integerDestination(single ? .fmvXW : .fmvXD, f)
            case 1: return integerDestination(single ? .fclassS : .fclassD, f)
            default: return illegal
            }
        case 0x78, 0x79:
            guard f.rs2 == 0, f.funct3 == 0 else { return illegal }
            return floatDestination(f.funct7 == 0x78 ? .fmvWX : .fmvDX, f)
        default:
            return illegal
        }
    }
}
