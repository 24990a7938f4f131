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

/// Everything `RocketTiming.dispatch` needs about an operation, resolved against the core's
/// parameters: a constant for an operation known at compile time, else one table entry. The slot bases are 32-bit so that
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
    /// The latency is one cycle: the result is ready for any later instruction, which issues
    /// at least a cycle later, so its slot is cleared rather than set to issue + 1 (a store
    /// of a constant, which need not wait for the issue cycle).
    var readyNextCycle: Bool
    /// Pads the entry to 32 bytes, so that indexing is a shift.
    private var padding: UInt64 = 0

    /// Operations that need work besides the scoreboard, all rarer than the rest.
    enum Kind: UInt8 {
        case plain
        /// An undecoded slot (the interpreter dispatches only the decoded instruction; this
        /// would cost nothing).
        case undecoded
        /// Waits for its non-pipelined unit to be free, then keeps it busy.
        case unit
        /// `jal`: a call when rd is x1 or x5 (pushes the return-address stack).
        case jump
        /// `jalr`: predicted when it resolves (`indirectJump`).
        case indirectJump
        /// `fence.i`: the instruction cache is emptied.
        case fenceInstruction
        /// A RoCC command issues `roccCommandCycles` later than another instruction would.
        case roccCommand
    }

    /// The base for a source field of `file`.
    @inline(__always)
    private static func source(_ file: OperandFile) -> UInt32 {
        switch file {
        case .none: UInt32(Scoreboard.alwaysReady)
        case .integer: UInt32(Scoreboard.integerBase)
        case .float: UInt32(Scoreboard.floatBase)
        }
    }

    /// The base for a destination field of `file` (the decoder sends integer x0 to the sink, 32).
    @inline(__always)
    private static func destination(_ file: OperandFile) -> UInt32 {
        switch file {
        case .none: UInt32(Scoreboard.discard)
        case .integer: UInt32(Scoreboard.integerBase)
        case .float: UInt32(Scoreboard.floatBase)
        }
    }

    /// The rule for the operation with raw value `raw`, classified by `OperationTiming.table`.
    init(raw: UInt8, parameters p: CoreParameters) {
        self.init(OperationTiming.table[Int(raw)], latencies: IssueLatencies(p))
    }

    /// The rule for an operation the model sees as `operation`. Inlined, so that for an
    /// operation known at compile time (`RocketPipeline.dispatch(_:pc:as:)`) everything but
    /// a latency taken from the parameters is a constant.
    @inline(__always)
    init(_ operation: OperationTiming, latencies: IssueLatencies) {
        source1 = Self.source(operation.source1)
        source2 = Self.source(operation.source2)
        source3 = Self.source(operation.source3)
        destination = Self.destination(operation.destination)
        unit = Scoreboard.discard
        kind = .plain
        readyNextCycle = false
        switch operation.timingClass {
        case .free:
            kind = .undecoded
            latency = 0
        case .integer, .branch, .store:
            latency = 1
            readyNextCycle = true
        case .jump:
            kind = .jump
            latency = 1
            readyNextCycle = true
        case .indirectJump:
            kind = .indirectJump
            latency = 1
            readyNextCycle = true
        case .fenceInstruction:
            kind = .fenceInstruction
            latency = 1
            readyNextCycle = true
        case .roccCommand:
            kind = .roccCommand
            latency = 1
            readyNextCycle = true
        case .load, .atomic:
            latency = latencies.load
        case .multiply:
            kind = .unit
            unit = Scoreboard.mulDivUnit
            latency = latencies.multiply
        case .divide:
            kind = .unit
            unit = Scoreboard.mulDivUnit
            latency = latencies.divide
        case .floatDivide:
            kind = .unit
            unit = Scoreboard.divSqrtUnit
            latency = latencies.floatDivide
        case .floatSqrt:
            kind = .unit
            unit = Scoreboard.divSqrtUnit
            latency = latencies.floatSqrt
        case .floatAdd:
            latency = latencies.floatAdd
        case .floatMultiply:
            latency = latencies.floatMultiply
        case .floatFused:
            latency = latencies.floatFused
        case .floatMisc:
            latency = latencies.floatMisc
        }
    }
}

/// The core's latencies that depend on its parameters, by timing class (negative ones count
/// as 0). Every other class takes one cycle, or none (`free`).
struct IssueLatencies {
    var load: UInt32
    var multiply: UInt32
    var divide: UInt32
    var floatAdd: UInt32
    var floatMultiply: UInt32
    var floatFused: UInt32
    var floatMisc: UInt32
    var floatDivide: UInt32
    var floatSqrt: UInt32

    init(_ p: CoreParameters) {
        func cycles(_ value: Int) -> UInt32 { UInt32(clamping: max(0, value)) }
        load = cycles(p.dataCache.hitLatency)
        multiply = cycles(p.multiplyLatency)
        divide = cycles(p.divideLatency)
        floatAdd = cycles(p.floatAddLatency)
        floatMultiply = cycles(p.floatMultiplyLatency)
        floatFused = cycles(p.floatFusedLatency)
        floatMisc = cycles(p.floatMiscLatency)
        floatDivide = cycles(p.floatDivideLatency)
        floatSqrt = cycles(p.floatSqrtLatency)
    }
}
