/// The L2 and DRAM below the core's L1 caches, shared with the accelerator's DMA (the
/// Gemmini DMA is a TileLink client of the same system bus and L2).
///
/// Requests carry the cycle at which they are made; the core's and the accelerator's
/// requests are scheduled on separate timelines and may arrive out of time order. DRAM
/// bandwidth is one channel that stays busy `lineBytes / dramBytesPerCycle` cycles per line;
/// an early request arriving after a later one has booked the channel waits behind it, a
/// simplification documented in Documentation/TimingModel.md.
final class MemorySystem {
    let parameters: MemoryParameters
    private var l2: CacheTags
    private var channelFree: UInt64 = 0
    let lineBytes: Int
    /// The parameters the accesses use, as cycles (read once rather than per access).
    private let hitLatency: UInt64
    private let dramLatency: UInt64
    /// Cycles one line occupies the DRAM channel.
    private let transferCycles: UInt64

    /// Statistics.
    private(set) var l2Hits: UInt64 = 0
    private(set) var l2Misses: UInt64 = 0
    private(set) var dramBytes: UInt64 = 0

    init(_ parameters: MemoryParameters) {
        self.parameters = parameters
        l2 = CacheTags(parameters.l2)
        lineBytes = parameters.l2.lineBytes
        hitLatency = UInt64(parameters.l2.hitLatency)
        dramLatency = UInt64(parameters.dramLatency)
        transferCycles = UInt64(max(1, parameters.l2.lineBytes / max(1, parameters.dramBytesPerCycle)))
    }

    deinit { l2.release() }

    /// Reads or writes the line containing `address`, requested at `cycle`. Returns the cycle
    /// at which the data is available (a read) or the write is accepted.
    @inline(__always)
    func access(_ address: UInt64, at cycle: UInt64, isWrite: Bool) -> UInt64 {
        let lookup = l2.access(address, isWrite: isWrite)
        let tagChecked = cycle &+ hitLatency
        if let victim = lookup.writeBack { _ = victim; bookChannel(from: tagChecked) }
        if lookup.hit {
            l2Hits &+= 1
            return tagChecked
        }
        l2Misses &+= 1
        // A write of a whole line needs no data from DRAM; the line is filled in the L2.
        if isWrite { return tagChecked }
        let start = bookChannel(from: tagChecked)
        return start &+ dramLatency
    }

    /// Reserves the DRAM channel for one line from `cycle` on; returns when the transfer starts.
    @discardableResult
    private func bookChannel(from cycle: UInt64) -> UInt64 {
        let start = max(cycle, channelFree)
        channelFree = start &+ transferCycles
        dramBytes &+= UInt64(lineBytes)
        return start
    }
}
