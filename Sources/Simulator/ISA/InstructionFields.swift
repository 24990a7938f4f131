/// Field extraction for 32-bit instruction words (RISC-V unprivileged spec, chapter 2).
struct InstructionFields {
    let word: UInt32

    @inline(__always) init(_ word: UInt32) { self.word = word }

    var opcode: UInt32 { word & 0x7F }
    var rd: UInt8 { UInt8((word >> 7) & 31) }
    var funct3: UInt32 { (word >> 12) & 7 }
    var rs1: UInt8 { UInt8((word >> 15) & 31) }
    var rs2: UInt8 { UInt8((word >> 20) & 31) }
    var rs3: UInt8 { UInt8(word >> 27) }
    var funct7: UInt32 { word >> 25 }
    var funct5: UInt32 { word >> 27 }

    var immI: Int32 { Int32(bitPattern: word) >> 20 }
    var immS: Int32 { ((Int32(bitPattern: word) >> 25) << 5) | Int32((word >> 7) & 31) }
    var immB: Int32 {
        let sign = (Int32(bitPattern: word) >> 31) << 12
        let bit11 = Int32((word >> 7) & 1) << 11
        let bits10to5 = Int32((word >> 25) & 0x3F) << 5
        let bits4to1 = Int32((word >> 8) & 0xF) << 1
        return sign | bit11 | bits10to5 | bits4to1
    }
    var immU: Int32 { Int32(bitPattern: word & 0xFFFF_F000) }
    var immJ: Int32 {
        let sign = (Int32(bitPattern: word) >> 31) << 20
        let bits19to12 = Int32(word & 0x000F_F000)
        let bit11 = Int32((word >> 20) & 1) << 11
        let bits10to1 = Int32((word >> 21) & 0x3FF) << 1
        return sign | bits19to12 | bit11 | bits10to1
    }
}
