extension GemminiTimingModel {
    /// preload: issues in order and waits for its compute; it completes when its results are
    /// written (known once the compute is scheduled).
    func schedulePreload(_ a: LocalRange, _ b: LocalRange, newWeights: Bool, weightBank: Int, allocation: UInt64, ready: UInt64) {
        let issue = max(ready, lastExecuteIssue &+ 1)
        lastExecuteIssue = issue
        let entry = occupy(.execute, a, b, completion: StationPool.pending)
        pendingPreload = (entry, issue, newWeights)
        if newWeights, issue < meshFree, let last = lastOperation, ScratchpadBank.conflict(weightBank, last.aBank) {
            lengthenLastOperation(by: last.rows)
        }
    }

    /// The weights of a preload shifting in during the previous compute (the mul_pre overlap)
    /// come from the bank that compute reads A from: the two alternate, so that operation
    /// takes twice its rows and its results come out later.
    private func lengthenLastOperation(by extra: UInt64) {
        guard let last = lastOperation else { return }
        statistics.bankConflictCycles &+= extra
        statistics.execute.add(meshFree, meshFree &+ extra)
        meshFree &+= extra
        if !meshTags.isEmpty { meshTags[meshTags.count - 1] &+= extra }
        for entry in [last.compute, last.preload] {
            if let completion = executePool.delay(entry, by: extra) {
                meshDrained = max(meshDrained, completion)
            }
        }
        lastOperation = nil
    }

    /// compute (reference 5.5): an array operation feeds its rows one per cycle: DIM, or for a
    /// compute that keeps its weights the A/D rows (at least 4); twice as long when two
    /// operands share a scratchpad bank. New weights shift in during the previous operation
    /// (the mul_pre overlap) when their preload was issued in time. Results reach the
    /// accumulator a pipeline latency after the last row; at most meshTagEntries operations are
    /// in flight.
    func scheduleCompute(_ shape: ComputeShape, _ a: LocalRange, _ b: LocalRange, allocation: UInt64, ready: UInt64) {
        let issue = max(ready, lastExecuteIssue &+ 1)
        lastExecuteIssue = issue
        let preload = pendingPreload
        pendingPreload = nil
        let newWeights = preload?.newWeights ?? false
        let rows = UInt64(newWeights ? dim : max(shape.reuseRows, parameters.minimumComputeRows))
        let feed = shape.bankConflict ? rows &* 2 : rows
        if shape.bankConflict { statistics.bankConflictCycles &+= rows }
        var start = max(issue, meshFree)
        if newWeights, let preload {
            start = max(start, max(preload.issue, lastMeshStart) &+ UInt64(dim))
        }
        meshTags.removeAll { $0 <= start }
        if meshTags.count >= parameters.meshTagEntries, !meshTags.isEmpty {
            var first = UInt64.max
            for index in 0..<meshTags.count { first = min(first, meshTags[index]) }
            start = max(start, first)
            meshTags.removeAll { $0 <= start }
        }
        // The array idles before this operation; the part before the command even reached
        // the station is the host's (it issued too slowly), the rest is waiting for data.
        let arrived = min(start, allocation &+ 1)
        if arrived > meshFree { statistics.waitingOnHostCycles &+= arrived - meshFree }
        let fed = start &+ feed
        let written = fed &+ UInt64(parameters.meshPipelineLatency)
        meshFree = fed
        lastMeshStart = start
        meshTags.append(written)
        // New weights shift in during the DIM cycles before the feed: the array is busy then
        // too (already counted when they overlapped the previous operation).
        statistics.execute.add(newWeights ? start &- UInt64(dim) : start, fed)
        statistics.macs &+= shape.macs
        let computeEntry = occupy(.execute, a, b, completion: fed)
        lastOperation = (computeEntry, preload?.entry ?? .none, shape.aBank, rows)
        if let preload {
            let completion = shape.hasOutput ? written : fed
            executePool.setCompletion(of: preload.entry, to: completion)
            meshDrained = max(meshDrained, completion)
        } else {
            meshDrained = max(meshDrained, fed)
        }
    }

    /// config_ex waits until no operation is in the array and no result is pending.
    func scheduleExecuteConfiguration(_ a: LocalRange, _ b: LocalRange, allocation: UInt64, ready: UInt64) {
        let issue = max(ready, lastExecuteIssue &+ 1, meshDrained &+ 1)
        lastExecuteIssue = issue
        occupy(.execute, a, b, completion: issue)
    }
}

/// Busy cycles of one unit: the union of its busy intervals, which arrive in nearly
/// increasing order.
struct BusyTime {
    private(set) var cycles: UInt64 = 0
    private var coveredUntil: UInt64 = 0

    /// The cycles counted since `earlier` (for a timed region).
    func subtracting(_ earlier: BusyTime) -> BusyTime {
        var delta = self
        delta.cycles = cycles &- earlier.cycles
        return delta
    }

    mutating func add(_ start: UInt64, _ end: UInt64) {
        guard end > start else { return }
        let from = max(start, coveredUntil)
        if end > from { cycles &+= end - from }
        coveredUntil = max(coveredUntil, end)
    }
}

/// What the Gemmini cycle model counts.
struct GemminiTimingStatistics {
    var load = BusyTime()
    var store = BusyTime()
    var execute = BusyTime()
    var loop = BusyTime()
    var macs: UInt64 = 0
    var dmaBytesRead: UInt64 = 0
    var dmaBytesWritten: UInt64 = 0
    var waitingOnDMACycles: UInt64 = 0
    var waitingOnDependenciesCycles: UInt64 = 0
    var reservationStationFullCycles: UInt64 = 0
    var waitingOnHostCycles: UInt64 = 0
    var bankConflictCycles: UInt64 = 0
    /// One past the highest scratchpad and accumulator rows used.
    var scratchpadRowsUsed = 0
    var accumulatorRowsUsed = 0
    /// The same since the previous snapshot (the cycle-counter read that opened a region).
    var scratchpadRowsUsedSinceSnapshot = 0
    var accumulatorRowsUsedSinceSnapshot = 0

    mutating func noteRowsUsed(_ range: LocalRange, scratchpadRows: Int, accumulatorRows: Int) {
        if range.isEmpty { return }
        if range.accumulator {
            let end = min(range.end, accumulatorRows)
            accumulatorRowsUsed = max(accumulatorRowsUsed, end)
            accumulatorRowsUsedSinceSnapshot = max(accumulatorRowsUsedSinceSnapshot, end)
        } else {
            let end = min(range.end, scratchpadRows)
            scratchpadRowsUsed = max(scratchpadRowsUsed, end)
            scratchpadRowsUsedSinceSnapshot = max(scratchpadRowsUsedSinceSnapshot, end)
        }
    }

    /// The activity since `earlier`, with the high-water marks reached since that snapshot.
    func subtracting(_ earlier: GemminiTimingStatistics) -> GemminiTimingStatistics {
        var delta = self
        delta.scratchpadRowsUsed = scratchpadRowsUsedSinceSnapshot
        delta.accumulatorRowsUsed = accumulatorRowsUsedSinceSnapshot
        delta.load = load.subtracting(earlier.load)
        delta.store = store.subtracting(earlier.store)
        delta.execute = execute.subtracting(earlier.execute)
        delta.loop = loop.subtracting(earlier.loop)
        delta.macs = macs &- earlier.macs
        delta.dmaBytesRead = dmaBytesRead &- earlier.dmaBytesRead
        delta.dmaBytesWritten = dmaBytesWritten &- earlier.dmaBytesWritten
        delta.waitingOnDMACycles = waitingOnDMACycles &- earlier.waitingOnDMACycles
        delta.waitingOnDependenciesCycles = waitingOnDependenciesCycles &- earlier.waitingOnDependenciesCycles
        delta.reservationStationFullCycles = reservationStationFullCycles &- earlier.reservationStationFullCycles
        delta.waitingOnHostCycles = waitingOnHostCycles &- earlier.waitingOnHostCycles
        delta.bankConflictCycles = bankConflictCycles &- earlier.bankConflictCycles
        return delta
    }
}
