/// One decoded instruction: the operation and its pre-extracted operands, 16 bytes.
///
/// Integer destination registers that are `x0` are redirected to a scratch register
/// (`RegisterFile.zeroSink`) at decode time, so the interpreter writes results without
/// checking for `x0` and `x0` itself always reads zero.
struct DecodedInstruction {
    var op: Op
    var rd: UInt8
    var rs1: UInt8
    var rs2: UInt8
    /// Sign-extended immediate; the CSR number for CSR instructions; the shift amount for shifts.
    var imm: Int32
    var rs3: UInt8
    /// Floating-point rounding mode field; the access width in bytes for atomics.
    var rm: UInt8
    /// Encoded length in bytes: 2 (compressed) or 4.
    var length: UInt8
    /// The original rd/rs1 register numbers for instructions whose semantics depend on x0
    /// (CSR access), and the timing model's hint; otherwise zero.
    var flags: UInt8
    /// The instruction word as fetched (16 significant bits for compressed instructions).
    var raw: UInt32

    static let empty = DecodedInstruction(
        op: .undecoded, rd: 0, rs1: 0, rs2: 0, imm: 0, rs3: 0, rm: 0, length: 0, flags: 0, raw: 0)

    static func illegal(_ raw: UInt32, length: UInt8) -> DecodedInstruction {
        DecodedInstruction(op: .illegal, rd: 0, rs1: 0, rs2: 0, imm: 0, rs3: 0, rm: 0, length: length, flags: 0, raw: raw)
    }

    /// For CSR instructions: the architectural rd was x0 (no read side effects).
    static let flagRdIsZero: UInt8 = 1
    /// For CSR instructions: rs1 (or the 5-bit immediate) was zero (no write).
    static let flagNoWrite: UInt8 = 2
    /// Any instruction: set by the timing model when it decodes the slot (`CoreTimingModel.annotate`).
    static let timingHint: UInt8 = 0x80
}

/// Register file layout shared by decoder and interpreter.
enum RegisterFile {
    /// Integer register slots: x0...x31 plus the sink for writes to x0.
    static let integerSlots = 33
    /// The slot that receives writes whose architectural destination is x0.
    static let zeroSink: UInt8 = 32
}
