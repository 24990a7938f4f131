/// The convolution moves: for each menu option, the schedules that apply it to a parent
/// schedule, with a plan text written for the parent's code.
struct ConvMoves {
    var shape: ConvShape

    func proposals(for option: OptimizationMenu.Option, from parent: ConvSchedule) -> [OfflineProposal] {
        var seen: Set<ConvSchedule> = [parent]
        var result: [OfflineProposal] = []
        let generator = ConvCodeGenerator(shape: shape)
        let parentBody = OfflineMarker.body(of: generator.code(for: parent))
        for (child, why) in candidates(option.id, parent) {
            let child = shape.clipped(child)
            guard shape.isValid(child), seen.insert(child).inserted else { continue }
            // A knob that changes nothing here (e.g. wider moves of single blocks) is no move.
            guard OfflineMarker.body(of: generator.code(for: child)) != parentBody else { continue }
            result.append(OfflineProposal(optionID: option.id, plan: plan(option, parent, child, why), schedule: .conv(child)))
        }
        return result
    }

    private typealias Candidate = (ConvSchedule, String)

    private func candidates(_ id: String, _ p: ConvSchedule) -> [Candidate] {
        if p.loop { return loopCandidates(id, p) }
        let inputReuse = "Each input pixel is used by 9 kernel positions; moving a tile's input rows in once and reading them at row and column offsets replaces nine 16-pixel mvins per pixel tile and channel block by one."
        let weightReuse = "The weights of an output-channel tile are the same for every image and row; keeping them in the scratchpad (with the output-channel tiles as the outer loop) moves them in once instead of once per tile."
        switch id {
        case "tiling":
            return steps(p, [\.tr, \.to], why: "A larger tile reuses every moved-in weight block for more output pixels and every input row for more output channels; a smaller one frees the accumulator for double buffering.")
        case "reorder-loops":
            return toggles(p, [\.wres], why: weightReuse)
        case "split-loops":
            return toggles(p, [\.irow], why: "Splitting the input loads out of the compute loop into one phase per tile that moves whole input rows lets the nine kernel positions share them. " + inputReuse)
                + steps(p, [\.tr], why: "Splitting the rows into tiles of a different height changes how often the weights are reloaded and how much of the accumulator a tile needs.")
        case "fuse-loops":
            return grow(p, [\.to, \.tr], why: "Fusing neighbouring output-channel (or row) tiles into one computes them from the same moved-in input rows and weight blocks.")
        case "simplify-arithmetic":
            return toggles(p, [\.hoist], why: "The core issues every command; computing the A and C addresses by increments leaves fewer instructions between RoCC commands.")
        case "hoist":
            return toggles(p, [\.hoist], why: "The A and C addresses of the compute loop advance by constants; hoisting their computation out of the loop shortens the core's path between commands.")
                + toggles(p, [\.wres], why: "Moving the weight loads out of the image and row loops is the largest hoist available. " + weightReuse)
        case "reorder-computations":
            return toggles(p, [\.unroll], why: "Writing out the column chunks of a row lets each chunk's pixel count be a constant and removes the loop between commands.")
                + toggles(p, [\.wres], why: weightReuse)
        case "unroll":
            return toggles(p, [\.unroll], why: "Unrolling the loop over the column chunks of an output row removes its counter, branch and width computation between RoCC commands.")
        case "double-buffer":
            return buffer(p, why: "Alternating slots let the mvins of the next input tile or weight block write one slot while the array reads the other; alternating accumulator regions let a tile's mvouts overlap the next tile's bias loads and computes.")
        case "outer-reuse", "guarded-loads", "minimize-data-movement":
            return toggles(p, [\.irow], why: inputReuse) + toggles(p, [\.wres], why: weightReuse)
                + (id == "minimize-data-movement" ? grow(p, [\.to], why: "More output channels per tile reuse each moved-in input row for more weights.") : [])
        case "spread-scratchpad":
            var out = toggles(p, [\.spread], why: "An operation reading the input tile and the weights from the same scratchpad bank reads them alternately; inputs in the lower half and weights in the upper half (one bank per slot) avoid it.")
            if p.abuf == 1 { var c = p; c.abuf = 2; out.append((c, "Two accumulator regions let a finished tile's mvouts overlap the next tile's work.")) }
            return out
        case "substitute":
            return toHardwareLoop(p) + wider(p)
        case "pipeline":
            return buffer(p, why: "Alternating buffers let moves of the next data overlap the multiplies of the current data.")
                + toggles(p, [\.spread], why: "Loads into a bank the array is not reading overlap the multiplies without stealing read cycles.")
        case "minimize-loop-overhead":
            return toggles(p, [\.unroll], why: "Unrolling the column-chunk loop removes its overhead between commands.")
                + grow(p, [\.tr], why: "Taller tiles run fewer tile iterations (bias, row loads and mvouts in fewer, longer runs).") + wider(p)
        default:
            return toHardwareLoop(p) + grow(p, [\.to, \.tr], why: "Larger tiles reuse moved data more.")
        }
    }

    private func loopCandidates(_ id: String, _ p: ConvSchedule) -> [Candidate] {
        let why = "Each gemmini_loop_conv_ws moves its input rows and weights in once and computes only after its loads are issued; the tile decides how often inputs and weights are reloaded and how much of the next loop's loading overlaps this loop's computes."
        switch id {
        case "tiling", "minimize-data-movement", "outer-reuse", "spread-scratchpad", "other", "split-loops", "pipeline", "double-buffer":
            return steps(p, [\.tr, \.to, \.tb, \.tc], why: why)
        case "fuse-loops", "minimize-loop-overhead", "guarded-loads":
            return grow(p, [\.tr, \.to, \.tb, \.tc], why: "Fusing neighbouring loops into one larger loop issues fewer loop commands and moves shared inputs and weights in once.")
        case "reorder-loops", "reorder-computations":
            var out: [Candidate] = []
            if p.to > 1 { var c = p; c.to = p.to / 2; c.tr = p.tr * 2; out.append((c, why)) }
            if p.tr > 1 { var c = p; c.tr = p.tr / 2; c.to = p.to * 2; out.append((c, why)) }
            if p.tb > 1 { var c = p; c.tb = p.tb / 2; c.tr = p.tr * 2; out.append((c, why)) }
            return out + steps(p, [\.to, \.tr], why: why)
        default:
            return []
        }
    }

    // MARK: - Building blocks

    private func limit(_ key: WritableKeyPath<ConvSchedule, Int>) -> Int {
        switch key {
        case \ConvSchedule.tb: shape.batch
        case \ConvSchedule.tr: shape.P
        case \ConvSchedule.to: shape.NO
        default: shape.NC
        }
    }

    private func grow(_ p: ConvSchedule, _ keys: [WritableKeyPath<ConvSchedule, Int>], why: String) -> [Candidate] {
        keys.flatMap { key -> [Candidate] in
            let t = p[keyPath: key], n = limit(key)
            guard t < n else { return [] }
            var sizes = [t + 1, t * 2]
            if let largest = (t + 1...n).last(where: { v in var c = p; c[keyPath: key] = v; return shape.isValid(c) }) { sizes.append(largest) }
            return sizes.map { v in var c = p; c[keyPath: key] = min(v, n); return (c, why) }
        }
    }

    private func steps(_ p: ConvSchedule, _ keys: [WritableKeyPath<ConvSchedule, Int>], why: String) -> [Candidate] {
        grow(p, keys, why: why) + keys.compactMap { key in
            let t = p[keyPath: key]
            guard t > 1 else { return nil }
            var c = p
            c[keyPath: key] = t / 2
            return (c, why)
        }
    }

    private func toggles(_ p: ConvSchedule, _ keys: [WritableKeyPath<ConvSchedule, Bool>], why: String) -> [Candidate] {
        keys.compactMap { key in
            guard !p[keyPath: key] else { return nil }
            var c = p
            c[keyPath: key] = true
            if !shape.isValid(shape.clipped(c)) {
                // Make room: fewer rows or output channels per tile, or one slot.
                for shrink in [\ConvSchedule.tr, \ConvSchedule.to] {
                    while !shape.isValid(shape.clipped(c)) && c[keyPath: shrink] > 1 { c[keyPath: shrink] -= 1 }
                }
                if !shape.isValid(shape.clipped(c)) { c.sbuf = 1 }
            }
            return (c, why)
        }
    }

    private func buffer(_ p: ConvSchedule, why: String) -> [Candidate] {
        var out: [Candidate] = []
        if p.sbuf == 1 { var c = p; c.sbuf = 2; out.append((c, why)) }
        if p.abuf == 1 {
            var c = p
            c.abuf = 2
            while !shape.isValid(shape.clipped(c)) && c.tr > 1 { c.tr -= 1 }
            out.append((c, why))
        }
        return out
    }

    private func wider(_ p: ConvSchedule) -> [Candidate] {
        guard p.move < 4 else { return [] }
        var c = p
        c.move = 4
        return [(c, "One mvin of up to four channel blocks (64 int8 columns) replaces four: fewer commands for the core and fewer DMA requests; mvouts likewise carry up to four output-channel blocks.")]
    }

    /// gemmini_loop_conv_ws per tile: the tile that moves the least data for its size, and
    /// smaller ones that let successive loops overlap more.
    private func toHardwareLoop(_ p: ConvSchedule) -> [Candidate] {
        let why = "The core issues two RoCC commands per 16-cycle multiply (plus the moves), so explicit code leaves the array idle most of the time; gemmini_loop_conv_ws hands a whole tile to the conv unroller, which issues the bias, input and weight moves, the multiplies and the mvouts itself."
        let x = shape
        func base(_ tb: Int, _ tr: Int, _ to: Int, _ tc: Int) -> ConvSchedule { ConvSchedule(loop: true, tb: tb, tr: tr, to: to, tc: tc) }
        // Bytes moved in (input rows reloaded per output-channel tile, weights per pixel tile)
        // plus a fixed cost per loop.
        func cost(_ s: ConvSchedule) -> Double {
            let input = Double(x.batch * x.IH * x.IW * x.cin), weights = Double(9 * x.cin * x.cout)
            let oTiles = Double((x.NO + s.to - 1) / s.to), pixelTiles = Double(((x.batch + s.tb - 1) / s.tb) * ((x.P + s.tr - 1) / s.tr))
            let cTiles = Double((x.NC + s.tc - 1) / s.tc)
            return oTiles * input * Double(s.tr + 2) / Double(s.tr) + pixelTiles * weights + oTiles * pixelTiles * cTiles * 2000
        }
        var ranked: [ConvSchedule] = []
        for tb in 1...x.batch { for tr in 1...x.P { for to in 1...x.NO { for tc in [x.NC, max(1, x.NC / 2)] {
            let s = base(tb, tr, to, tc)
            if x.isValid(s) { ranked.append(s) }
        } } } }
        ranked.sort { cost($0) < cost($1) }
        var out: [Candidate] = ranked.prefix(2).map { ($0, why) }
        // A tile like the explicit one, and one with half the output channels of the best.
        out.append((base(1, p.tr, p.to, x.NC), why))
        if let best = ranked.first, best.to > 1 { var c = best; c.to = best.to / 2; out.append((c, why)) }
        return out
    }

    // MARK: - Plan text

    private func plan(_ option: OptimizationMenu.Option, _ p: ConvSchedule, _ c: ConvSchedule, _ why: String) -> String {
        var lines = ["Option: \(option.text).", "The current code: " + ConvCodeGenerator(shape: shape).summary(p), "Plan:"]
        lines += changes(p, c).map { "- " + $0 }
        let spad = c.loop ? shape.loopScratchpadRows(c) : shape.layout(c).scratchpadEnd
        let acc = c.loop ? shape.loopAccumulatorRows(c) : c.abuf * shape.accumulatorRegionRows(c)
        lines.append(String(format: "- Capacity: the new code uses %.1f of 256 KB of scratchpad (%d rows) and %.0f of 64 KB of accumulator (%d rows).",
                            shape.hardware.scratchpadKB(spad), spad, shape.hardware.accumulatorKB(acc), acc))
        lines.append("Why: " + why)
        lines.append("schedule: \(OfflineSchedule.conv(c))")
        return lines.joined(separator: "\n")
    }

    private func changes(_ p: ConvSchedule, _ c: ConvSchedule) -> [String] {
        let x = shape
        var out: [String] = []
        if p.loop != c.loop {
            out.append("Replace the explicit loops by one gemmini_loop_conv_ws per tile of \(c.tb) image(s) x \(c.tr) output row(s) x \(c.to * 16) output channels x \(c.tc * 16) input channels: input &input[b0][r0][0][c0 * DIM] (\(x.IH)x\(x.IW) padded rows, padding 0 for the loop), weights &weights[0][0][c0 * DIM][o0 * DIM], bias &bias[o0 * DIM] on the first input-channel tile, output &output[b0][r0][0][o0 * DIM] on the last; config_ex with A stride 1 and config_st with a \(x.cout)-byte row stride before the loops, fence() after.")
        }
        for (name, key) in [("images", \ConvSchedule.tb), ("output rows", \ConvSchedule.tr), ("output-channel blocks", \ConvSchedule.to), ("input-channel blocks", \ConvSchedule.tc)]
        where p[keyPath: key] != c[keyPath: key] {
            out.append("Change the tile from \(p[keyPath: key]) to \(c[keyPath: key]) \(name) per tile.")
        }
        if p.irow != c.irow {
            out.append(c.irow ? "Move the tile's \(c.tr + 2) input rows (input[b][r0 .. r0 + \(c.tr + 1)][0 .. \(x.IW - 1)][all \(x.cin) channels]) into the scratchpad once per tile, pixel px of row r and channel block c at in_base + (r * \(x.NC) + c) * \(x.IW) + px (config_ld id 0 block stride \(x.IW)); kernel position (kr, kc) of output chunk q then reads A at in_base + ((rr + kr) * \(x.NC) + c) * \(x.IW) + q * 16 + kc, and the per-compute input mvins go away." : "Move each compute's input tile in before it.")
        }
        if p.wres != c.wres {
            out.append(c.wres ? "Make the output-channel tile loop (o0) the outermost loop and move its weights (\(c.to) x 3 x 3 x \(x.NC) blocks of 16x16) into the scratchpad once at its top, block (o, kr, kc, c) at w_base + o * \(9 * x.NC * 16) + ((kr * 3 + kc) * \(x.NC) + c) * DIM (config_ld id 1 block stride \(9 * x.cin)); the compute loop preloads from there instead of moving each weight block in." : "Move each weight block in before its computes.")
        }
        if p.sbuf != c.sbuf { out.append(c.sbuf == 2 ? "Alternate the moved-in input and weight data between two scratchpad slots (running counters pick the slot), so the next mvin does not wait for the computes reading the current slot." : "Use one scratchpad slot.") }
        if p.abuf != c.abuf { out.append(c.abuf == 2 ? "Alternate tiles between two accumulator regions of \(x.accumulatorRegionRows(c)) rows (c_base = (1u << 31) + (tile % 2) * \(x.accumulatorRegionRows(c))), so the next tile's bias mvin3 does not wait for this tile's mvouts." : "Use one accumulator region.") }
        if p.spread != c.spread { out.append("Put the weights at scratchpad row \(x.layout(c).weightBase) (the upper two banks) and the input slots in the lower banks, one bank per slot where it fits.") }
        if p.move != c.move { out.append("Move up to \(c.move) channel blocks per input mvin / weight mvin2 / output mvout (\(c.move * 16) columns).") }
        if p.hoist != c.hoist { out.append("Hoist the address arithmetic of the compute loop: the A row address and the accumulator address advance by DIM and \(c.to) * DIM per column chunk instead of being recomputed from rr, kr, c and q.") }
        if p.unroll != c.unroll { out.append("Unroll the loop over the \(x.QC) column chunk(s) of an output row: one preload/compute pair per chunk with its pixel count (\(x.QC > 1 ? "16 or \(x.lastWidth)" : "\(x.lastWidth)")) as a constant.") }
        return out
    }
}
