/// Tags of a set-associative cache with LRU replacement (no data: the functional model holds
/// the values). Storage is one flat buffer, so lookups touch no class properties.
struct CacheModel {
    let sets: Int
    let ways: Int
    let lineShift: Int
    /// Per (set, way): the line address + 1 (0 = empty), and the last use for LRU.
    private let tags: UnsafeMutablePointer<UInt64>
    private let lastUse: UnsafeMutablePointer<UInt64>
    private let dirty: UnsafeMutablePointer<Bool>
    private var clock: UInt64 = 0

    init(_ parameters: CacheParameters) {
        sets = max(1, parameters.sets)
        ways = max(1, parameters.ways)
        lineShift = parameters.lineBytes.trailingZeroBitCount
        tags = .allocate(capacity: sets * ways)
        tags.initialize(repeating: 0, count: sets * ways)
        lastUse = .allocate(capacity: sets * ways)
        lastUse.initialize(repeating: 0, count: sets * ways)
        dirty = .allocate(capacity: sets * ways)
        dirty.initialize(repeating: false, count: sets * ways)
    }

    func release() {
        tags.deallocate()
        lastUse.deallocate()
        dirty.deallocate()
    }

    /// The result of an access.
    struct Access {
        var hit: Bool
        /// A dirty line this access evicted (its address), which must be written back.
        var writeBack: UInt64?
    }

    /// Looks up the line holding `address`, allocating it on a miss (write-allocate).
    mutating func access(_ address: UInt64, isWrite: Bool) -> Access {
        let line = address >> UInt64(lineShift)
        let set = Int(truncatingIfNeeded: line % UInt64(sets))
        let base = set * ways
        clock &+= 1
        var victim = base
        for way in base..<(base + ways) {
            if tags[way] == line &+ 1 {
                lastUse[way] = clock
                if isWrite { dirty[way] = true }
                return Access(hit: true, writeBack: nil)
            }
            if lastUse[way] < lastUse[victim] { victim = way }
        }
        let evicted: UInt64? = tags[victim] != 0 && dirty[victim] ? (tags[victim] &- 1) << UInt64(lineShift) : nil
        tags[victim] = line &+ 1
        lastUse[victim] = clock
        dirty[victim] = isWrite
        return Access(hit: false, writeBack: evicted)
    }
}
