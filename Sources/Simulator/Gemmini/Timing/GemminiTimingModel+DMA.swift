extension GemminiTimingModel {
    /// Splits a DRAM row into TileLink transfers the way the DMA does (reference 5.3): from
    /// the current address, the 16-, 32- or 64-byte block aligned to its size holding the most
    /// still-needed bytes (the smallest on a tie). Consecutive rows are never merged.
    @inline(__always)
    static func forEachTransfer(address: UInt64, bytes: Int, _ body: (_ address: UInt64, _ size: Int) -> Void) {
        var current = address
        let end = address &+ UInt64(bytes)
        while current < end {
            var bestSize = 16, bestBase = current & ~15
            var bestBytes = min(bestBase &+ 16, end) &- current
            for size in stride(from: 32, through: 64, by: 32) {
                let base = current & ~UInt64(size - 1)
                let covered = min(base &+ UInt64(size), end) &- current
                if covered > bestBytes { (bestSize, bestBytes, bestBase) = (size, covered, base) }
            }
            body(bestBase, bestSize)
            current = bestBase &+ UInt64(bestSize)
        }
    }

    /// The earliest-free transaction id of `ids`: its index and when it frees.
    @inline(__always)
    static func earliestFree(_ ids: [UInt64]) -> (index: Int, cycle: UInt64) {
        var best = 0
        for index in 1..<ids.count where ids[index] < ids[best] { best = index }
        return (best, ids[best])
    }

    /// mvin: one DMA request per row, split into Gets that each need the request channel and a
    /// free transaction id; the data returns one 16-byte beat per cycle after the memory
    /// system's latency; the rows are merged, scaled and written, then the station hears of it.
    func scheduleLoad(_ command: TimedCommand, _ shape: LoadShape, allocation: UInt64, ready: UInt64) {
        let issue = max(ready, lastIssue[TimedCommand.Pool.load.rawValue] &+ 1)
        lastIssue[TimedCommand.Pool.load.rawValue] = issue
        // At most loadCommandsInFlight mvins may have data outstanding.
        loadsInFlight.removeAll { $0 < issue }
        var start = max(issue, loadRequestFree)
        if loadsInFlight.count >= parameters.loadCommandsInFlight, let first = loadsInFlight.min() {
            start = max(start, first &+ 1)
            loadsInFlight.removeAll { $0 <= first }
        }
        if start > issue { statistics.waitingOnDMACycles &+= start - issue }
        var dataDone = start
        if shape.address == 0 {
            // Zero fill: one row-block per cycle, no memory traffic.
            dataDone = start &+ UInt64(shape.rows * shape.blocks)
            loadRequestFree = dataDone
        } else {
            let beatBytes = UInt64(parameters.beatBytes)
            // A stride of 0 reads one row and replicates it.
            let rowsRead = shape.stride == 0 ? 1 : shape.rows
            for row in 0..<rowsRead {
                let request = start &+ UInt64(row)
                let address = shape.address &+ UInt64(row) &* shape.stride
                Self.forEachTransfer(address: address, bytes: shape.rowBytes) { base, size in
                    let (id, idFree) = Self.earliestFree(readTransactions)
                    // Address translation adds two cycles (bare metal: no misses).
                    let get = max(request &+ 2, requestChannelFree, idFree)
                    requestChannelFree = get &+ 1
                    let data = memory.access(base, at: get, isWrite: false)
                    let beats = UInt64(size) / beatBytes
                    let firstBeat = max(data, responseChannelFree)
                    responseChannelFree = firstBeat &+ beats
                    readTransactions[id] = responseChannelFree
                    dataDone = max(dataDone, responseChannelFree)
                }
            }
            loadRequestFree = start &+ UInt64(shape.rows)
            dataDone = max(dataDone, start &+ UInt64(shape.rows))
            statistics.dmaBytesRead &+= UInt64(rowsRead * shape.rowBytes)
        }
        if shape.scaled {
            // The int8 scaling units take mvinScaleCyclesPerRow per row, after their latency.
            dataDone = max(dataDone, start &+ UInt64(shape.rows * parameters.mvinScaleCyclesPerRow)) &+ UInt64(parameters.mvinScaleLatency)
        }
        let completion = dataDone &+ UInt64(parameters.loadWriteLatency + parameters.completionLatency)
        loadsInFlight.append(completion)
        statistics.load.add(start, completion)
        occupy(.load, command, completion: completion)
    }

    /// mvout: one SRAM read per (row, block) per cycle; the station entry completes when the
    /// reads are dispatched, before the writes reach memory. Each DRAM row becomes Puts whose
    /// beats use the shared request channel and which hold a write id until acknowledged.
    func scheduleStore(_ command: TimedCommand, _ shape: StoreShape, allocation: UInt64, ready: UInt64) {
        // Stores are serialized on completion.
        let issue = max(ready, lastIssue[TimedCommand.Pool.store.rawValue] &+ 1, lastStoreCompletion &+ 1)
        lastIssue[TimedCommand.Pool.store.rawValue] = issue
        let start = max(issue, storeFree)
        if start > issue { statistics.waitingOnDMACycles &+= start - issue }
        let completion = start &+ UInt64(shape.reads) &+ 5
        lastStoreCompletion = completion
        storeFree = start &+ UInt64(shape.reads)
        let readLatency = UInt64(shape.fromAccumulator ? parameters.accumulatorReadLatency : 2)
        let readsPerRow = max(1, shape.reads / max(1, shape.rows))
        let beatBytes = UInt64(parameters.beatBytes)
        var lastWrite = completion
        for row in 0..<shape.rows {
            let rowReady = start &+ UInt64((row + 1) * readsPerRow) &+ readLatency
            let address = shape.address &+ UInt64(row) &* shape.stride
            Self.forEachTransfer(address: address, bytes: shape.rowBytes) { base, size in
                let (id, idFree) = Self.earliestFree(writeTransactions)
                let put = max(rowReady, requestChannelFree, idFree)
                let beats = UInt64(size) / beatBytes
                requestChannelFree = put &+ beats
                let acknowledged = memory.access(base, at: put &+ beats, isWrite: true)
                writeTransactions[id] = acknowledged
                lastWriteAcknowledged = max(lastWriteAcknowledged, acknowledged)
                lastWrite = max(lastWrite, put &+ beats)
            }
        }
        statistics.dmaBytesWritten &+= UInt64(shape.rows * shape.rowBytes)
        statistics.store.add(start, lastWrite)
        occupy(.store, command, completion: completion)
    }
}
