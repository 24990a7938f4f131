/// Tags of a set-associative cache with LRU replacement (no data: the functional model holds
/// the values). Storage is one flat buffer, so lookups touch no class properties.
struct CacheModel {
    let sets: Int
    let ways: Int
    let lineShift: Int
    /// `lineShift` as a shift amount (no conversion per access).
    private let lineShiftBits: UInt64
    /// Per (set, way): the line address + 1 (0 = empty), and the last use for LRU.
    private let tags: UnsafeMutablePointer<UInt64>
    private let lastUse: UnsafeMutablePointer<UInt64>
    private let dirty: UnsafeMutablePointer<Bool>
    private var clock: UInt64 = 0
    /// The set index is `line & setMask` when the set count is a power of two (else a modulo).
    private let setMask: UInt64?
    /// Where a line was last seen, indexed by its low bits: a hint that finds a hit without
    /// searching the set's ways. It may be stale (the tag check decides), so a lookup that
    /// misses the hint searches the set as before, and the results never depend on it.
    private let slotHints: UnsafeMutablePointer<Int32>
    private let hintMask: UInt64

    init(_ parameters: CacheParameters) {
        sets = max(1, parameters.sets)
        ways = max(1, parameters.ways)
        lineShift = parameters.lineBytes.trailingZeroBitCount
        lineShiftBits = UInt64(lineShift)
        tags = .allocate(capacity: sets * ways)
        tags.initialize(repeating: 0, count: sets * ways)
        lastUse = .allocate(capacity: sets * ways)
        lastUse.initialize(repeating: 0, count: sets * ways)
        dirty = .allocate(capacity: sets * ways)
        dirty.initialize(repeating: false, count: sets * ways)
        setMask = sets & (sets - 1) == 0 ? UInt64(sets - 1) : nil
        // Four hints per line the cache holds keep hints of lines in the cache from evicting
        // one another most of the time.
        let hints = 1 << (Int.bitWidth - (4 * sets * ways - 1).leadingZeroBitCount)
        hintMask = UInt64(hints - 1)
        slotHints = .allocate(capacity: hints)
        slotHints.initialize(repeating: 0, count: hints)
    }

    func release() {
        tags.deallocate()
        lastUse.deallocate()
        dirty.deallocate()
        slotHints.deallocate()
    }

    /// The result of an access.
    struct Access {
        var hit: Bool
        /// A dirty line this access evicted (its address), which must be written back.
        var writeBack: UInt64?
    }

    /// Looks up the line holding `address`, allocating it on a miss (write-allocate).
    @inline(__always)
    mutating func access(_ address: UInt64, isWrite: Bool) -> Access {
        let line = address &>> lineShiftBits
        let hint = Int(truncatingIfNeeded: line & hintMask)
        let hinted = Int(truncatingIfNeeded: slotHints[hint])
        clock &+= 1
        if tags[hinted] == line &+ 1 {
            lastUse[hinted] = clock
            if isWrite { dirty[hinted] = true }
            return Access(hit: true, writeBack: nil)
        }
        return search(line, hint: hint, isWrite: isWrite)
    }

    /// The set's ways, for a line the hint did not find (the clock has already ticked).
    private mutating func search(_ line: UInt64, hint: Int, isWrite: Bool) -> Access {
        let set = Int(truncatingIfNeeded: setMask.map { line & $0 } ?? line % UInt64(sets))
        let base = set * ways
        var victim = base
        for way in base..<(base + ways) {
            if tags[way] == line &+ 1 {
                lastUse[way] = clock
                if isWrite { dirty[way] = true }
                slotHints[hint] = Int32(truncatingIfNeeded: way)
                return Access(hit: true, writeBack: nil)
            }
            if lastUse[way] < lastUse[victim] { victim = way }
        }
        let evicted: UInt64? = tags[victim] != 0 && dirty[victim] ? (tags[victim] &- 1) &<< lineShiftBits : nil
        tags[victim] = line &+ 1
        lastUse[victim] = clock
        dirty[victim] = isWrite
        slotHints[hint] = Int32(truncatingIfNeeded: victim)
        return Access(hit: false, writeBack: evicted)
    }
}
