/// The tags of a cache (the core's L1s, the shared L2): LRU, write-back, write-allocate,
/// exactly as `CacheModel`, laid out so that the common access is settled inline by one
/// load and one compare, and a miss moves the set's ways once instead of searching them for
/// the least recently used.
///
/// For a power-of-two number of sets whose ways fit in a line's worth of bytes (Rocket's
/// 64 sets x 4 ways of 64-byte lines, the L2's 1024 sets x 8 ways), set s lives at byte
/// offset s * lineBytes of one buffer: an address's set is at `address & setBits`, with no
/// shift. Its ways are kept in most-recently-used order, so an access to way 0 changes
/// nothing (but a store to a clean line, which marks it dirty): that is the inline check.
/// Each way holds the address of its line (offset bits zero) plus 1 when dirty. An empty way
/// holds the address of a line of the next set, which no address of this set can match.
/// Other geometries use a `CacheModel` and settle nothing inline.
struct CacheTags {
    /// The sets, `stride` bytes apart.
    private let sets: UnsafeMutableRawPointer
    private let setCount: Int
    private let ways: Int
    /// (setCount - 1) * lineBytes: the bits of an address that select its set, in place.
    private let setBits: UInt64
    /// lineBytes - 1 (the offset bits); with the next two, such that no address matches
    /// when the inline check is not usable.
    private let offsetBits: UInt64
    private let lineBytes: UInt64
    private let stride: Int
    /// For other geometries: every access goes here.
    private var fallback: CacheModel?
    private let parameters: CacheParameters

    init(_ parameters: CacheParameters) {
        self.parameters = parameters
        // The geometry as the cache model derives it from the parameters.
        let lineShift = parameters.lineBytes.trailingZeroBitCount
        let lineBytes = lineShift < 32 ? 1 << lineShift : 0
        setCount = max(1, parameters.sets)
        ways = max(1, parameters.ways)
        if setCount >= 2 && setCount & (setCount - 1) == 0 && lineBytes >= 8 * ways {
            stride = lineBytes
            self.lineBytes = UInt64(lineBytes)
            offsetBits = UInt64(lineBytes - 1)
            setBits = UInt64((setCount - 1) * lineBytes)
            sets = .allocate(byteCount: setCount * stride, alignment: 8)
        } else {
            fallback = CacheModel(parameters)
            stride = 16
            // `entry ^ address < 0` and `0 ^ (address | 1) == 0` never hold.
            self.lineBytes = 0
            offsetBits = 1
            setBits = 0
            sets = .allocate(byteCount: stride, alignment: 8)
            sets.initializeMemory(as: UInt64.self, repeating: 0, count: 2)
        }
        clear()
    }

    func release() {
        sets.deallocate()
        fallback?.release()
    }

    /// Empties the cache.
    mutating func clear() {
        if let fallback {
            fallback.release()
            self.fallback = CacheModel(parameters)
            return
        }
        // The whole stride, so that `promoteSecond` may read past the last way.
        for set in 0..<setCount {
            let empty = UInt64(((set + 1) & (setCount - 1)) * stride)
            (sets + set * stride).initializeMemory(as: UInt64.self, repeating: empty, count: stride / 8)
        }
    }

    /// The line holding `address` is the most recent of its set: reading it changes nothing.
    @inline(__always) func isMostRecent(_ address: UInt64) -> Bool {
        sets.load(fromByteOffset: Int(truncatingIfNeeded: address & setBits), as: UInt64.self) ^ address < lineBytes
    }

    /// The line holding `address` is the most recent of its set and dirty: writing it changes
    /// nothing. (Equal line addresses, and the entry's low bit set where the address has all
    /// offset bits set.)
    @inline(__always) func isMostRecentDirty(_ address: UInt64) -> Bool {
        let entry = sets.load(fromByteOffset: Int(truncatingIfNeeded: address & setBits), as: UInt64.self)
        return entry ^ (address | offsetBits) == offsetBits ^ 1
    }

    /// The line holding `address` is the second most recent of its set: it becomes the most
    /// recent (dirty if written) and true is returned. Inline after `isMostRecent`: a loop
    /// over two lines that share a set (two arrays, or an array and the stack) hits here.
    @inline(__always) mutating func promoteSecond(_ address: UInt64, isWrite: Bool) -> Bool {
        let set = (sets + Int(truncatingIfNeeded: address & setBits)).assumingMemoryBound(to: UInt64.self)
        let second = set[1]
        if second ^ address >= lineBytes { return false }
        set[1] = set[0]
        set[0] = second | (isWrite ? 1 : 0)
        return true
    }

    /// Looks up the line holding `address`, allocating it on a miss (write-allocate). Returns
    /// whether it hit, and the address of a dirty line it evicted, which must be written back.
    @inline(__always)
    mutating func access(_ address: UInt64, isWrite: Bool) -> (hit: Bool, writeBack: UInt64?) {
        if _slowPath(fallback != nil) { return accessFallback(address, isWrite: isWrite) }
        let set = (sets + Int(truncatingIfNeeded: address & setBits)).assumingMemoryBound(to: UInt64.self)
        let dirty: UInt64 = isWrite ? 1 : 0
        // One pass: each way takes the entry before it until the line is found, which then
        // goes to the front (the order of the others is kept).
        var carried = set[0]
        if carried ^ address < lineBytes {
            set[0] = carried | dirty
            return (true, nil)
        }
        if ways == 8 { return accessEightWays(address, set: set, dirty: dirty) }
        var way = 1
        while way < ways {
            let entry = set[way]
            set[way] = carried
            if entry ^ address < lineBytes {
                set[0] = entry | dirty
                return (true, nil)
            }
            carried = entry
            way &+= 1
        }
        // A miss: the least recently used way (an empty one if any: they are last) fell out.
        set[0] = (address & ~offsetBits) | dirty
        // Empty ways are clean.
        return (false, carried & 1 != 0 ? carried & ~1 : nil)
    }

    /// `access` past way 0 for eight ways (the L2), where a miss is the common case (data
    /// streaming through): the ways are compared without moving them, and a miss moves the
    /// first seven back in two vector moves rather than one way at a time.
    @inline(__always)
    private func accessEightWays(_ address: UInt64, set: UnsafeMutablePointer<UInt64>, dirty: UInt64)
        -> (hit: Bool, writeBack: UInt64?) {
        var way = 1
        while way < 8 && set[way] ^ address >= lineBytes { way &+= 1 }
        if way < 8 {
            let entry = set[way]
            while way > 0 {
                set[way] = set[way &- 1]
                way &-= 1
            }
            set[0] = entry | dirty
            return (true, nil)
        }
        let victim = set[7]
        let raw = UnsafeMutableRawPointer(set)
        let first = raw.loadUnaligned(as: SIMD4<UInt64>.self)
        let last = raw.loadUnaligned(fromByteOffset: 24, as: SIMD4<UInt64>.self)
        raw.storeBytes(of: last, toByteOffset: 32, as: SIMD4<UInt64>.self)
        raw.storeBytes(of: first, toByteOffset: 8, as: SIMD4<UInt64>.self)
        set[0] = (address & ~offsetBits) | dirty
        // Empty ways are clean.
        return (false, victim & 1 != 0 ? victim & ~1 : nil)
    }

    @inline(never)
    private mutating func accessFallback(_ address: UInt64, isWrite: Bool) -> (hit: Bool, writeBack: UInt64?) {
        let lookup = fallback!.access(address, isWrite: isWrite)
        return (lookup.hit, lookup.writeBack)
    }
}
