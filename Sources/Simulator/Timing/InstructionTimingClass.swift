/// Which functional unit of the host core runs an operation, and so which latency applies.
enum InstructionTimingClass: UInt8 {
    /// Costs nothing: an undecoded slot dispatches once more after decoding, as the real op.
    case free
    /// One-cycle integer work: ALU, upper immediates, CSRs, fence, system instructions.
    case integer
    /// `jal` (1 cycle, no penalty: its target is known at fetch); a call when rd is x1 or x5.
    case jump
    /// `jalr`: predicted by the return-address stack or the indirect-target table.
    case indirectJump
    case branch
    /// Integer or floating-point loads, stores and atomics: the data cache's hit latency.
    case load
    case store
    case atomic
    /// The iterative multiplier/divider: one unit, busy for the whole operation.
    case multiply
    case divide
    /// The pipelined FPU.
    case floatAdd
    case floatMultiply
    case floatFused
    case floatMisc
    /// The iterative divide/square-root unit, busy for the whole operation.
    case floatDivide
    case floatSqrt
    /// A RoCC command: costs `roccCommandCycles` more than an ordinary issue.
    case roccCommand
    /// `fence.i` also empties the instruction cache.
    case fenceInstruction
}

/// The register file an instruction field names (the decoder fills rs2/rs3 with immediate
/// bits for formats that have no such register, so fields must be taken only where used).
enum OperandFile: UInt8 {
    case none
    case integer
    case float
}

/// How the host core model sees one operation: its unit and its operands' register files.
struct OperationTiming {
    var timingClass: InstructionTimingClass
    var destination: OperandFile
    var source1: OperandFile
    var source2: OperandFile
    var source3: OperandFile

    @inline(__always)
    private init(
        _ timingClass: InstructionTimingClass, rd: OperandFile = .none, rs1: OperandFile = .none,
        rs2: OperandFile = .none, rs3: OperandFile = .none
    ) {
        self.timingClass = timingClass
        destination = rd
        source1 = rs1
        source2 = rs2
        source3 = rs3
    }

    /// Indexed by `Op.rawValue` (all 256 values; those that are no operation cost nothing).
    /// Built once; `RocketTiming` resolves it against its parameters into a flat buffer of
    /// `IssueRule`s, so that dispatch is one load.
    static let table: [OperationTiming] = (0...255).map { raw in
        Op(rawValue: UInt8(raw)).map(OperationTiming.init(classifying:)) ?? OperationTiming(.free)
    }

    /// The switch is exhaustive, so a new `Op` case does not compile until it is classified here.
    /// Inlined, so that it folds to constants for an operation known at compile time.
    @inline(__always)
    init(classifying op: Op) {
        switch op {
        case .undecoded:
            self.init(.free)
        case .illegal, .fetchFault, .farJump, .fence, .ecall, .ebreak, .mret, .wfi:
            self.init(.integer)
        case .fenceI:
            self.init(.fenceInstruction)
        case .lui, .auipc, .csrrwi, .csrrsi, .csrrci:
            self.init(.integer, rd: .integer)
        case .jal:
            self.init(.jump, rd: .integer)
        case .jalr:
            self.init(.indirectJump, rd: .integer, rs1: .integer)
        case .beq, .bne, .blt, .bge, .bltu, .bgeu:
            self.init(.branch, rs1: .integer, rs2: .integer)
        case .lb, .lh, .lw, .ld, .lbu, .lhu, .lwu:
            self.init(.load, rd: .integer, rs1: .integer)
        case .sb, .sh, .sw, .sd:
            self.init(.store, rs1: .integer, rs2: .integer)
        case .addi, .slti, .sltiu, .xori, .ori, .andi, .slli, .srli, .srai,
             .addiw, .slliw, .srliw, .sraiw, .csrrw, .csrrs, .csrrc:
            self.init(.integer, rd: .integer, rs1: .integer)
        case .add, .sub, .sll, .slt, .sltu, .xor, .srl, .sra, .or, .and, .addw, .subw, .sllw, .srlw, .sraw:
            self.init(.integer, rd: .integer, rs1: .integer, rs2: .integer)
        case .mul, .mulh, .mulhsu, .mulhu, .mulw:
            self.init(.multiply, rd: .integer, rs1: .integer, rs2: .integer)
        case .div, .divu, .rem, .remu, .divw, .divuw, .remw, .remuw:
            self.init(.divide, rd: .integer, rs1: .integer, rs2: .integer)
        case .lr:
            self.init(.atomic, rd: .integer, rs1: .integer)
        case .sc, .amoswap, .amoadd, .amoxor, .amoand, .amoor, .amomin, .amomax, .amominu, .amomaxu:
            self.init(.atomic, rd: .integer, rs1: .integer, rs2: .integer)
        case .flw, .fld:
            self.init(.load, rd: .float, rs1: .integer)
        case .fsw, .fsd:
            self.init(.store, rs1: .integer, rs2: .float)
        case .fmaddS, .fmsubS, .fnmsubS, .fnmaddS, .fmaddD, .fmsubD, .fnmsubD, .fnmaddD:
            self.init(.floatFused, rd: .float, rs1: .float, rs2: .float, rs3: .float)
        case .faddS, .fsubS, .faddD, .fsubD:
            self.init(.floatAdd, rd: .float, rs1: .float, rs2: .float)
        case .fmulS, .fmulD:
            self.init(.floatMultiply, rd: .float, rs1: .float, rs2: .float)
        case .fdivS, .fdivD:
            self.init(.floatDivide, rd: .float, rs1: .float, rs2: .float)
        case .fsqrtS, .fsqrtD:
            self.init(.floatSqrt, rd: .float, rs1: .float)
        case .fsgnjS, .fsgnjnS, .fsgnjxS, .fminS, .fmaxS, .fsgnjD, .fsgnjnD, .fsgnjxD, .fminD, .fmaxD:
            self.init(.floatMisc, rd: .float, rs1: .float, rs2: .float)
        case .fcvtSD, .fcvtDS:
            self.init(.floatMisc, rd: .float, rs1: .float)
        case .fcvtWS, .fcvtWUS, .fcvtLS, .fcvtLUS, .fcvtWD, .fcvtWUD, .fcvtLD, .fcvtLUD,
             .fmvXW, .fmvXD, .fclassS, .fclassD:
            self.init(.floatMisc, rd: .integer, rs1: .float)
        case .fcvtSW, .fcvtSWU, .fcvtSL, .fcvtSLU, .fcvtDW, .fcvtDWU, .fcvtDL, .fcvtDLU, .fmvWX, .fmvDX:
            self.init(.floatMisc, rd: .float, rs1: .integer)
        case .feqS, .fltS, .fleS, .feqD, .fltD, .fleD:
            self.init(.floatMisc, rd: .integer, rs1: .float, rs2: .float)
        case .rocc:
            // rs1/rs2 are read only when xs1/xs2 are set; Gemmini's commands set both.
            self.init(.roccCommand, rd: .integer, rs1: .integer, rs2: .integer)
        }
    }
}
