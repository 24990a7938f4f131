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
        var commands = commands
        if !convolution { remapToLoopHalf(&commands) }
        let end = convolution ? issueConvolution(commands, from: begin) : issueMatmul(commands, from: begin)
        loopIssueEnd = end
        frontEndHeldUntil = end
        hostCommandDepartures[slot] = begin
        statistics.loop.add(begin, end)
        return accepted
    }

    /// The RTL runs successive matmul loops in alternating halves of the scratchpad and the
    /// accumulator, so the next loop's loads need not wait for this loop's computes; the
    /// functional model uses one layout, so the timing ranges are moved to this loop's half.
    private func remapToLoopHalf(_ commands: inout [TimedCommand]) {
        let parity = loopParity
        loopParity ^= 1
        guard parity == 1 else { return }
        let halfScratchpad = scratchpadRows / 2, halfAccumulator = accumulatorRows / 2
        func move(_ range: inout LocalRange) {
            guard !range.isEmpty else { return }
            let offset = range.accumulator ? halfAccumulator : halfScratchpad
            range.start += offset
            range.end += offset
        }
        for index in commands.indices {
            move(&commands[index].rangeA)
            move(&commands[index].rangeB)
        }
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
        // Each sub-FSM's commands, as indices into `commands` (in their own order).
        var loadA: [Int] = [], loadB: [Int] = [], loadD: [Int] = [], execute: [Int] = [], store: [Int] = []
        var blocksI = 1, blocksJ = 1, blocksK = 1
        var cycle = begin
        for (index, command) in commands.enumerated() {
            switch command.loopTag {
            case .loadA(let k, let i): loadA.append(index); blocksK = max(blocksK, k + 1); blocksI = max(blocksI, i + 1)
            case .loadB(let k, let j): loadB.append(index); blocksK = max(blocksK, k + 1); blocksJ = max(blocksJ, j + 1)
            case .loadD: loadD.append(index)
            case .execute(let k, let j, let i):
                execute.append(index)
                (blocksK, blocksJ, blocksI) = (max(blocksK, k + 1), max(blocksJ, j + 1), max(blocksI, i + 1))
            case .storeC: store.append(index)
            default: cycle = schedule(command, arrival: cycle) &+ 1
            }
        }
        // Positions for the gating rules: the index in its FSM's order of A(k, i), B(k, j) and
        // of the last execute command of (k, j, i).
        var positionA = [Int](repeating: -1, count: blocksK * blocksI)
        var positionB = [Int](repeating: -1, count: blocksK * blocksJ)
        var lastExecute = [Int](repeating: -1, count: blocksK * blocksJ * blocksI)
        for (position, index) in loadA.enumerated() {
            if case .loadA(let k, let i) = commands[index].loopTag { positionA[k * blocksI + i] = position }
        }
        for (position, index) in loadB.enumerated() {
            if case .loadB(let k, let j) = commands[index].loopTag { positionB[k * blocksJ + j] = position }
        }
        for (position, index) in execute.enumerated() {
            if case .execute(let k, let j, let i) = commands[index].loopTag { lastExecute[(k * blocksJ + j) * blocksI + i] = position }
        }
        let lastK = blocksK - 1
        var (a, b, d, e, s) = (0, 0, 0, 0, 0)
        while a < loadA.count || b < loadB.count || d < loadD.count || e < execute.count || s < store.count {
            var chosen = -1
            if s < store.count, case .storeC(let i, let j) = commands[store[s]].loopTag,
               e > lastExecute[(lastK * blocksJ + j) * blocksI + i], hasRoom(.store, at: cycle) {
                chosen = store[s]; s += 1
            } else if e < execute.count, case .execute(let k, let j, let i) = commands[execute[e]].loopTag,
                      d == loadD.count, a > positionA[k * blocksI + i], b > positionB[k * blocksJ + j],
                      hasRoom(.execute, at: cycle) {
                chosen = execute[e]; e += 1
            } else if hasRoom(.load, at: cycle) {
                if d < loadD.count {
                    chosen = loadD[d]; d += 1
                } else if a < loadA.count || b < loadB.count {
                    var takeA = b >= loadB.count
                    if a < loadA.count && b < loadB.count, case .loadA(let kA, _) = commands[loadA[a]].loopTag,
                       case .loadB(let kB, _) = commands[loadB[b]].loopTag {
                        takeA = kA <= kB
                    }
                    if takeA { chosen = loadA[a]; a += 1 } else { chosen = loadB[b]; b += 1 }
                }
            }
            if chosen >= 0 {
                cycle = schedule(commands[chosen], arrival: cycle) &+ 1
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
