/// Writes the C code of a GEMM schedule: `void solution(...)` with the problem's signature,
/// preceded by a comment that describes the schedule and the marker line.
struct GemmCodeGenerator {
    var shape: GemmShape

    func code(for s: GemmSchedule) -> String {
        var w = CWriter()
        w.comment(summary(s))
        w.line(OfflineMarker.line(.gemm(s)))
        w.block(shape.signature) { w in
            configure(&w)
            if s.loop { hardwareLoop(&w, s) } else { explicit(&w, s) }
            w.line("fence();")
        }
        return w.text
    }

    /// One paragraph on what the code does.
    func summary(_ s: GemmSchedule) -> String {
        let dims = "C[\(shape.I)][\(shape.J)] = A[\(shape.I)][\(shape.K)] * B[\(shape.K)][\(shape.J)]"
        if s.loop {
            return "\(dims) with one gemmini_loop_ws per tile of \(s.ti)x\(s.tj) output blocks and \(s.tk) K blocks "
                + "(the hardware unroller issues the mvins, preloads, computes and mvouts; successive loops use "
                + "alternate halves of the scratchpad and accumulator); tiles along \(s.order == .ij ? "J inside I" : "I inside J")."
        }
        var parts = ["\(dims): output tiles of \(s.ti)x\(s.tj) blocks accumulate over K in the accumulator, \(s.tk) K block(s) per step, tiles along \(s.order == .ij ? "J inside I" : "I inside J")"]
        switch s.reuse {
        case .none: parts.append("A and B tiles are moved in for every step")
        case .a: parts.append("the A panel of a tile row (\(s.ti) x \(shape.NK) blocks) stays in the scratchpad across the J tiles, moved in once (if j0 == 0)")
        case .b: parts.append("the B panel of a tile column (\(shape.NK) x \(s.tj) blocks) stays in the scratchpad across the I tiles, moved in once (if i0 == 0)")
        }
        parts.append(s.sbuf == 2 ? "operands alternate between two scratchpad slots so loads overlap multiplies" : "one scratchpad slot")
        if s.spread { parts.append("A in banks 0-1 and B in banks 2-3") }
        parts.append(s.abuf == 2 ? "output tiles alternate between two accumulator regions so mvouts overlap the next tile" : "one accumulator region")
        parts.append("up to \(s.move) block(s) per mvin/mvout")
        if s.hoist { parts.append("addresses advance by hoisted increments") }
        if s.unroll { parts.append("the loop over the \(s.ti) A blocks sharing a weight tile is unrolled") }
        return parts.joined(separator: "; ") + "."
    }

    private func configure(_ w: inout CWriter) {
        w.line("config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);")
        w.line("config_ld(\(shape.K) * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);")
        w.line("config_ld(\(shape.J) * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);")
        w.line("config_st(\(shape.J) * sizeof(elem_t), ACC_SCALE_IDENTITY);")
    }

    /// `for (int x0 = 0; x0 < N; x0 += T) { const int tx = ...; body }`, with the clipping
    /// omitted when T divides N and the loop omitted when T == N.
    private func tileLoop(_ w: inout CWriter, _ name: String, count: Int, tile: Int, _ body: (inout CWriter) -> Void) {
        if tile == count {
            w.block("") { w in   // one tile: a plain block keeps the names scoped
                w.line("const int \(name)0 = 0, t\(name) = \(tile);")
                body(&w)
            }
            return
        }
        w.block("for (int \(name)0 = 0; \(name)0 < \(count); \(name)0 += \(tile))") { w in
            if count % tile == 0 {
                w.line("const int t\(name) = \(tile);")
            } else {
                w.line("const int t\(name) = \(count) - \(name)0 < \(tile) ? \(count) - \(name)0 : \(tile);")
            }
            body(&w)
        }
    }

    // MARK: - loop_ws

    private func hardwareLoop(_ w: inout CWriter, _ s: GemmSchedule) {
        let (outer, inner) = s.order == .ij ? (("i", shape.NI, s.ti), ("j", shape.NJ, s.tj)) : (("j", shape.NJ, s.tj), ("i", shape.NI, s.ti))
        tileLoop(&w, outer.0, count: outer.1, tile: outer.2) { w in
            tileLoop(&w, inner.0, count: inner.1, tile: inner.2) { w in
                tileLoop(&w, "k", count: shape.NK, tile: s.tk) { w in
                    let c = shape.NK == s.tk ? "&C[i0 * DIM][j0 * DIM]" : "k0 + tk == \(shape.NK) ? &C[i0 * DIM][j0 * DIM] : NULL"
                    let accumulate = shape.NK == s.tk ? "false" : "k0 > 0"
                    w.line("gemmini_loop_ws(ti, tj, tk, 0, 0, 0, &A[i0 * DIM][k0 * DIM], &B[k0 * DIM][j0 * DIM], NULL,")
                    w.line("                \(c), \(shape.K), \(shape.J), \(shape.J), \(shape.J),")
                    w.line("                false, false, false, false, \(accumulate), NO_ACTIVATION, 0, 0, false);")
                }
            }
        }
    }

    // MARK: - explicit code

    private func explicit(_ w: inout CWriter, _ s: GemmSchedule) {
        let layout = GemmLayout(shape: shape, schedule: s)
        w.line("const uint32_t accumulate = 1u << 30;       // add to the accumulator instead of overwriting")
        if s.sbuf == 2 { w.line("int step = 0;                                // K steps so far: the operand slot alternates") }
        if s.abuf == 2 { w.line("int tile = 0;                                // output tiles so far: the accumulator region alternates") }
        let (outer, inner) = s.order == .ij ? (("i", shape.NI, s.ti), ("j", shape.NJ, s.tj)) : (("j", shape.NJ, s.tj), ("i", shape.NI, s.ti))
        tileLoop(&w, outer.0, count: outer.1, tile: outer.2) { w in
            tileLoop(&w, inner.0, count: inner.1, tile: inner.2) { w in
                outputTile(&w, s, layout)
            }
        }
    }

    private func outputTile(_ w: inout CWriter, _ s: GemmSchedule, _ l: GemmLayout) {
        if s.abuf == 2 {
            w.line("const uint32_t c_base = (1u << 31) + (tile % 2) * \(l.accumulatorRegionRows);")
        } else {
            w.line("const uint32_t c_base = 1u << 31;            // accumulator row 0")
        }
        tileLoop(&w, "k", count: shape.NK, tile: s.tk) { w in
            kStep(&w, s, l)
        }
        // Move the finished tile out.
        let move = min(s.move, s.tj)
        w.block("for (int i = 0; i < ti; i++)") { w in
            if s.tj == 1 || move == 1 {
                w.block("for (int j = 0; j < tj; j++)") { w in
                    w.line("mvout(&C[(i0 + i) * DIM][(j0 + j) * DIM], c_base + (i * \(s.tj) + j) * DIM, DIM, DIM);")
                }
            } else {
                w.block("for (int j = 0; j < tj; j += \(move))") { w in
                    w.line("const int n = tj - j < \(move) ? tj - j : \(move);")
                    w.line("mvout(&C[(i0 + i) * DIM][(j0 + j) * DIM], c_base + (i * \(s.tj) + j) * DIM, n * DIM, DIM);")
                }
            }
        }
        if s.abuf == 2 { w.line("tile++;") }
    }

    private func kStep(_ w: inout CWriter, _ s: GemmSchedule, _ l: GemmLayout) {
        // Slot and panel bases.
        let slot = s.sbuf == 2 ? "(step % 2)" : nil
        switch s.reuse {
        case .a:
            let panel = s.sbuf == 2 ? " + ((i0 / \(s.ti)) % 2) * \(l.aSlotStride)" : ""
            w.line("const uint32_t a_base = \(0)\(panel) + k0 * DIM;   // A panel row block i, K block k0 + k: a_base + (i * \(l.aRowBlocks) + k) * DIM")
        default:
            w.line("const uint32_t a_base = \(slot.map { "\($0) * \(l.aSlotStride)" } ?? "0");")
        }
        switch s.reuse {
        case .b:
            let panel = s.sbuf == 2 ? " + ((j0 / \(s.tj)) % 2) * \(l.bSlotStride)" : ""
            w.line("const uint32_t b_base = \(l.bBase)\(panel) + k0 * \(s.tj) * DIM;")
        default:
            w.line("const uint32_t b_base = \(l.bBase)\(slot.map { " + \($0) * \(l.bSlotStride)" } ?? "");")
        }
        // Move A in.
        let loadA: (inout CWriter) -> Void = { w in moveIn(&w, s, operand: "A", l) }
        if s.reuse == .a {
            w.block("if (j0 == 0)", loadA)   // the panel stays for the other J tiles
        } else {
            loadA(&w)
        }
        let loadB: (inout CWriter) -> Void = { w in moveIn(&w, s, operand: "B", l) }
        if s.reuse == .b {
            w.block("if (i0 == 0)", loadB)
        } else {
            loadB(&w)
        }
        multiply(&w, s, l)
        if s.sbuf == 2 { w.line("step++;") }
    }

    private func moveIn(_ w: inout CWriter, _ s: GemmSchedule, operand: String, _ l: GemmLayout) {
        if operand == "A" {
            let move = min(s.move, s.tk)
            w.block("for (int i = 0; i < ti; i++)") { w in
                if s.hoist {
                    w.line("const elem_t *a_src = &A[(i0 + i) * DIM][k0 * DIM];")
                    w.line("uint32_t a_dst = a_base + i * \(l.aRowBlocks * 16);")
                    w.block("for (int k = 0; k < tk; k += \(move), a_src += \(move) * DIM, a_dst += \(move) * DIM)") { w in
                        w.line(move == 1 ? "mvin(a_src, a_dst, DIM, DIM);" : "mvin(a_src, a_dst, (tk - k < \(move) ? tk - k : \(move)) * DIM, DIM);")
                    }
                } else {
                    w.block("for (int k = 0; k < tk; k += \(move))") { w in
                        let cols = move == 1 ? "DIM" : "(tk - k < \(move) ? tk - k : \(move)) * DIM"
                        w.line("mvin(&A[(i0 + i) * DIM][(k0 + k) * DIM], a_base + (i * \(l.aRowBlocks) + k) * DIM, \(cols), DIM);")
                    }
                }
            }
        } else {
            let move = min(s.move, s.tj)
            w.block("for (int k = 0; k < tk; k++)") { w in
                if s.hoist {
                    w.line("const elem_t *b_src = &B[(k0 + k) * DIM][j0 * DIM];")
                    w.line("uint32_t b_dst = b_base + k * \(s.tj * 16);")
                    w.block("for (int j = 0; j < tj; j += \(move), b_src += \(move) * DIM, b_dst += \(move) * DIM)") { w in
                        w.line(move == 1 ? "mvin2(b_src, b_dst, DIM, DIM);" : "mvin2(b_src, b_dst, (tj - j < \(move) ? tj - j : \(move)) * DIM, DIM);")
                    }
                } else {
                    w.block("for (int j = 0; j < tj; j += \(move))") { w in
                        let cols = move == 1 ? "DIM" : "(tj - j < \(move) ? tj - j : \(move)) * DIM"
                        w.line("mvin2(&B[(k0 + k) * DIM][(j0 + j) * DIM], b_base + (k * \(s.tj) + j) * DIM, \(cols), DIM);")
                    }
                }
            }
        }
    }

    /// Weight-stationary order: each B block is preloaded once and multiplied with the ti
    /// A blocks of its column of the tile; the first K block overwrites the accumulator.
    private func multiply(_ w: inout CWriter, _ s: GemmSchedule, _ l: GemmLayout) {
        let aRow = l.aRowBlocks * 16, cRow = s.tj * 16
        let firstK = "k0 + k == 0"
        w.block("for (int k = 0; k < tk; k++)") { w in
            w.line("const uint32_t c_flag = \(firstK) ? 0 : accumulate;")
            if s.hoist {
                w.line("uint32_t b_addr = b_base + k * \(cRow);")
                w.line("uint32_t c_col = c_base;")
                w.block("for (int j = 0; j < tj; j++, b_addr += DIM, c_col += DIM)") { w in
                    w.line("const uint32_t a_addr = a_base + k * DIM;")
                    column(&w, s, a: "a_addr", aStep: aRow, b: "b_addr", c: "c_col", cStep: cRow)
                }
            } else {
                w.block("for (int j = 0; j < tj; j++)") { w in
                    column(&w, s, a: "a_base + k * DIM", aStep: aRow, b: "b_base + (k * \(s.tj) + j) * DIM", c: "c_base + j * DIM", cStep: cRow)
                }
            }
        }
    }

    /// The ti preload/compute pairs of one weight block.
    private func column(_ w: inout CWriter, _ s: GemmSchedule, a: String, aStep: Int, b: String, c: String, cStep: Int) {
        if s.unroll {
            let guarded = shape.NI % s.ti != 0   // the last tile row may hold fewer blocks
            for i in 0..<s.ti {
                let aAddr = i == 0 ? a : "\(a) + \(i * aStep)", cAddr = i == 0 ? "(\(c))" : "(\(c) + \(i * cStep))"
                let body: (inout CWriter) -> Void = { w in
                    if i == 0 {
                        w.line("preload(\(b), \(cAddr) | c_flag, DIM, DIM, DIM, DIM);")
                        w.line("compute_preloaded(\(aAddr), GARBAGE_ADDR, DIM, DIM, DIM, DIM);")
                    } else {
                        w.line("preload(GARBAGE_ADDR, \(cAddr) | c_flag, DIM, DIM, DIM, DIM);")
                        w.line("compute_accumulated(\(aAddr), GARBAGE_ADDR, DIM, DIM, DIM, DIM);")
                    }
                }
                if i > 0 && guarded { w.block("if (\(i) < ti)", body) } else { body(&w) }
            }
            return
        }
        w.line("preload(\(b), (\(c)) | c_flag, DIM, DIM, DIM, DIM);")
        w.line("compute_preloaded(\(a), GARBAGE_ADDR, DIM, DIM, DIM, DIM);")
        w.block("for (int i = 1; i < ti; i++)") { w in
            w.line("preload(GARBAGE_ADDR, (\(c) + i * \(cStep)) | c_flag, DIM, DIM, DIM, DIM);")
            w.line("compute_accumulated(\(a) + i * \(aStep), GARBAGE_ADDR, DIM, DIM, DIM, DIM);")
        }
    }
}
