/// Executes F and D computation instructions on the raw register files.
///
/// Arithmetic semantics (rounding, flags, NaNs) live in `FP32`/`FP64`; this type handles what
/// the ISA adds around them: NaN-boxing of single-precision values in 64-bit registers, the
/// dynamic rounding mode, the accrued flags and mstatus.FS.
enum FloatUnit {
    static let boxMask: UInt64 = 0xFFFF_FFFF_0000_0000
    static let signBit32: UInt32 = 0x8000_0000
    static let signBit64: UInt64 = 0x8000_0000_0000_0000

    @inline(__always) static func box(_ value: UInt32) -> UInt64 { boxMask | UInt64(value) }

    /// A single-precision operand: a register not holding a properly boxed value reads as the canonical NaN.
    @inline(__always) static func unbox(_ value: UInt64) -> UInt32 {
        value & boxMask == boxMask ? UInt32(truncatingIfNeeded: value) : FP32.canonicalNaN
    }

    @inline(__always) static func markDirty(_ control: UnsafeMutablePointer<ControlState>) {
        control.pointee.mstatus |= MStatus.fs
    }

    /// The instruction's rounding mode, resolving 7 (dynamic) through frm; nil when invalid.
    @inline(__always)
    static func roundingMode(_ d: DecodedInstruction, _ control: UnsafeMutablePointer<ControlState>) -> FPRoundingMode? {
        FPRoundingMode(rawValue: d.rm == 7 ? control.pointee.frm : d.rm)
    }

    @inline(__always) static func bool(_ value: Bool) -> UInt64 { value ? 1 : 0 }

    /// Executes one instruction; false means an illegal-instruction trap (FP disabled or invalid rounding mode).
    @inline(never)
    static func execute(
        _ d: DecodedInstruction, x: UnsafeMutablePointer<UInt64>, f: UnsafeMutablePointer<UInt64>,
        control: UnsafeMutablePointer<ControlState>
    ) -> Bool {
        guard control.pointee.mstatus & MStatus.fs != 0 else { return false }
        let rd = Int(d.rd)
        let a = f[Int(d.rs1)], b = f[Int(d.rs2)], c = f[Int(d.rs3)]
        let integerSource = x[Int(d.rs1)]
        var flags = control.pointee.fflags
        let flagsBefore = flags
        var writesFloat = true

        switch d.op {
        // Sign injection, moves and classification: no rounding mode, no flags.
        case .fsgnjS: f[rd] = box((unbox(a) & ~signBit32) | (unbox(b) & signBit32))
        case .fsgnjnS: f[rd] = box((unbox(a) & ~signBit32) | (~unbox(b) & signBit32))
        case .fsgnjxS: f[rd] = box(unbox(a) ^ (unbox(b) & signBit32))
        case .fsgnjD: f[rd] = (a & ~signBit64) | (b & signBit64)
        case .fsgnjnD: f[rd] = (a & ~signBit64) | (~b & signBit64)
        case .fsgnjxD: f[rd] = a ^ (b & signBit64)
        case .fmvXW: x[rd] = IntegerArithmetic.signExtend32(a); writesFloat = false
        case .fmvWX: f[rd] = box(UInt32(truncatingIfNeeded: integerSource))
        case .fmvXD: x[rd] = a; writesFloat = false
        case .fmvDX: f[rd] = integerSource
        case .fclassS: x[rd] = FP32.classify(unbox(a)); writesFloat = false
        case .fclassD: x[rd] = FP64.classify(a); writesFloat = false

        // Comparisons and min/max: flags but no rounding.
        case .fminS: f[rd] = box(FP32.min(unbox(a), unbox(b), &flags))
        case .fmaxS: f[rd] = box(FP32.max(unbox(a), unbox(b), &flags))
        case .fminD: f[rd] = FP64.min(a, b, &flags)
        case .fmaxD: f[rd] = FP64.max(a, b, &flags)
        case .feqS: x[rd] = bool(FP32.equal(unbox(a), unbox(b), &flags)); writesFloat = false
        case .fltS: x[rd] = bool(FP32.less(unbox(a), unbox(b), &flags)); writesFloat = false
        case .fleS: x[rd] = bool(FP32.lessOrEqual(unbox(a), unbox(b), &flags)); writesFloat = false
        case .feqD: x[rd] = bool(FP64.equal(a, b, &flags)); writesFloat = false
        case .fltD: x[rd] = bool(FP64.less(a, b, &flags)); writesFloat = false
        case .fleD: x[rd] = bool(FP64.lessOrEqual(a, b, &flags)); writesFloat = false

        default:
            guard let rm = roundingMode(d, control) else { return false }
            writesFloat = executeRounded(d, rm: rm, a: a, b: b, c: c, integerSource: integerSource, x: x, f: f, flags: &flags)
        }

        if flags != flagsBefore { control.pointee.fflags = flags }
        if writesFloat || flags != flagsBefore { markDirty(control) }
        return true
    }

    /// Instructions that round. Returns whether the destination is a floating-point register.
    @inline(__always)
    private static func executeRounded(
        _ d: DecodedInstruction, rm: FPRoundingMode, a: UInt64, b: UInt64, c: UInt64, integerSource: UInt64,
        x: UnsafeMutablePointer<UInt64>, f: UnsafeMutablePointer<UInt64>, flags: inout UInt8
    ) -> Bool {
        let rd = Int(d.rd)
        let sa = unbox(a), sb = unbox(b), sc = unbox(c)
        switch d.op {
        case .faddS: f[rd] = box(FP32.add(sa, sb, rm, &flags))
        case .fsubS: f[rd] = box(FP32.sub(sa, sb, rm, &flags))
        case .fmulS: f[rd] = box(FP32.mul(sa, sb, rm, &flags))
        case .fdivS: f[rd] = box(FP32.div(sa, sb, rm, &flags))
        case .fsqrtS: f[rd] = box(FP32.sqrt(sa, rm, &flags))
        // fmsub = a*b - c, fnmsub = -(a*b) + c, fnmadd = -(a*b) - c: negate the inputs, round once.
        case .fmaddS: f[rd] = box(FP32.fusedMultiplyAdd(sa, sb, sc, rm, &flags))
        case .fmsubS: f[rd] = box(FP32.fusedMultiplyAdd(sa, sb, sc ^ signBit32, rm, &flags))
        case .fnmsubS: f[rd] = box(FP32.fusedMultiplyAdd(sa ^ signBit32, sb, sc, rm, &flags))
        case .fnmaddS: f[rd] = box(FP32.fusedMultiplyAdd(sa ^ signBit32, sb, sc ^ signBit32, rm, &flags))
        case .faddD: f[rd] = FP64.add(a, b, rm, &flags)
        case .fsubD: f[rd] = FP64.sub(a, b, rm, &flags)
        case .fmulD: f[rd] = FP64.mul(a, b, rm, &flags)
        case .fdivD: f[rd] = FP64.div(a, b, rm, &flags)
        case .fsqrtD: f[rd] = FP64.sqrt(a, rm, &flags)
        case .fmaddD: f[rd] = FP64.fusedMultiplyAdd(a, b, c, rm, &flags)
        case .fmsubD: f[rd] = FP64.fusedMultiplyAdd(a, b, c ^ signBit64, rm, &flags)
        case .fnmsubD: f[rd] = FP64.fusedMultiplyAdd(a ^ signBit64, b, c, rm, &flags)
        case .fnmaddD: f[rd] = FP64.fusedMultiplyAdd(a ^ signBit64, b, c ^ signBit64, rm, &flags)
        case .fcvtSD: f[rd] = box(FP64.toFP32(a, rm, &flags))
        case .fcvtDS: f[rd] = FP32.toFP64(sa, &flags)
        case .fcvtSW: f[rd] = box(FP32.fromInt32(Int32(truncatingIfNeeded: integerSource), rm, &flags))
        case .fcvtSWU: f[rd] = box(FP32.fromUInt32(UInt32(truncatingIfNeeded: integerSource), rm, &flags))
        case .fcvtSL: f[rd] = box(FP32.fromInt64(Int64(bitPattern: integerSource), rm, &flags))
        case .fcvtSLU: f[rd] = box(FP32.fromUInt64(integerSource, rm, &flags))
        case .fcvtDW: f[rd] = FP64.fromInt32(Int32(truncatingIfNeeded: integerSource), rm, &flags)
        case .fcvtDWU: f[rd] = FP64.fromUInt32(UInt32(truncatingIfNeeded: integerSource), rm, &flags)
        case .fcvtDL: f[rd] = FP64.fromInt64(Int64(bitPattern: integerSource), rm, &flags)
        case .fcvtDLU: f[rd] = FP64.fromUInt64(integerSource, rm, &flags)
        // Integer results; 32-bit results are sign-extended, the unsigned ones too (RV64 rule).
        case .fcvtWS: x[rd] = UInt64(bitPattern: Int64(FP32.toInt32(sa, rm, &flags))); return false
        case .fcvtWUS: x[rd] = IntegerArithmetic.signExtend32(UInt64(FP32.toUInt32(sa, rm, &flags))); return false
        case .fcvtLS: x[rd] = UInt64(bitPattern: FP32.toInt64(sa, rm, &flags)); return false
        case .fcvtLUS: x[rd] = FP32.toUInt64(sa, rm, &flags); return false
        case .fcvtWD: x[rd] = UInt64(bitPattern: Int64(FP64.toInt32(a, rm, &flags))); return false
        case .fcvtWUD: x[rd] = IntegerArithmetic.signExtend32(UInt64(FP64.toUInt32(a, rm, &flags))); return false
        case .fcvtLD: x[rd] = UInt64(bitPattern: FP64.toInt64(a, rm, &flags)); return false
        case .fcvtLUD: x[rd] = FP64.toUInt64(a, rm, &flags); return false
        default: break
        }
        return true
    }
}
