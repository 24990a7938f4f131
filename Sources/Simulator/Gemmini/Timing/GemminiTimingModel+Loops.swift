extension GemminiTimingModel {
    /// A loop command the host issued at `cycle`, with the commands its unroller emits (in
    /// the functional model's order, tagged by sub-FSM). Returns when the host may go on.
    func hostLoop(_ commands: [TimedCommand], convolution: Bool, at cycle: UInt64) -> UInt64 {
        let slot = hostCommandCount % hostCommandDepartures.count
        let accepted = hostCommandCount >= hostCommandDepartures.count ? max(cycle, hostCommandDepartures[slot]) : cycle
        hostCommandCount += 1
        let arrival = max(accepted &+ UInt64(parameters.frontEndLatency), frontEndHeldUntil)
        // Loops issue one after another; while one issues, other commands wait in the front end.
        let begin = max(arrival, loopIssueEnd)
        let end = convolution ? issueConvolution(commands, from: begin) : issueMatmul(remapToLoopHalf(commands), from: begin)
        loopIssueEnd = end
        frontEndHeldUntil = end
        hostCommandDepartures[slot] = begin
        statistics.loop.add(begin, end)
        return accepted
    }

    /// The RTL runs successive matmul loops in alternating halves of the scratchpad and the
    /// accumulator, so the next loop's loads need not wait for this loop's computes; the
    /// functional model uses one layout, so the timing ranges are moved to this loop's half.
    private func remapToLoopHalf(_ commands: [TimedCommand]) -> [TimedCommand] {
        let parity = loopParity
        loopParity ^= 1
        guard parity == 1 else { return commands }
        let halfScratchpad = scratchpadRows / 2, halfAccumulator = accumulatorRows / 2
        func moved(_ range: LocalRange) -> LocalRange {
            guard !range.isEmpty else { return range }
            let offset = range.accumulator ? halfAccumulator : halfScratchpad
            return LocalRange(accumulator: range.accumulator, start: range.start + offset, end: range.end + offset)
        }
        return commands.map { command in
            var command = command
            command.rangeA = moved(command.rangeA)
            command.rangeB = moved(command.rangeB)
            return command
        }
    }

    /// Whether `pool` has a free entry at `cycle` (an unroller's sub-FSM stops offering
    /// commands while as many of its commands are outstanding as its pool holds, so that a
    /// full pool never blocks the others).
    private func hasRoom(_ pool: TimedCommand.Pool, at cycle: UInt64) -> Bool {
        let capacity = [parameters.loadEntries, parameters.executeEntries, parameters.storeEntries][pool.rawValue]
        entries[pool.rawValue].removeAll { $0.completion < cycle }
        return entries[pool.rawValue].count < capacity
    }

    /// The earliest completion in any pool after `cycle` (when a throttled FSM may go on).
    private func nextCompletion(after cycle: UInt64) -> UInt64 {
        var next = UInt64.max
        for pool in entries { for entry in pool where entry.completion >= cycle && entry.completion < next { next = entry.completion } }
        return next == .max ? cycle &+ 1 : next &+ 1
    }

    /// loop_ws (reference 5.6): sub-FSMs ldA, ldB, ldD, ex and stC offer one command per cycle
    /// with priority stC > ex > ldD > (the one of ldA/ldB whose k is behind). ex issues (k, j, i)
    /// only once ldA has passed (k, i), ldB (k, j) and ldD has finished; stC issues block (i, j)
    /// once ex has passed its last k.
    private func issueMatmul(_ commands: [TimedCommand], from begin: UInt64) -> UInt64 {
        var loadA: [TimedCommand] = [], loadB: [TimedCommand] = [], loadD: [TimedCommand] = []
        var execute: [TimedCommand] = [], store: [TimedCommand] = [], other: [TimedCommand] = []
        var positionA: [Int: Int] = [:], positionB: [Int: Int] = [:], lastExecute: [Int: Int] = [:]
        var lastK = 0
        func key(_ a: Int, _ b: Int, _ c: Int = 0) -> Int { (a << 40) | (b << 20) | c }
        for command in commands {
            switch command.loopTag {
            case .loadA(let k, let i): positionA[key(k, i)] = loadA.count; loadA.append(command)
            case .loadB(let k, let j): positionB[key(k, j)] = loadB.count; loadB.append(command)
            case .loadD: loadD.append(command)
            case .execute(let k, let j, let i):
                lastK = max(lastK, k)
                execute.append(command)
                lastExecute[key(k, j, i)] = execute.count - 1
            case .storeC: store.append(command)
            default: other.append(command)
            }
        }
        var cycle = begin
        for command in other { cycle = schedule(command, arrival: cycle) &+ 1 }
        var (a, b, d, e, s) = (0, 0, 0, 0, 0)
        while a < loadA.count || b < loadB.count || d < loadD.count || e < execute.count || s < store.count {
            var chosen: TimedCommand?
            if s < store.count, case .storeC(let i, let j) = store[s].loopTag,
               lastExecute[key(lastK, j, i)].map({ e > $0 }) ?? true, hasRoom(.store, at: cycle) {
                chosen = store[s]; s += 1
            } else if e < execute.count, case .execute(let k, let j, let i) = execute[e].loopTag,
                      d == loadD.count, positionA[key(k, i)].map({ a > $0 }) ?? true,
                      positionB[key(k, j)].map({ b > $0 }) ?? true, hasRoom(.execute, at: cycle) {
                chosen = execute[e]; e += 1
            } else if hasRoom(.load, at: cycle) {
                if d < loadD.count {
                    chosen = loadD[d]; d += 1
                } else if a < loadA.count || b < loadB.count {
                    var takeA = b >= loadB.count
                    if a < loadA.count && b < loadB.count, case .loadA(let kA, _) = loadA[a].loopTag,
                       case .loadB(let kB, _) = loadB[b].loopTag {
                        takeA = kA <= kB
                    }
                    if takeA { chosen = loadA[a]; a += 1 } else { chosen = loadB[b]; b += 1 }
                }
            }
            if let chosen {
                cycle = schedule(chosen, arrival: cycle) &+ 1
            } else {
                cycle = nextCompletion(after: cycle)
            }
        }
        return cycle
    }

    /// loop_conv_ws (reference 5.6): the loaders (bias, then weights, then input, by their
    /// priority) issue first, the computes only once all loaders have issued, then the stores;
    /// one command per cycle, each FSM stopping while its pool is full.
    private func issueConvolution(_ commands: [TimedCommand], from begin: UInt64) -> UInt64 {
        // Phases as the functional unroller tags them: 0 bias, 1 input, 2 weights, 3 compute, 4 output.
        let order = [0, 2, 1, 3, 4]
        var cycle = begin
        for phase in order {
            for command in commands where command.loopTag == .convolution(phase: phase) {
                if let pool = command.pool {
                    while !hasRoom(pool, at: cycle) { cycle = nextCompletion(after: cycle) }
                }
                cycle = schedule(command, arrival: cycle) &+ 1
            }
        }
        return cycle
    }
}
