extension Machine {
    /// Reads and decodes the instruction at `pc`; nil when it is not entirely inside memory.
    /// Branches and jumps to targets outside memory become `.farJump`, so that the
    /// interpreter's PC never leaves memory on an ordinary branch.
    func fetchAndDecode(_ pc: UInt64) -> DecodedInstruction? {
        guard let low = memory.load(UInt16.self, from: pc) else { return nil }
        var decoded: DecodedInstruction
        if low & 3 != 3 {
            decoded = CompressedDecoder.decode(low)
        } else {
            guard let high = memory.load(UInt16.self, from: pc &+ 2) else { return nil }
            decoded = Decoder.decode(UInt32(low) | UInt32(high) << 16)
        }
        switch decoded.op {
        case .jal, .beq, .bne, .blt, .bge, .bltu, .bgeu:
            let target = pc &+ UInt64(bitPattern: Int64(decoded.imm))
            if !memory.contains(target, length: 2) {
                decoded.rm = decoded.op.rawValue
                decoded.op = .farJump
            }
        default:
            break
        }
        return decoded
    }

    /// Executes a `.farJump`: returns the target when the jump is taken (after writing the
    /// link register of a jal), nil when a branch falls through.
    @inline(never)
    func resolveFarJump(_ d: DecodedInstruction, pc: UInt64) -> UInt64? {
        let a = x[Int(d.rs1)], b = x[Int(d.rs2)]
        let taken: Bool
        switch Op(rawValue: d.rm) {
        case .jal:
            x[Int(d.rd)] = pc &+ UInt64(d.length)
            taken = true
        case .beq: taken = a == b
        case .bne: taken = a != b
        case .blt: taken = Int64(bitPattern: a) < Int64(bitPattern: b)
        case .bge: taken = Int64(bitPattern: a) >= Int64(bitPattern: b)
        case .bltu: taken = a < b
        default: taken = a >= b
        }
        return taken ? pc &+ UInt64(bitPattern: Int64(d.imm)) : nil
    }
}
