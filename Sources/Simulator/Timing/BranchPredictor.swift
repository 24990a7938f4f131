/// The host core's predictors for conditional branches: a table of 2-bit counters.
///
/// Simplifications against Rocket (which looks its BHT up only on a BTB hit, hashes a short
/// global history into the index, and keeps targets in a 28-entry BTB): the counters are
/// indexed by the PC alone, every branch has a counter (no BTB capacity misses), and a
/// correctly predicted taken branch costs nothing.
struct BranchHistoryTable {
    /// One block, so that one pointer reaches both: the 8 transitions (64 bytes), then the
    /// counters, one byte each.
    ///
    /// Transitions are indexed by counter * 2 + outcome (taken = 1): the next counter doubled
    /// in the low byte (stored back as is), bit 8 set on a misprediction, and the
    /// misprediction penalty from bit 16 up, so that resolving a branch is one table load and
    /// no multiply. Counters are kept doubled (0, 2, 4, 6), so that counter * 2 + outcome is
    /// an or.
    private let table: UnsafeMutableRawPointer
    private let mask: UInt64
    private static let countersOffset = 8 * MemoryLayout<UInt64>.stride

    init(entries: Int, mispredictPenalty: Int) {
        // A power of two, so that the index is a mask.
        let count = 1 << (Int.bitWidth - 1 - max(1, entries).leadingZeroBitCount)
        mask = UInt64(count - 1)
        table = .allocate(byteCount: Self.countersOffset + count, alignment: MemoryLayout<UInt64>.alignment)
        // Weakly not taken: Rocket predicts a branch it has not seen (no BTB entry) not taken.
        (table + Self.countersOffset).initializeMemory(as: UInt8.self, repeating: 1 * 2, count: count)
        let transitions = table.bindMemory(to: UInt64.self, capacity: 8)
        for counter in 0..<4 {
            for taken in 0..<2 {
                // Saturating; predicted taken at 2 and 3.
                let next = taken == 1 ? min(3, counter + 1) : max(0, counter - 1)
                let missed = (counter >= 2) != (taken == 1)
                let entry = UInt64(next * 2) | (missed ? 1 << 8 | UInt64(max(0, mispredictPenalty)) << 16 : 0)
                (transitions + counter * 2 + taken).initialize(to: entry)
            }
        }
    }

    func release() {
        table.deallocate()
    }

    /// Resolves a conditional branch: an outcome for `mispredicted` and `penalty`.
    /// Branch-free, as guest branches that are hard to predict are hard for the host too.
    @inline(__always)
    func resolve(taken: Bool, pc: UInt64) -> UInt64 {
        // Indexed by the 4-byte fetch packet, as Rocket's BHT is.
        let counter = Self.countersOffset &+ Int(truncatingIfNeeded: (pc &>> 2) & mask)
        let state = table.load(fromByteOffset: counter, as: UInt8.self) | (taken ? 1 : 0)
        let transition = table.load(fromByteOffset: Int(truncatingIfNeeded: state) &* 8, as: UInt64.self)
        table.storeBytes(of: UInt8(truncatingIfNeeded: transition), toByteOffset: counter, as: UInt8.self)
        return transition
    }

    /// 1 if the branch `outcome` describes was mispredicted, else 0.
    @inline(__always)
    static func mispredicted(_ outcome: UInt64) -> UInt64 { (outcome &>> 8) & 1 }

    /// The cycles the branch `outcome` describes costs: the penalty if it was mispredicted.
    @inline(__always)
    static func penalty(_ outcome: UInt64) -> UInt64 { outcome &>> 16 }
}

/// The predictors for `jalr`: a return-address stack, and a last-target table for other
/// indirect jumps (and for returns the stack cannot predict).
struct JumpPredictor {
    private let returnStack: UnsafeMutablePointer<UInt64>
    private let returnCapacity: Int
    /// Index of the top entry, and how many entries are valid (Rocket's RAS: pushing onto a
    /// full stack overwrites the oldest entry; popping an empty one predicts nothing).
    private var returnTop = 0
    private var returnCount = 0
    /// Direct-mapped, tagged: (jalr PC, last target) pairs.
    private let targets: UnsafeMutablePointer<UInt64>
    static let targetEntries = 64

    init(returnEntries: Int) {
        returnCapacity = max(0, returnEntries)
        returnStack = .allocate(capacity: max(1, returnCapacity))
        returnStack.initialize(repeating: 0, count: max(1, returnCapacity))
        targets = .allocate(capacity: 2 * Self.targetEntries)
        // Tag 1 matches no jalr (PCs are even).
        targets.initialize(repeating: 1, count: 2 * Self.targetEntries)
    }

    func release() {
        returnStack.deallocate()
        targets.deallocate()
    }

    /// A call: the return address goes on the stack. Inlined: jal calls are frequent.
    @inline(__always)
    mutating func pushReturn(_ address: UInt64) {
        guard returnCapacity > 0 else { return }
        returnTop = returnTop &+ 1 == returnCapacity ? 0 : returnTop &+ 1
        returnStack[returnTop] = address
        returnCount = min(returnCount &+ 1, returnCapacity)
    }

    @inline(__always)
    private mutating func popReturn() -> UInt64? {
        guard returnCount > 0 else { return nil }
        let address = returnStack[returnTop]
        returnTop = returnTop == 0 ? returnCapacity - 1 : returnTop - 1
        returnCount -= 1
        return address
    }

    /// Resolves a `jalr` from `pc` to `target`; true if it was mispredicted. Link registers
    /// (x1, x5) decide its role as the RISC-V spec's hint table says: rs1 a link and rd not
    /// the same link pops (a return); rd a link pushes `returnAddress` (a call), after the pop.
    /// What the stack does not predict, the last target seen at this PC does. Inlined into
    /// the model's one out-of-line call for a jalr.
    @inline(__always)
    mutating func resolveIndirectJump(
        from pc: UInt64, to target: UInt64, linkRegister: UInt8, sourceRegister: UInt8, returnAddress: UInt64
    ) -> Bool {
        let linkIsLink = linkRegister == 1 || linkRegister == 5
        let sourceIsLink = sourceRegister == 1 || sourceRegister == 5
        var prediction: UInt64?
        if sourceIsLink && linkRegister != sourceRegister { prediction = popReturn() }
        let slot = Int(truncatingIfNeeded: (pc &>> 1) & UInt64(Self.targetEntries - 1)) &* 2
        if prediction == nil && targets[slot] == pc { prediction = targets[slot + 1] }
        targets[slot] = pc
        targets[slot + 1] = target
        if linkIsLink { pushReturn(returnAddress) }
        return prediction != target
    }
}
