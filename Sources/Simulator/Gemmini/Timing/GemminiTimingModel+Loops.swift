extension GemminiTimingModel {
    /// A loop command the host issued at `cycle`, with the commands its unroller emits (in
    /// the functional model's order, tagged by sub-FSM). Returns when the host may go on.
    /// The commands' ranges are moved to the loop's half of the local memories in place.
    func hostLoop(_ commands: UnsafeMutableBufferPointer<TimedCommand>, convolution: Bool, at cycle: UInt64) -> UInt64 {
        let (slot, accepted, arrival) = admitHostCommand(at: cycle)
        // Loops issue one after another; while one issues, other commands wait in the front end.
        let begin = max(arrival, loopIssueEnd)
        // The high-water marks count the rows the functional model used, before the move.
        for command in commands { noteRowsUsed(command) }
        if !convolution { remapToLoopHalf(commands) }
        let end = convolution ? issueConvolution(UnsafeBufferPointer(commands), from: begin)
            : issueMatmul(UnsafeBufferPointer(commands), from: begin)
        loopIssueEnd = end
        frontEndHeldUntil = end
        hostCommandDepartures[slot] = begin
        statistics.loop.add(begin, end)
        return accepted
    }

    /// The RTL runs successive matmul loops in alternating halves of the scratchpad and the
    /// accumulator, so the next loop's loads need not wait for this loop's computes; the
    /// functional model uses one layout, so the timing ranges are moved to this loop's half.
    private func remapToLoopHalf(_ commands: UnsafeMutableBufferPointer<TimedCommand>) {
        let parity = loopParity
        loopParity ^= 1
        guard parity == 1 else { return }
        let halfScratchpad = scratchpadRows / 2, halfAccumulator = accumulatorRows / 2
        func move(_ range: inout LocalRange) {
            range.move(by: range.accumulator ? halfAccumulator : halfScratchpad)
        }
        for index in commands.indices {
            move(&commands[index].rangeA)
            move(&commands[index].rangeB)
        }
    }

    /// The cycle after the earliest completion in any pool from `cycle` on (when a throttled
    /// FSM may go on).
    private func nextCompletion(after cycle: UInt64) -> UInt64 {
        let next = min(loadPool.earliestCompletion(from: cycle), executePool.earliestCompletion(from: cycle),
                       storePool.earliestCompletion(from: cycle))
        return next == .max ? cycle &+ 1 : next &+ 1
    }

    /// loop_ws (reference 5.6): sub-FSMs ldA, ldB, ldD, ex and stC offer one command per cycle
    /// with priority stC > ex > ldD > (the one of ldA/ldB whose k is behind). ex issues (k, j, i)
    /// only once ldA has passed (k, i), ldB (k, j) and ldD has finished; stC issues block (i, j)
    /// once ex has passed its last k.
    private func issueMatmul(_ commands: UnsafeBufferPointer<TimedCommand>, from begin: UInt64) -> UInt64 {
        matmulQueues.build(from: commands)
        var cycle = begin
        for position in 0..<matmulQueues.untagged.count {
            cycle = schedule(commands[matmulQueues.untagged[position]], arrival: cycle) &+ 1
        }
        let (loadA, loadB, loadD, execute, store) = (matmulQueues.loadA.count, matmulQueues.loadB.count,
                                                     matmulQueues.loadD.count, matmulQueues.execute.count,
                                                     matmulQueues.store.count)
        var (a, b, d, e, s) = (0, 0, 0, 0, 0)
        while a < loadA || b < loadB || d < loadD || e < execute || s < store {
            var chosen = -1
            // The earliest completion in a pool found full this cycle.
            var firstFreed = UInt64.max
            if s < store, e > matmulQueues.storeNeedsExecute[s], hasRoom(.store, at: cycle, notingFreed: &firstFreed) {
                chosen = matmulQueues.store[s]; s += 1
            } else if e < execute, d == loadD, a > matmulQueues.executeNeedsA[e], b > matmulQueues.executeNeedsB[e],
                      hasRoom(.execute, at: cycle, notingFreed: &firstFreed) {
                chosen = matmulQueues.execute[e]; e += 1
            } else if hasRoom(.load, at: cycle, notingFreed: &firstFreed) {
                if d < loadD {
                    chosen = matmulQueues.loadD[d]; d += 1
                } else if a < loadA || b < loadB {
                    let takeA = b >= loadB || (a < loadA && matmulQueues.loadAK[a] <= matmulQueues.loadBK[b])
                    if takeA { chosen = matmulQueues.loadA[a]; a += 1 } else { chosen = matmulQueues.loadB[b]; b += 1 }
                }
            }
            if chosen >= 0 {
                cycle = schedule(commands[chosen], arrival: cycle) &+ 1
            } else {
                // Only room in a full pool lets an FSM go on (their other conditions wait on
                // each other's issue), so the cycles until its first entry completes would
                // all be the same: skip them.
                cycle = firstFreed != .max ? firstFreed &+ 1 : nextCompletion(after: cycle)
            }
        }
        return cycle
    }

    /// loop_conv_ws (reference 5.6): the loaders (bias, then weights, then input, by their
    /// priority) issue first, the computes only once all loaders have issued, then the stores;
    /// one command per cycle, each FSM stopping while its pool is full.
    private func issueConvolution(_ commands: UnsafeBufferPointer<TimedCommand>, from begin: UInt64) -> UInt64 {
        // Phases as the functional unroller tags them: 0 bias, 1 input, 2 weights, 3 compute, 4 output.
        let order = [0, 2, 1, 3, 4]
        var cycle = begin
        for phase in order {
            // The tag is matched in place: copying each command out to compare it cost more
            // than scheduling the ones that match.
            for index in commands.indices {
                guard case .convolution(let commandPhase) = commands[index].loopTag, commandPhase == phase else { continue }
                let command = commands[index]
                if let pool = command.pool {
                    var firstFreed = UInt64.max
                    while !hasRoom(pool, at: cycle, notingFreed: &firstFreed) {
                        cycle = firstFreed != .max ? firstFreed &+ 1 : nextCompletion(after: cycle)
                        firstFreed = .max
                    }
                }
                cycle = schedule(command, arrival: cycle) &+ 1
            }
        }
        return cycle
    }
}
