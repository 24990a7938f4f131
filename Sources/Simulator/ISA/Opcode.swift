/// Every operation the interpreter executes, after decoding.
///
/// Compressed instructions expand to the same operations as their 32-bit forms, so the
/// interpreter has one case per operation whatever the encoding. `undecoded` (raw value 0)
/// marks an empty slot in the decoded-instruction cache: executing it decodes the slot.
enum Op: UInt8 {
    case undecoded = 0
    case illegal
    /// The PC has left memory (the sentinel slot past its end): raise a fetch fault.
    case fetchFault
    /// A branch or jal whose target lies outside memory; `rm` holds the original operation.
    case farJump

    // RV64I
    case lui, auipc, jal, jalr
    case beq, bne, blt, bge, bltu, bgeu
    case lb, lh, lw, ld, lbu, lhu, lwu
    case sb, sh, sw, sd
    case addi, slti, sltiu, xori, ori, andi, slli, srli, srai
    case add, sub, sll, slt, sltu, xor, srl, sra, or, and
    case addiw, slliw, srliw, sraiw, addw, subw, sllw, srlw, sraw
    case fence, fenceI, ecall, ebreak, mret, wfi
    case csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci

    // M
    case mul, mulh, mulhsu, mulhu, div, divu, rem, remu
    case mulw, divw, divuw, remw, remuw

    // A (width and operation share one case each; `rm` holds the width: 4 or 8 bytes)
    case lr, sc
    case amoswap, amoadd, amoxor, amoand, amoor, amomin, amomax, amominu, amomaxu

    // F
    case flw, fsw
    case fmaddS, fmsubS, fnmsubS, fnmaddS
    case faddS, fsubS, fmulS, fdivS, fsqrtS
    case fsgnjS, fsgnjnS, fsgnjxS, fminS, fmaxS
    case fcvtWS, fcvtWUS, fcvtLS, fcvtLUS, fcvtSW, fcvtSWU, fcvtSL, fcvtSLU
    case fmvXW, fmvWX, fclassS, feqS, fltS, fleS

    // D
    case fld, fsd
    case fmaddD, fmsubD, fnmsubD, fnmaddD
    case faddD, fsubD, fmulD, fdivD, fsqrtD
    case fsgnjD, fsgnjnD, fsgnjxD, fminD, fmaxD
    case fcvtWD, fcvtWUD, fcvtLD, fcvtLUD, fcvtDW, fcvtDWU, fcvtDL, fcvtDLU
    case fcvtSD, fcvtDS
    case fmvXD, fmvDX, fclassD, feqD, fltD, fleD

    // Custom-3: a command for the RoCC accelerator.
    case rocc
}
