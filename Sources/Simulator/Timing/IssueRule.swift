/// The scoreboard: one "ready at" cycle per register and per non-pipelined unit, in one flat
/// buffer. An operand's slot is its register field plus a base chosen per operation, so an
/// integer register, a float register, a busy unit or "no operand" is the same load.
enum Scoreboard {
    /// x0...x31 at 0...31 (x0 is never written, so it is always ready), the x0 sink at 32.
    static let integerBase: UInt8 = 0
    /// f0...f31.
    static let floatBase: UInt8 = 64
    /// 32 slots that stay 0: a field that names no register (the decoder leaves immediate bits
    /// in rs2/rs3 of formats without them, values 0...31) reads one of them.
    static let alwaysReady: UInt8 = 128
    /// When the iterative multiplier/divider is free (Rocket's MulDiv does both).
    static let mulDivUnit: UInt8 = 160
    /// When the floating-point divide/square-root unit is free.
    static let divSqrtUnit: UInt8 = 161
    /// 33 slots written by results nobody reads (instructions without a destination).
    static let discard: UInt8 = 192
    static let count = 256
}

/// Everything `RocketPipeline.dispatch` needs about an operation, resolved against the core's
/// parameters; one table entry per instruction. The slot bases are 32-bit so that
/// `field + base` is one add that needs no widening afterwards (x86 zero-extends 32-bit
/// results), one host instruction per operand less than with byte fields.
struct IssueRule {
    /// Added to rs1, rs2, rs3 and rd to find their scoreboard slots.
    var source1: UInt32
    var source2: UInt32
    var source3: UInt32
    var destination: UInt32
    /// Cycles from issue until the destination is ready (and the unit free).
    var latency: UInt32
    /// For multiply/divide and the FP divide/square root (`kind` is `unit`): the slot of
    /// their unit's "free at" cycle; else `discard`.
    var unit: UInt8
    var kind: Kind
    /// Pads the entry to 32 bytes, so that indexing is a shift.
    private var padding: UInt64 = 0

    /// Operations that need work besides the scoreboard, all rarer than the rest.
    enum Kind: UInt8 {
        case plain
        /// An undecoded slot dispatches again once decoded: it must cost nothing.
        case undecoded
        /// Waits for its non-pipelined unit to be free, then keeps it busy.
        case unit
        /// `jal`: a call when rd is x1 or x5 (pushes the return-address stack).
        case jump
        /// `jalr`: the return address is noted for `indirectJump`, which has no length.
        case indirectJump
        /// `fence.i`: the instruction cache is emptied.
        case fenceInstruction
        /// A RoCC command issues `roccCommandCycles` later than another instruction would.
        case roccCommand
    }

    /// The base for a source field of `file`.
    private static func source(_ file: OperandFile) -> UInt32 {
        switch file {
        case .none: UInt32(Scoreboard.alwaysReady)
        case .integer: UInt32(Scoreboard.integerBase)
        case .float: UInt32(Scoreboard.floatBase)
        }
    }

    /// The base for a destination field of `file` (the decoder sends integer x0 to the sink, 32).
    private static func destination(_ file: OperandFile) -> UInt32 {
        switch file {
        case .none: UInt32(Scoreboard.discard)
        case .integer: UInt32(Scoreboard.integerBase)
        case .float: UInt32(Scoreboard.floatBase)
        }
    }

    /// The rule for the operation with raw value `raw`, classified by `OperationTiming.table`.
    init(raw: UInt8, parameters p: CoreParameters) {
        let operation = OperationTiming.table[Int(raw)]
        source1 = Self.source(operation.source1)
        source2 = Self.source(operation.source2)
        source3 = Self.source(operation.source3)
        destination = Self.destination(operation.destination)
        unit = Scoreboard.discard
        kind = .plain
        var latency = 1
        switch operation.timingClass {
        case .free:
            kind = .undecoded
            latency = 0
        case .integer, .branch, .store:
            break
        case .jump:
            kind = .jump
        case .indirectJump:
            kind = .indirectJump
        case .fenceInstruction:
            kind = .fenceInstruction
        case .roccCommand:
            kind = .roccCommand
        case .load, .atomic:
            latency = p.dataCache.hitLatency
        case .multiply, .divide:
            kind = .unit
            unit = Scoreboard.mulDivUnit
            latency = operation.timingClass == .multiply ? p.multiplyLatency : p.divideLatency
        case .floatDivide, .floatSqrt:
            kind = .unit
            unit = Scoreboard.divSqrtUnit
            latency = operation.timingClass == .floatDivide ? p.floatDivideLatency : p.floatSqrtLatency
        case .floatAdd:
            latency = p.floatAddLatency
        case .floatMultiply:
            latency = p.floatMultiplyLatency
        case .floatFused:
            latency = p.floatFusedLatency
        case .floatMisc:
            latency = p.floatMiscLatency
        }
        self.latency = UInt32(clamping: max(0, latency))
    }
}
