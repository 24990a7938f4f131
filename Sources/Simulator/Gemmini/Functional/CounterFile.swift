/// Gemmini's performance counters (counter op, funct 126; gemmini-reference.md 1.3).
///
/// Eight counters, each configured with an event id (or an "external" value id). The
/// functional model can only count what it knows without timing: the DMA bytes (external
/// ids 4 and 5); with the cycle model, the unit activity events count too.
struct CounterFile {
    static let count = 8
    static let externalReadBytes = 4
    static let externalWrittenBytes = 5
    /// The controllers' busy cycles (MAIN_*_CYCLES and *_ACTIVE_CYCLE count the same time here).
    static let mainLoadCycles = 1
    static let mainStoreCycles = 2
    static let mainExecuteCycles = 3
    static let loadActiveCycles = 9
    static let storeActiveCycles = 12
    static let executeActiveCycles = 24
    static let reservationStationFullCycles = 41
    static let loopMatmulActiveCycles = 43

    var events = [Int](repeating: 0, count: CounterFile.count)
    var external = [Bool](repeating: false, count: CounterFile.count)
    /// The event totals when each counter was last reset.
    var bases = [UInt64](repeating: 0, count: CounterFile.count)
    var snapshot: [UInt64]?
}

extension GemminiCore {
    /// Counter op: rs1 bit0 resets all counters, bit1 leaves snapshot mode, bit2 takes a
    /// snapshot, bit3 reconfigures counter [6:4] to event [17:12] (external when bit31);
    /// returns counter [6:4].
    func counterOperation(_ rs1: UInt64) -> UInt64 {
        let index = rs1.field(4, 3)
        if rs1 & 1 != 0 {
            for counter in 0..<CounterFile.count { counters.bases[counter] = eventTotal(counter) }
            counters.snapshot = nil
        }
        if rs1 & 2 != 0 { counters.snapshot = nil }
        if rs1 & 4 != 0 {
            counters.snapshot = (0..<CounterFile.count).map { eventTotal($0) &- counters.bases[$0] }
        }
        if rs1 & 8 != 0 {
            counters.events[index] = rs1.field(12, 6)
            counters.external[index] = rs1 & (1 << 31) != 0
            counters.bases[index] = eventTotal(index)
        }
        if let snapshot = counters.snapshot { return snapshot[index] }
        return eventTotal(index) &- counters.bases[index]
    }

    private func eventTotal(_ counter: Int) -> UInt64 {
        let event = counters.events[counter]
        guard counters.external[counter] else {
            // Activity counts as scheduled so far (the cycle model runs ahead of the core).
            guard let statistics = timing?.statistics else { return 0 }
            switch event {
            case CounterFile.loadActiveCycles, CounterFile.mainLoadCycles: return statistics.load.cycles
            case CounterFile.storeActiveCycles, CounterFile.mainStoreCycles: return statistics.store.cycles
            case CounterFile.executeActiveCycles, CounterFile.mainExecuteCycles: return statistics.execute.cycles
            case CounterFile.reservationStationFullCycles: return statistics.reservationStationFullCycles
            case CounterFile.loopMatmulActiveCycles: return statistics.loop.cycles
            default: return 0
            }
        }
        switch event {
        case CounterFile.externalReadBytes: return dmaBytesRead
        case CounterFile.externalWrittenBytes: return dmaBytesWritten
        default: return 0
        }
    }
}
