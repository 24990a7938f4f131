/// The GEMM moves: for each menu option, the schedules that apply it to a parent schedule,
/// with a plan text written for the parent's code.
struct GemmMoves {
    var shape: GemmShape

    func proposals(for option: OptimizationMenu.Option, from parent: GemmSchedule) -> [OfflineProposal] {
        var seen: Set<GemmSchedule> = [parent]
        var result: [OfflineProposal] = []
        let generator = GemmCodeGenerator(shape: shape)
        let parentBody = OfflineMarker.body(of: generator.code(for: parent))
        for (child, why) in candidates(option.id, parent) {
            let child = shape.clipped(child)
            guard shape.isValid(child), seen.insert(child).inserted else { continue }
            // A knob that changes nothing here (e.g. wider moves of single blocks) is no move.
            guard OfflineMarker.body(of: generator.code(for: child)) != parentBody else { continue }
            result.append(OfflineProposal(optionID: option.id, plan: plan(option, parent, child, why), schedule: .gemm(child)))
        }
        return result
    }

    // MARK: - Which schedules implement an option

    private typealias Candidate = (GemmSchedule, String)

    private func candidates(_ id: String, _ p: GemmSchedule) -> [Candidate] {
        if p.loop { return loopCandidates(id, p) }
        switch id {
        case "tiling":
            return tileSteps(p, dims: ["i", "j", "k"], why: "Larger tiles issue fewer mvins per multiply (each A block is reused for tj weight tiles, each B block for ti rows); smaller ones free scratchpad for buffering.")
        case "reorder-loops":
            return reorder(p, why: "The loop order decides which operand can stay in the scratchpad between output tiles and which one the L2 keeps warm.")
        case "split-loops":
            return tileSteps(p, dims: ["k"], why: "Splitting the K loop into steps of a different length changes how much is moved in per step and how well the next step's loads overlap this step's multiplies.")
        case "fuse-loops":
            return grow(p, dims: ["k", "j"], why: "Fusing successive steps (or neighbouring output tiles) into one iteration issues fewer, larger mvins and fewer loop iterations.")
        case "simplify-arithmetic", "hoist":
            var out = toggles(p, [\.hoist], why: "Every command is built from addresses; computing them by increments outside the inner loops leaves fewer instructions between RoCC commands, and the core issues the commands.")
            if id == "hoist", p.reuse == .none { out += reuse(p, why: "A tile loaded for every output tile is a redundant operation inside the J (or I) loop; loading it once per panel hoists it out.") }
            return out
        case "reorder-computations":
            return reorder(p, why: "Computing all output tiles that share an operand back to back lets that operand stay in place.")
                + toggles(p, [\.unroll], why: "Writing out the preload/compute pairs of one weight tile removes the loop's branch between RoCC commands.")
        case "unroll":
            return toggles(p, [\.unroll], why: "Unrolling the loop over the A blocks that share one weight tile removes its counter and branch between RoCC commands; the core is the bottleneck of explicit code.")
        case "double-buffer":
            return buffer(p, why: "With two slots the next step's mvins write one slot while the array reads the other; with two accumulator regions the mvout of a finished tile overlaps the next tile's multiplies.")
        case "outer-reuse", "guarded-loads":
            return reuse(p, why: "An operand panel that stays in the scratchpad is moved in once per tile row (or column) instead of once per output tile, which removes most of its DRAM traffic and mvin commands.")
        case "spread-scratchpad":
            var out = toggles(p, [\.spread], why: "A compute whose A rows and weight rows sit in the same scratchpad bank reads them alternately, taking twice as long; separate banks remove the conflict, and one bank per slot keeps the loads of the next step off the bank being read.")
            if p.abuf == 1 { var c = p; c.abuf = 2; out.append((c, "Spreading output tiles over two accumulator regions lets the mvout of one tile overlap the multiplies of the next.")) }
            return out
        case "substitute":
            return toHardwareLoop(p) + wider(p)
        case "pipeline":
            return buffer(p, why: "Alternating buffers let data movement of the next step or tile overlap the multiplies of the current one.")
                + toggles(p, [\.spread], why: "Loads into a bank the array is not reading overlap the multiplies without stealing its read cycles.")
        case "minimize-data-movement":
            return reuse(p, why: "Keeping an operand panel resident moves it in once instead of once per output tile.")
                + grow(p, dims: ["i", "j"], why: "A larger output tile reuses every A and B block it moves in for more multiplies, so less data is moved per MAC.")
        case "minimize-loop-overhead":
            return toggles(p, [\.unroll], why: "Unrolling removes the innermost loop's counter and branch.")
                + grow(p, dims: ["k", "i", "j"], why: "Larger tiles run fewer iterations of the tile loops and issue fewer, wider mvins.")
                + wider(p)
        default:  // "other"
            return toHardwareLoop(p) + grow(p, dims: ["i", "j", "k"], why: "Larger tiles reuse moved data more.")
        }
    }

    private func loopCandidates(_ id: String, _ p: GemmSchedule) -> [Candidate] {
        let why = "Each gemmini_loop_ws moves its A and B tiles in and its C tile out once; larger tiles reuse them for more multiplies and leave fewer loops to start, up to half the scratchpad (A + B) and half the accumulator (C) per loop."
        switch id {
        case "tiling", "minimize-data-movement", "outer-reuse", "spread-scratchpad", "other":
            return tileSteps(p, dims: ["i", "j", "k"], why: why) + reshape(p, why: why)
        case "fuse-loops", "minimize-loop-overhead", "guarded-loads":
            return grow(p, dims: ["k", "j", "i"], why: "Fusing neighbouring gemmini_loop_ws calls into one larger loop issues fewer loop commands and moves shared operands in once.")
        case "split-loops", "pipeline", "double-buffer":
            return tileSteps(p, dims: ["k", "i"], why: "Successive loops alternate between the two halves of the scratchpad and accumulator, so the next loop's loads overlap this loop's multiplies; how the work is split decides how much overlaps.")
        case "reorder-loops", "reorder-computations":
            return reorder(p, why: "The order of the tile loops decides which operand the L2 cache still holds when the next loop moves it in.")
                + reshape(p, why: "Computing a taller or a wider block of outputs per loop changes which operand each loop reuses more.")
        default:  // hoist, simplify-arithmetic, unroll, substitute: the unroller already does it
            return []
        }
    }

    // MARK: - Building blocks

    private func set(_ p: GemmSchedule, _ dim: String, _ value: Int) -> GemmSchedule {
        var c = p
        switch dim {
        case "i": c.ti = value
        case "j": c.tj = value
        default: c.tk = value
        }
        return c
    }

    private func size(_ p: GemmSchedule, _ dim: String) -> (Int, Int) {
        switch dim {
        case "i": (p.ti, shape.NI)
        case "j": (p.tj, shape.NJ)
        default: (p.tk, shape.NK)
        }
    }

    /// Tile sizes one step up or down along each dimension: x2, +1, the whole dimension, /2.
    private func tileSteps(_ p: GemmSchedule, dims: [String], why: String) -> [Candidate] {
        grow(p, dims: dims, why: why) + dims.flatMap { d -> [Candidate] in
            let (t, _) = size(p, d)
            return t > 1 ? [(set(p, d, max(1, t / 2)), why)] : []
        }
    }

    private func grow(_ p: GemmSchedule, dims: [String], why: String) -> [Candidate] {
        dims.flatMap { d -> [Candidate] in
            let (t, n) = size(p, d)
            guard t < n else { return [] }
            var sizes = [t * 2, t + 1, n]
            // The largest size that still fits.
            if let largest = (t + 1...n).last(where: { shape.isValid(set(p, d, $0)) }) { sizes.append(largest) }
            return sizes.map { (set(p, d, min($0, n)), why) }
        }
    }

    /// The output tile reshaped at the same size: twice as tall and half as wide, or the
    /// other way round.
    private func reshape(_ p: GemmSchedule, why: String) -> [Candidate] {
        var out: [Candidate] = []
        if p.tj > 1 { var c = p; c.ti = p.ti * 2; c.tj = p.tj / 2; out.append((c, why)) }
        if p.ti > 1 { var c = p; c.ti = p.ti / 2; c.tj = p.tj * 2; out.append((c, why)) }
        return out
    }

    private func toggles(_ p: GemmSchedule, _ keys: [WritableKeyPath<GemmSchedule, Bool>], why: String) -> [Candidate] {
        keys.compactMap { key in
            guard !p[keyPath: key] else { return nil }
            var c = p
            c[keyPath: key] = true
            return (c, why)
        }
    }

    private func reorder(_ p: GemmSchedule, why: String) -> [Candidate] {
        var c = p
        c.order = p.order == .ij ? .ji : .ij
        var out: [Candidate] = []
        if p.reuse == .none {
            out.append((c, why))
        } else {
            // The resident operand follows the new order.
            var swapped = c
            swapped.reuse = p.reuse == .a ? .b : .a
            out.append((swapped, why))
            var none = c
            none.reuse = .none
            out.append((none, why))
        }
        return out
    }

    private func reuse(_ p: GemmSchedule, why: String) -> [Candidate] {
        guard p.reuse == .none else { return [] }
        var a = p, b = p
        a.reuse = .a; a.order = .ij
        b.reuse = .b; b.order = .ji
        var out = [(a, why), (b, why)]
        // A panel that does not fit with two slots may fit with one.
        for c in [a, b] where !shape.isValid(c) && c.sbuf == 2 {
            var single = c
            single.sbuf = 1
            out.append((single, why))
        }
        return out
    }

    private func buffer(_ p: GemmSchedule, why: String) -> [Candidate] {
        var out: [Candidate] = []
        if p.sbuf == 1 { var c = p; c.sbuf = 2; out.append((c, why)) }
        if p.abuf == 1 { var c = p; c.abuf = 2; out.append((c, why)) }
        return out
    }

    private func wider(_ p: GemmSchedule) -> [Candidate] {
        guard p.move < 4 else { return [] }
        var c = p
        c.move = 4
        return [(c, "One mvin of up to four blocks (64 int8 columns) replaces four single-block mvins: fewer commands for the core to issue and fewer DMA requests.")]
    }

    /// gemmini_loop_ws per tile: the current tile if it fits the unroller's half of the
    /// memories, and the largest fitting tiles.
    private func toHardwareLoop(_ p: GemmSchedule) -> [Candidate] {
        let why = "The core issues two RoCC commands (preload, compute) per 16-cycle block multiply, so explicit code cannot keep the array busy; gemmini_loop_ws hands each tile to the hardware unroller, which issues the mvins, preloads, computes and mvouts itself and overlaps successive loops."
        var base = GemmSchedule(loop: true, ti: p.ti, tj: p.tj, tk: p.tk, order: p.order)
        base.sbuf = 1
        var out: [Candidate] = [(base, why)]
        // The output tiles (at most half the accumulator) with the deepest K that fits,
        // ranked by data moved per multiply: the best three.
        func score(_ s: GemmSchedule) -> Double {
            Double(s.ti * s.tk + s.tk * s.tj) / Double(s.ti * s.tj * s.tk) + 1.0 / Double(s.tk)
        }
        var ranked: [GemmSchedule] = []
        for ti in 1...min(shape.NI, 32) {
            for tj in 1...min(shape.NJ, 32) where ti * tj * shape.hardware.dim <= shape.hardware.accumulatorRows / 2 {
                let tk = max(1, min(shape.NK, shape.hardware.scratchpadRows / 2 / shape.hardware.dim / (ti + tj)))
                let c = GemmSchedule(loop: true, ti: ti, tj: tj, tk: tk, order: p.order, sbuf: 1)
                if shape.isValid(c) { ranked.append(c) }
            }
        }
        ranked.sort { (score($0), $0.ti) < (score($1), $1.ti) }
        out += ranked.prefix(3).map { ($0, why) }
        var middle = base
        middle.ti = max(p.ti, 2); middle.tj = max(p.tj, 4); middle.tk = max(p.tk, 8)
        out.append((middle, why))
        return out.map { c in (shape.isValid(shape.clipped(c.0)) ? c.0 : shrinkToFit(c.0), c.1) }
    }

    /// The tile made to fit: the output tile shrinks (its larger side first) until it fits
    /// the accumulator, then K until the operands fit the scratchpad.
    private func shrinkToFit(_ s: GemmSchedule) -> GemmSchedule {
        var c = shape.clipped(s)
        while shape.accumulatorRows(c) > (c.loop ? shape.hardware.accumulatorRows / 2 : shape.hardware.accumulatorRows) && c.ti * c.tj > 1 {
            if c.ti >= c.tj { c.ti -= 1 } else { c.tj -= 1 }
        }
        while !shape.isValid(c) && c.tk > 1 { c.tk -= 1 }
        return c
    }

    // MARK: - Plan text

    private func plan(_ option: OptimizationMenu.Option, _ p: GemmSchedule, _ c: GemmSchedule, _ why: String) -> String {
        var lines = ["Option: \(option.text).", "The current code: " + GemmCodeGenerator(shape: shape).summary(p)]
        lines.append("Plan:")
        lines += changes(p, c).map { "- " + $0 }
        let spad = shape.scratchpadRows(c), acc = shape.accumulatorRows(c)
        lines.append(String(format: "- Capacity: the new code uses %.1f of 256 KB of scratchpad (%d rows) and %.0f of 64 KB of accumulator (%d rows).",
                            shape.hardware.scratchpadKB(c.loop ? spad : GemmLayout(shape: shape, schedule: c).scratchpadEnd), c.loop ? spad : GemmLayout(shape: shape, schedule: c).scratchpadEnd,
                            shape.hardware.accumulatorKB(acc), acc))
        lines.append("Why: " + why)
        lines.append("schedule: \(OfflineSchedule.gemm(c))")
        return lines.joined(separator: "\n")
    }

    private func changes(_ p: GemmSchedule, _ c: GemmSchedule) -> [String] {
        var out: [String] = []
        let dim = shape.hardware.dim
        if p.loop != c.loop {
            out.append("Replace the explicit mvin/preload/compute/mvout loops by one gemmini_loop_ws(ti, tj, tk, ...) per tile of \(c.ti)x\(c.tj) output blocks and \(c.tk) K blocks (A = &A[i0 * DIM][k0 * DIM], B = &B[k0 * DIM][j0 * DIM], C = &C[i0 * DIM][j0 * DIM] on the last K tile, NULL before; ex_accumulate = k0 > 0; strides \(shape.K), \(shape.J), \(shape.J)); keep config_ex, config_ld ids 0 and 1 and config_st, and the final fence().")
        } else {
            for (name, loopName, old, new, total) in [("I", "i0", p.ti, c.ti, shape.NI), ("J", "j0", p.tj, c.tj, shape.NJ), ("K", "k0", p.tk, c.tk, shape.NK)] where old != new {
                out.append("Change the tile along \(name) from \(old) to \(new) block(s) (\(new * dim) elements): \(loopName) steps by \(new) over \(total) blocks" + (total % new == 0 ? "" : ", the last tile clipped to \(total % new)") + ".")
            }
        }
        if p.order != c.order {
            out.append(c.order == .ij ? "Make i0 the outer tile loop and j0 the inner one." : "Make j0 the outer tile loop and i0 the inner one.")
        }
        if p.reuse != c.reuse {
            switch c.reuse {
            case .a: out.append("Keep the A panel of the current tile row (rows i0 * DIM onwards, all \(shape.K) columns: \(c.ti) x \(shape.NK) blocks) in the scratchpad from row 0: move it in only when j0 == 0 (an if around the A mvins), and read A block (i, k0 + k) at a_base + (i * \(shape.NK) + k) * DIM for the other J tiles.")
            case .b: out.append("Keep the B panel of the current tile column (all \(shape.K) rows, columns j0 * DIM onwards: \(shape.NK) x \(c.tj) blocks) in the scratchpad: move it in only when i0 == 0 (an if around the B mvins) and reuse it for the other I tiles.")
            case .none: out.append("Stop keeping an operand panel resident: move both A and B tiles in for every step.")
            }
        }
        if p.sbuf != c.sbuf {
            out.append(c.sbuf == 2 ? "Alternate the A and B slots between two scratchpad regions (slot = step % 2, a running count of K steps), so the mvins of step n+1 do not wait for the computes of step n." : "Use one scratchpad slot for the operands.")
        }
        if p.abuf != c.abuf {
            out.append(c.abuf == 2 ? "Alternate output tiles between two accumulator regions of \(c.ti * c.tj * dim) rows (c_base = (1u << 31) + (tile % 2) * \(c.ti * c.tj * dim)), so the next tile's first preload does not wait for this tile's mvouts." : "Use one accumulator region.")
        }
        if p.spread != c.spread {
            let l = GemmLayout(shape: shape, schedule: c)
            out.append("Move the B slots to scratchpad row \(l.bBase) (bank \(l.bBase / shape.hardware.bankRows)) and space the slots \(l.aSlotStride) (A) and \(l.bSlotStride) (B) rows apart, so A and the weights are read from different banks.")
        }
        if p.move != c.move {
            out.append("Move up to \(c.move) blocks (\(c.move * dim) columns) per mvin/mvin2/mvout instead of \(p.move); the block stride of config_ld stays DIM, matching the slot layout.")
        }
        if p.hoist != c.hoist {
            out.append("Hoist the address arithmetic: the A/B source pointers, the scratchpad destinations and the weight/output addresses advance by constant increments in the loop headers instead of being recomputed from (i0 + i) * DIM, (k0 + k) * DIM and friends at every command.")
        }
        if p.unroll != c.unroll {
            out.append("Unroll the loop over the \(c.ti) A blocks that share one preloaded weight tile: write out the \(c.ti) preload/compute pairs" + (shape.NI % c.ti == 0 ? "." : ", the ones past the clipped last tile guarded by if (i < ti)."))
        }
        return out
    }
}
