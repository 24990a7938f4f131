/// Expands RV64C instructions into the operations of their 32-bit equivalents.
enum CompressedDecoder {
    static func decode(_ half: UInt16) -> DecodedInstruction {
        let h = UInt32(half)
        let illegal = DecodedInstruction.illegal(h, length: 2)
        let funct3 = (h >> 13) & 7
        // Full-width register fields (bits 11:7 and 6:2) and the 3-bit "prime" fields (x8..x15).
        let rdFull = UInt8((h >> 7) & 31)
        let rs2Full = UInt8((h >> 2) & 31)
        let rdPrime = UInt8(8 + ((h >> 2) & 7))
        let rs1Prime = UInt8(8 + ((h >> 7) & 7))
        let imm6 = signExtend(((h >> 7) & 0x20) | ((h >> 2) & 0x1F), bits: 6)

        switch (h & 3, funct3) {
        // Quadrant 0
        case (0, 0):
            let nzuimm = ((h >> 7) & 0x30) | ((h >> 1) & 0x3C0) | ((h >> 4) & 0x4) | ((h >> 2) & 0x8)
            guard nzuimm != 0 else { return illegal }
            return make(.addi, rd: rdPrime, rs1: 2, imm: Int32(nzuimm), half: h)
        case (0, 1): return make(.fld, rd: rdPrime, rs1: rs1Prime, imm: Int32(uimmDouble(h)), half: h, floatRd: true)
        case (0, 2): return make(.lw, rd: rdPrime, rs1: rs1Prime, imm: Int32(uimmWord(h)), half: h)
        case (0, 3): return make(.ld, rd: rdPrime, rs1: rs1Prime, imm: Int32(uimmDouble(h)), half: h)
        case (0, 5): return make(.fsd, rs1: rs1Prime, rs2: rdPrime, imm: Int32(uimmDouble(h)), half: h)
        case (0, 6): return make(.sw, rs1: rs1Prime, rs2: rdPrime, imm: Int32(uimmWord(h)), half: h)
        case (0, 7): return make(.sd, rs1: rs1Prime, rs2: rdPrime, imm: Int32(uimmDouble(h)), half: h)

        // Quadrant 1
        case (1, 0): return make(.addi, rd: rdFull, rs1: rdFull, imm: imm6, half: h)
        case (1, 1):
            guard rdFull != 0 else { return illegal }
            return make(.addiw, rd: rdFull, rs1: rdFull, imm: imm6, half: h)
        case (1, 2): return make(.addi, rd: rdFull, rs1: 0, imm: imm6, half: h)
        case (1, 3):
            if rdFull == 2 {
                let raw = ((h >> 3) & 0x200) | ((h >> 2) & 0x10) | ((h << 1) & 0x40) | ((h << 4) & 0x180) | ((h << 3) & 0x20)
                guard raw != 0 else { return illegal }
                return make(.addi, rd: 2, rs1: 2, imm: signExtend(raw, bits: 10), half: h)
            }
            guard imm6 != 0 else { return illegal }
            return make(.lui, rd: rdFull, imm: imm6 << 12, half: h)
        case (1, 4):
            return arithmetic(h, rd: rs1Prime, rs2: rdPrime, imm6: imm6, illegal: illegal)
        case (1, 5):
            return make(.jal, rd: 0, imm: jumpOffset(h), half: h)
        case (1, 6), (1, 7):
            let offset = ((h >> 4) & 0x100) | ((h >> 7) & 0x18) | ((h << 1) & 0xC0) | ((h >> 2) & 0x6) | ((h << 3) & 0x20)
            return make(funct3 == 6 ? .beq : .bne, rs1: rs1Prime, rs2: 0, imm: signExtend(offset, bits: 9), half: h)

        // Quadrant 2
        case (2, 0):
            let shamt = ((h >> 7) & 0x20) | ((h >> 2) & 0x1F)
            return make(.slli, rd: rdFull, rs1: rdFull, imm: Int32(shamt), half: h)
        case (2, 1):
            return make(.fld, rd: rdFull, rs1: 2, imm: Int32(uimmDoubleStack(h)), half: h, floatRd: true)
        case (2, 2):
            guard rdFull != 0 else { return illegal }
            let uimm = ((h >> 7) & 0x20) | ((h >> 2) & 0x1C) | ((h << 4) & 0xC0)
            return make(.lw, rd: rdFull, rs1: 2, imm: Int32(uimm), half: h)
        case (2, 3):
            guard rdFull != 0 else { return illegal }
            return make(.ld, rd: rdFull, rs1: 2, imm: Int32(uimmDoubleStack(h)), half: h)
        case (2, 4):
            let bit12 = (h >> 12) & 1
            if bit12 == 0 {
                if rs2Full == 0 {
                    guard rdFull != 0 else { return illegal }
                    return make(.jalr, rd: 0, rs1: rdFull, imm: 0, half: h)
                }
                return make(.add, rd: rdFull, rs1: 0, rs2: rs2Full, half: h)
            }
            if rs2Full == 0 {
                if rdFull == 0 { return make(.ebreak, half: h) }
                return make(.jalr, rd: 1, rs1: rdFull, imm: 0, half: h)
            }
            return make(.add, rd: rdFull, rs1: rdFull, rs2: rs2Full, half: h)
        case (2, 5):
            let uimm = ((h >> 7) & 0x38) | ((h >> 1) & 0x1C0)
            return make(.fsd, rs1: 2, rs2: rs2Full, imm: Int32(uimm), half: h)
        case (2, 6):
            let uimm = ((h >> 7) & 0x3C) | ((h >> 1) & 0xC0)
            return make(.sw, rs1: 2, rs2: rs2Full, imm: Int32(uimm), half: h)
        case (2, 7):
            let uimm = ((h >> 7) & 0x38) | ((h >> 1) & 0x1C0)
            return make(.sd, rs1: 2, rs2: rs2Full, imm: Int32(uimm), half: h)
        default:
            return illegal
        }
    }

    /// Quadrant 1, funct3 100: shifts, andi and the register-register ALU forms on x8..x15.
    private static func arithmetic(_ h: UInt32, rd: UInt8, rs2: UInt8, imm6: Int32, illegal: DecodedInstruction) -> DecodedInstruction {
        let shamt = Int32(((h >> 7) & 0x20) | ((h >> 2) & 0x1F))
        switch (h >> 10) & 3 {
        case 0: return make(.srli, rd: rd, rs1: rd, imm: shamt, half: h)
        case 1: return make(.srai, rd: rd, rs1: rd, imm: shamt, half: h)
        case 2: return make(.andi, rd: rd, rs1: rd, imm: imm6, half: h)
        default:
            let wide = (h >> 12) & 1 == 1
            let ops: [Op?] = wide ? [.subw, .addw, nil, nil] : [.sub, .xor, .or, .and]
            guard let op = ops[Int((h >> 5) & 3)] else { return illegal }
            return make(op, rd: rd, rs1: rd, rs2: rs2, half: h)
        }
    }

    private static func make(
        _ op: Op, rd: UInt8 = 0, rs1: UInt8 = 0, rs2: UInt8 = 0, imm: Int32 = 0, half: UInt32, floatRd: Bool = false
    ) -> DecodedInstruction {
        DecodedInstruction(
            op: op, rd: rd == 0 && !floatRd ? RegisterFile.zeroSink : rd, rs1: rs1, rs2: rs2, imm: imm,
            rs3: 0, rm: 0, length: 2, flags: 0, raw: half)
    }

    /// c.lw/c.sw offset: uimm[5:3] from bits 12:10, uimm[2] from bit 6, uimm[6] from bit 5.
    private static func uimmWord(_ h: UInt32) -> UInt32 {
        ((h >> 7) & 0x38) | ((h >> 4) & 0x4) | ((h << 1) & 0x40)
    }

    /// c.ld/c.sd/c.fld/c.fsd offset: uimm[5:3] from bits 12:10, uimm[7:6] from bits 6:5.
    private static func uimmDouble(_ h: UInt32) -> UInt32 {
        ((h >> 7) & 0x38) | ((h << 1) & 0xC0)
    }

    /// c.ldsp/c.fldsp offset: uimm[5] from bit 12, uimm[4:3] from bits 6:5, uimm[8:6] from bits 4:2.
    private static func uimmDoubleStack(_ h: UInt32) -> UInt32 {
        ((h >> 7) & 0x20) | ((h >> 2) & 0x18) | ((h << 4) & 0x1C0)
    }

    /// c.j offset bits: [11|4|9:8|10|6|7|3:1|5] in instruction bits 12..2.
    private static func jumpOffset(_ h: UInt32) -> Int32 {
        var offset: UInt32 = 0
        offset |= ((h >> 12) & 1) << 11
        offset |= ((h >> 11) & 1) << 4
        offset |= ((h >> 9) & 3) << 8
        offset |= ((h >> 8) & 1) << 10
        offset |= ((h >> 7) & 1) << 6
        offset |= ((h >> 6) & 1) << 7
        offset |= ((h >> 3) & 7) << 1
        offset |= ((h >> 2) & 1) << 5
        return signExtend(offset, bits: 12)
    }

    @inline(__always)
    private static func signExtend(_ value: UInt32, bits: Int) -> Int32 {
        let shift = Int32(32 - bits)
        return (Int32(bitPattern: value) << shift) >> shift
    }
}
