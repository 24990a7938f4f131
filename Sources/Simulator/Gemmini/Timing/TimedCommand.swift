/// What the cycle model needs to know about one command (built from the decoded command by
/// the functional model, which has already carried it out).
struct TimedCommand {
    enum Kind {
        case configExecute
        case configLoad
        case configStore
        /// mvin/mvin2/mvin3.
        case load(LoadShape)
        case store(StoreShape)
        /// `weightBank`: the scratchpad bank the new weights come from (see `ScratchpadBank`).
        case preload(newWeights: Bool, weightBank: Int)
        case compute(ComputeShape)
        /// flush, counter op, clock gating: consumed in the front end, never in the station.
        case frontEndOnly
        /// A loop's configuration words, or the loop command itself (its unrolled commands follow).
        case loopControl
    }

    /// The reservation-station pool a command occupies.
    enum Pool: Int {
        case load = 0, execute, store
    }

    var kind: Kind
    /// Op A (destination of mvin/preload, source otherwise) and op B (reference 5.2).
    var rangeA: LocalRange = .none
    var rangeB: LocalRange = .none
    /// For commands a loop unroller emitted: which of its sub-FSMs, and the loop indices.
    var loopTag = LoopTag.none

    var pool: Pool? {
        switch kind {
        case .configExecute, .preload, .compute: .execute
        case .configLoad, .load: .load
        case .configStore, .store: .store
        case .frontEndOnly, .loopControl: nil
        }
    }
}

/// An mvin as the DMA reader sees it.
struct LoadShape {
    /// DRAM address of row 0 (0: zero fill, no memory traffic).
    var address: UInt64
    var stride: UInt64
    var rows: Int
    /// Bytes of one row in DRAM.
    var rowBytes: Int
    /// DIM-wide blocks per row (rows written to the SRAM per DRAM row).
    var blocks: Int
    /// The int8 scaling unit is engaged (scale is not 1).
    var scaled: Bool
}

/// An mvout as the store path sees it.
struct StoreShape {
    var address: UInt64
    var stride: UInt64
    /// SRAM row reads (rows x blocks, or the pooling window reads).
    var reads: Int
    /// DRAM rows written and bytes per row.
    var rows: Int
    var rowBytes: Int
    var fromAccumulator: Bool
}

/// A compute as the array sees it.
struct ComputeShape {
    /// Rows fed when no new weights are shifted in (A rows, D rows, at least the minimum).
    var reuseRows: Int
    /// Two operands in the same scratchpad bank (or both in the accumulator).
    var bankConflict: Bool
    /// The bank A is read from (see `ScratchpadBank`): the next preload's weights conflict
    /// with it when they shift in during this compute.
    var aBank: Int
    /// Useful multiply-accumulates.
    var macs: UInt64
    /// The preload before it, if any: its output rows (nil: garbage, no output).
    var hasOutput: Bool
    var hasPreload: Bool
}

/// Bank identifiers for operand-conflict checks: a scratchpad bank index, or one of these.
enum ScratchpadBank {
    static let none = -1
    static let accumulator = -2

    static func conflict(_ first: Int, _ second: Int) -> Bool { first == second && first != none }
}

/// Where a command came from in a loop unroller (gemmini-reference.md 5.6).
enum LoopTag: Equatable {
    case none
    case loadA(k: Int, i: Int)
    case loadB(k: Int, j: Int)
    case loadD
    case execute(k: Int, j: Int, i: Int)
    case storeC(i: Int, j: Int)
    /// loop_conv_ws phases, in their issue order.
    case convolution(phase: Int)
}
