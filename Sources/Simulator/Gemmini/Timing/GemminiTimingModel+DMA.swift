extension GemminiTimingModel {
    /// Splits a DRAM row into TileLink transfers the way the DMA does (reference 5.3): from
    /// the current address, the 16-, 32- or 64-byte block aligned to its size holding the most
    /// still-needed bytes (the smallest on a tie). Consecutive rows are never merged.
    @inline(__always)
    static func forEachTransfer(address: UInt64, bytes: Int, _ body: (_ address: UInt64, _ size: Int) -> Void) {
        var current = address
        let end = address &+ UInt64(bytes)
        while current < end {
            // The common cases first: an aligned 64-byte block covers the most bytes, and
            // an aligned row of at most 16 bytes is one 16-byte block (the smallest of equals).
            if current & 63 == 0 && end &- current >= 64 {
                body(current, 64)
                current &+= 64
                continue
            }
            if current & 15 == 0 && end &- current <= 16 {
                body(current, 16)
                return
            }
            var bestSize = 16, bestBase = current & ~15
            var bestBytes = min(bestBase &+ 16, end) &- current
            let base32 = current & ~31
            let covered32 = min(base32 &+ 32, end) &- current
            if covered32 > bestBytes { (bestSize, bestBytes, bestBase) = (32, covered32, base32) }
            let base64 = current & ~63
            let covered64 = min(base64 &+ 64, end) &- current
            if covered64 > bestBytes { (bestSize, bestBytes, bestBase) = (64, covered64, base64) }
            body(bestBase, bestSize)
            current = bestBase &+ UInt64(bestSize)
        }
    }

    /// The size of the one transfer `forEachTransfer` makes for each row, when every row is
    /// a single block: rows of at most 16, 32 or 64 bytes starting on a multiple of that size.
    @inline(__always)
    static func singleTransferSize(address: UInt64, stride: UInt64, bytes: Int) -> Int? {
        let size = bytes <= 16 ? 16 : bytes <= 32 ? 32 : bytes <= 64 ? 64 : 0
        guard size != 0, (address | stride) & UInt64(size - 1) == 0 else { return nil }
        return size
    }

    /// mvin: one DMA request per row, split into Gets that each need the request channel and a
    /// free transaction id; the data returns one 16-byte beat per cycle after the memory
    /// system's latency; the rows are merged, scaled and written, then the station hears of it.
    func scheduleLoad(_ shape: LoadShape, _ a: LocalRange, _ b: LocalRange, allocation: UInt64, ready: UInt64) {
        let issue = max(ready, lastLoadIssue &+ 1)
        lastLoadIssue = issue
        // At most loadCommandsInFlight mvins may have data outstanding.
        loadsInFlight.removeAll { $0 < issue }
        var start = max(issue, loadRequestFree)
        if loadsInFlight.count >= parameters.loadCommandsInFlight, !loadsInFlight.isEmpty {
            var first = UInt64.max
            for index in 0..<loadsInFlight.count { first = min(first, loadsInFlight[index]) }
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
            // A stride of 0 reads one row and replicates it.
            let rowsRead = shape.stride == 0 ? 1 : shape.rows
            // The channels and the ids in locals: the memory system cannot change them, but
            // the compiler would reload them after every access. The response channel only
            // moves forward, so the read ids are released in the order they are taken.
            var requestChannel = requestChannelFree, responseChannel = responseChannelFree
            var ids = readTransactions
            // One Get: the request channel and a free id, then the data's beats.
            @inline(__always) func read(_ base: UInt64, beats: UInt64, translated: UInt64) {
                let get = max(translated, requestChannel, ids.earliestFreeInOrder)
                requestChannel = get &+ 1
                responseChannel = max(memory.access(base, at: get, isWrite: false), responseChannel) &+ beats
                ids.takeInOrder(until: responseChannel)
            }
            // Address translation adds two cycles (bare metal: no misses).
            if let size = Self.singleTransferSize(address: shape.address, stride: shape.stride, bytes: shape.rowBytes) {
                // Every row is one aligned transfer (the usual case): no splitting.
                let beats = size == 64 ? beatsPer64 : size == 32 ? beatsPer32 : beatsPer16
                var address = shape.address
                var translated = start &+ 2
                for _ in 0..<rowsRead {
                    read(address, beats: beats, translated: translated)
                    address &+= shape.stride
                    translated &+= 1
                }
            } else {
                let (beats16, beats32, beats64) = (beatsPer16, beatsPer32, beatsPer64)
                for row in 0..<rowsRead {
                    let translated = start &+ UInt64(row) &+ 2
                    Self.forEachTransfer(address: shape.address &+ UInt64(row) &* shape.stride, bytes: shape.rowBytes) { base, size in
                        read(base, beats: size == 64 ? beats64 : size == 32 ? beats32 : beats16, translated: translated)
                    }
                }
            }
            readTransactions = ids
            // Its last cycle is the last data's.
            if rowsRead > 0 && shape.rowBytes > 0 { dataDone = max(dataDone, responseChannel) }
            requestChannelFree = requestChannel
            responseChannelFree = responseChannel
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
        occupy(.load, a, b, completion: completion)
    }

    /// mvout: one SRAM read per (row, block) per cycle; the station entry completes when the
    /// reads are dispatched, before the writes reach memory. Each DRAM row becomes Puts whose
    /// beats use the shared request channel and which hold a write id until acknowledged.
    func scheduleStore(_ shape: StoreShape, _ a: LocalRange, _ b: LocalRange, allocation: UInt64, ready: UInt64) {
        // Stores are serialized on completion.
        let issue = max(ready, lastStoreIssue &+ 1, lastStoreCompletion &+ 1)
        lastStoreIssue = issue
        let start = max(issue, storeFree)
        if start > issue { statistics.waitingOnDMACycles &+= start - issue }
        let completion = start &+ UInt64(shape.reads) &+ 5
        lastStoreCompletion = completion
        storeFree = start &+ UInt64(shape.reads)
        let readLatency = UInt64(shape.fromAccumulator ? parameters.accumulatorReadLatency : 2)
        let readsPerRow = max(1, shape.reads / max(1, shape.rows))
        let (beats16, beats32, beats64) = (beatsPer16, beatsPer32, beatsPer64)
        var lastWrite = completion
        for row in 0..<shape.rows {
            let rowReady = start &+ UInt64((row + 1) * readsPerRow) &+ readLatency
            let address = shape.address &+ UInt64(row) &* shape.stride
            Self.forEachTransfer(address: address, bytes: shape.rowBytes) { base, size in
                let idFree = writeTransactions.earliestFree
                let put = max(rowReady, requestChannelFree, idFree)
                let beats = size == 64 ? beats64 : size == 32 ? beats32 : beats16
                requestChannelFree = put &+ beats
                let acknowledged = memory.access(base, at: put &+ beats, isWrite: true)
                writeTransactions.take(until: acknowledged)
                lastWriteAcknowledged = max(lastWriteAcknowledged, acknowledged)
                lastWrite = max(lastWrite, put &+ beats)
            }
        }
        statistics.dmaBytesWritten &+= UInt64(shape.rows * shape.rowBytes)
        statistics.store.add(start, lastWrite)
        occupy(.store, a, b, completion: completion)
    }
}
