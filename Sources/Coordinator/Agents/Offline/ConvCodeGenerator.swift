/// Writes the C code of a convolution schedule: `void solution(...)` with the problem's
/// signature, preceded by a comment that describes the schedule and the marker line.
struct ConvCodeGenerator {
    var shape: ConvShape

    func code(for s: ConvSchedule) -> String {
        var w = CWriter()
        w.comment(summary(s))
        w.line(OfflineMarker.line(.conv(s)))
        w.block(shape.signature) { w in
            if s.loop { hardwareLoop(&w, s) } else { explicit(&w, s) }
            w.line("fence();")
        }
        return w.text
    }

    func summary(_ s: ConvSchedule) -> String {
        let x = shape
        let dims = "output[\(x.batch)][\(x.P)][\(x.Q)][\(x.cout)] = 3x3 convolution of input[\(x.batch)][\(x.IH)][\(x.IW)][\(x.cin)] + bias"
        if s.loop {
            return "\(dims) with one gemmini_loop_conv_ws per tile of \(s.tb) image(s) x \(s.tr) output row(s) x \(s.to * 16) output channels x \(s.tc * 16) input channels (the conv unroller moves the bias, input and weights in, multiplies and moves the outputs out)."
        }
        var parts = ["\(dims): tiles of \(s.tr) output row(s) x \(x.Q) columns (\(x.QC) chunk(s) of up to 16 pixels) x \(s.to * 16) output channels accumulate in the accumulator, initialized with the bias"]
        parts.append(s.wres ? "the weights of an output-channel tile (\(s.to) x 9 x \(x.NC) blocks) stay in the scratchpad while all images and rows use them" : "each 16x16 weight block is moved in once per tile, before its computes")
        parts.append(s.irow ? "the tile's \(s.tr + 2) input rows (\(x.IW) pixels x \(x.cin) channels) are moved in once and the nine kernel positions read them at row/column offsets" : "each compute's 16-pixel x 16-channel input tile is moved in right before it")
        parts.append(s.sbuf == 2 ? "moved-in data alternates between two scratchpad slots" : "one scratchpad slot per operand")
        if s.spread { parts.append("inputs in the lower half of the scratchpad, weights in the upper half") }
        parts.append(s.abuf == 2 ? "tiles alternate between two accumulator regions" : "one accumulator region")
        if s.move > 1 { parts.append("up to \(s.move) blocks per input mvin, weight mvin2 and mvout") }
        if s.hoist { parts.append("addresses advance by hoisted increments") }
        if s.unroll { parts.append("the loop over the column chunks of a row is unrolled") }
        return parts.joined(separator: "; ") + "."
    }

    private func tileLoop(_ w: inout CWriter, _ name: String, count: Int, tile: Int, _ body: (inout CWriter) -> Void) {
        if tile == count {
            w.block("") { w in
                w.line("const int \(name)0 = 0, t\(name) = \(tile);")
                body(&w)
            }
            return
        }
        w.block("for (int \(name)0 = 0; \(name)0 < \(count); \(name)0 += \(tile))") { w in
            w.line(count % tile == 0 ? "const int t\(name) = \(tile);" : "const int t\(name) = \(count) - \(name)0 < \(tile) ? \(count) - \(name)0 : \(tile);")
            body(&w)
        }
    }

    // MARK: - loop_conv_ws

    private func hardwareLoop(_ w: inout CWriter, _ s: ConvSchedule) {
        let x = shape
        w.line("config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);")
        w.line("config_st(\(x.cout) * sizeof(elem_t), ACC_SCALE_IDENTITY);")
        tileLoop(&w, "b", count: x.batch, tile: s.tb) { w in
            tileLoop(&w, "r", count: x.P, tile: s.tr) { w in
                tileLoop(&w, "o", count: x.NO, tile: s.to) { w in
                    tileLoop(&w, "c", count: x.NC, tile: s.tc) { w in
                        let output = s.tc == x.NC ? "&output[b0][r0][0][o0 * DIM]" : "c0 + tc == \(x.NC) ? &output[b0][r0][0][o0 * DIM] : NULL"
                        let bias = s.tc == x.NC ? "&bias[o0 * DIM]" : "c0 == 0 ? &bias[o0 * DIM] : NULL"
                        w.line("gemmini_loop_conv_ws(\(x.batch), \(x.IH), \(x.IW), \(x.cin), \(x.cout), \(x.P), \(x.Q), \(x.P), \(x.Q),")
                        w.line("                     1, 0, 3, 1, 1, 1, 0,                  // stride, padding, kernel, dilation, pooling off")
                        w.line("                     tb, tr, \(x.Q), to * DIM, 3, 3, tc * DIM,   // the tile")
                        w.line("                     0, 0, 0, 0, 0, 0, 0, 0, tr, \(x.Q),       // no pads; output rows and columns")
                        w.line("                     &weights[0][0][c0 * DIM][o0 * DIM], \(output),")
                        w.line("                     \(bias), &input[b0][r0][0][c0 * DIM],")
                        w.line("                     false, true, false, false, false, NO_ACTIVATION, false, false, false, false,")
                        w.line("                     1, \(x.cin), \(x.cout), \(x.cout), false, 0, 0);")
                    }
                }
            }
        }
    }

    // MARK: - explicit code

    private func explicit(_ w: inout CWriter, _ s: ConvSchedule) {
        let x = shape, l = shape.layout(s)
        w.line("config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);")
        w.line("config_ld(\(x.cin) * sizeof(elem_t), MVIN_SCALE_IDENTITY, \(s.irow ? "\(x.IW)" : "DIM"), 0);   // input: one pixel per row")
        w.line("config_ld(\(x.cout) * sizeof(elem_t), MVIN_SCALE_IDENTITY, \(s.wres ? "\(9 * x.NC * 16)" : "DIM"), 1);   // weights: one input channel per row")
        w.line("config_ld(0, MVIN_SCALE_IDENTITY, DIM, 2);   // bias: stride 0 repeats the row for every pixel")
        w.line("config_st(\(x.cout) * sizeof(elem_t), ACC_SCALE_IDENTITY);")
        w.line("const uint32_t accumulate = 1u << 30;")
        if s.abuf == 2 || (s.irow && s.sbuf == 2) { w.line("int tile = 0;     // tiles so far: alternates the accumulator region / input slot") }
        if !s.irow && s.sbuf == 2 { w.line("int astep = 0;    // input tiles moved in so far: alternates their slot") }
        if !s.wres && s.sbuf == 2 { w.line("int wstep = 0;    // weight blocks moved in so far: alternates their slot") }
        if s.wres {
            tileLoop(&w, "o", count: x.NO, tile: s.to) { w in
                let parity = s.sbuf == 2 ? " + ((o0 / \(s.to)) % 2) * \(l.weightStride)" : ""
                w.line("const uint32_t w_base = \(l.weightBase)\(parity);")
                let move = min(s.move, s.to)
                w.comment("The weights of this output-channel tile, kept for every image and row.")
                w.block("for (int kr = 0; kr < 3; kr++)") { w in
                    w.block("for (int kc = 0; kc < 3; kc++)") { w in
                        w.block("for (int c = 0; c < \(x.NC); c++)") { w in
                            w.block("for (int o = 0; o < to; o += \(move))") { w in
                                let cols = move == 1 ? "DIM" : "(to - o < \(move) ? to - o : \(move)) * DIM"
                                w.line("mvin2(&weights[kr][kc][c * DIM][(o0 + o) * DIM], w_base + o * \(9 * x.NC * 16) + ((kr * 3 + kc) * \(x.NC) + c) * DIM, \(cols), DIM);")
                            }
                        }
                    }
                }
                w.block("for (int b = 0; b < \(x.batch); b++)") { w in
                    tileLoop(&w, "r", count: x.P, tile: s.tr) { w in tileBody(&w, s, l) }
                }
            }
        } else {
            w.block("for (int b = 0; b < \(x.batch); b++)") { w in
                tileLoop(&w, "r", count: x.P, tile: s.tr) { w in
                    tileLoop(&w, "o", count: x.NO, tile: s.to) { w in tileBody(&w, s, l) }
                }
            }
        }
    }

    private func width(_ q: String) -> String {
        shape.lastWidth == 16 ? "DIM" : "(\(q) == \(shape.QC - 1) ? \(shape.lastWidth) : DIM)"
    }

    private func tileBody(_ w: inout CWriter, _ s: ConvSchedule, _ l: ConvLayout) {
        let x = shape, TO = s.to
        w.line(s.abuf == 2 ? "const uint32_t c_base = (1u << 31) + (tile % 2) * \(x.accumulatorRegionRows(s));" : "const uint32_t c_base = 1u << 31;")
        if s.irow {
            w.line("const uint32_t in_base = \(s.sbuf == 2 ? "(tile % 2) * \(l.inputStride)" : "0");")
            let move = min(s.move, x.NC)
            w.comment("The tile's input rows r0 .. r0 + tr + 1: pixel px of row r, channel block c at in_base + (r * \(x.NC) + c) * \(x.IW) + px.")
            w.block("for (int r = 0; r < tr + 2; r++)") { w in
                w.block("for (int c = 0; c < \(x.NC); c += \(move))") { w in
                    w.block("for (int px = 0; px < \(x.IW); px += DIM)") { w in
                        let cols = move == 1 ? "DIM" : (x.NC % move == 0 ? "\(move) * DIM" : "(\(x.NC) - c < \(move) ? \(x.NC) - c : \(move)) * DIM")
                        w.line("mvin(&input[b][r0 + r][px][c * DIM], in_base + (r * \(x.NC) + c) * \(x.IW) + px, \(cols), \(x.IW) - px < DIM ? \(x.IW) - px : DIM);")
                    }
                }
            }
        }
        w.comment("Bias into every output tile (overwrites the accumulator rows; the computes add to them).")
        w.block("for (int rr = 0; rr < tr; rr++)") { w in
            w.block("for (int q = 0; q < \(x.QC); q++)") { w in
                w.block("for (int o = 0; o < to; o++)") { w in
                    w.line("mvin3(&bias[(o0 + o) * DIM], c_base + ((rr * \(x.QC) + q) * \(TO) + o) * DIM, DIM, \(width("q")));")
                }
            }
        }
        w.block("for (int o = 0; o < to; o++)") { w in
            w.block("for (int kr = 0; kr < 3; kr++)") { w in
                w.block("for (int kc = 0; kc < 3; kc++)") { w in
                    w.block("for (int c = 0; c < \(x.NC); c++)") { w in
                        if s.wres {
                            w.line("const uint32_t w = w_base + o * \(9 * x.NC * 16) + ((kr * 3 + kc) * \(x.NC) + c) * DIM;")
                        } else {
                            w.line("const uint32_t w = \(l.weightBase)\(s.sbuf == 2 ? " + (wstep++ % 2) * \(l.weightStride)" : "");")
                            w.line("mvin2(&weights[kr][kc][c * DIM][(o0 + o) * DIM], w, DIM, DIM);")
                        }
                        w.block("for (int rr = 0; rr < tr; rr++)") { w in
                            chunks(&w, s, l)
                        }
                    }
                }
            }
        }
        let move = min(s.move, s.to)
        w.block("for (int rr = 0; rr < tr; rr++)") { w in
            w.block("for (int q = 0; q < \(x.QC); q++)") { w in
                w.block("for (int o = 0; o < to; o += \(move))") { w in
                    let cols = move == 1 ? "DIM" : "(to - o < \(move) ? to - o : \(move)) * DIM"
                    w.line("mvout(&output[b][r0 + rr][q * DIM][(o0 + o) * DIM], c_base + ((rr * \(x.QC) + q) * \(TO) + o) * DIM, \(cols), \(width("q")));")
                }
            }
        }
        if s.abuf == 2 || (s.irow && s.sbuf == 2) { w.line("tile++;") }
    }

    /// The computes of one weight block over the column chunks of output row rr; the first
    /// one of the block (rr == 0, q == 0) takes the preloaded weights.
    private func chunks(_ w: inout CWriter, _ s: ConvSchedule, _ l: ConvLayout) {
        let x = shape, TO = s.to
        func pair(_ w: inout CWriter, q: String, width: String, a: String, c: String) {
            if !s.irow {
                w.line("const uint32_t a = \(s.sbuf == 2 ? "(astep++ % 2) * \(l.inputStride)" : "0");")
                w.line("mvin(&input[b][r0 + rr + kr][\(q) * DIM + kc][c * DIM], a, DIM, \(width));")
            }
            let aAddr = s.irow ? a : "a"
            w.block("if (rr == 0 && \(q) == 0)") { w in
                w.line("preload(w, \(c) | accumulate, DIM, DIM, DIM, \(width));")
                w.line("compute_preloaded(\(aAddr), GARBAGE_ADDR, DIM, \(width), DIM, \(width));")
            }
            w.block("else") { w in
                w.line("preload(GARBAGE_ADDR, \(c) | accumulate, DIM, DIM, DIM, \(width));")
                w.line("compute_accumulated(\(aAddr), GARBAGE_ADDR, DIM, \(width), DIM, \(width));")
            }
        }
        let aRow = "in_base + ((rr + kr) * \(x.NC) + c) * \(x.IW) + kc"
        let cRow = "c_base + (rr * \(x.QC * TO) + o) * DIM"
        if s.unroll {
            if s.hoist {
                w.line(s.irow ? "const uint32_t a_row = \(aRow), c_row = \(cRow);" : "const uint32_t c_row = \(cRow);")
            }
            for q in 0..<x.QC {
                let wd = q == x.QC - 1 && x.lastWidth != 16 ? "\(x.lastWidth)" : "DIM"
                let a = s.hoist ? "a_row + \(q * 16)" : "\(aRow) + \(q * 16)"
                let c = s.hoist ? "(c_row + \(q * TO * 16))" : "(\(cRow) + \(q * TO * 16))"
                w.block("") { w in pair(&w, q: "\(q)", width: wd, a: a, c: c) }
            }
            return
        }
        if s.hoist {
            w.line(s.irow ? "uint32_t a_addr = \(aRow), c_addr = \(cRow);" : "uint32_t c_addr = \(cRow);")
            w.block(s.irow ? "for (int q = 0; q < \(x.QC); q++, a_addr += DIM, c_addr += \(TO) * DIM)" : "for (int q = 0; q < \(x.QC); q++, c_addr += \(TO) * DIM)") { w in
                pair(&w, q: "q", width: width("q"), a: "a_addr", c: "c_addr")
            }
        } else {
            w.block("for (int q = 0; q < \(x.QC); q++)") { w in
                pair(&w, q: "q", width: width("q"), a: "\(aRow) + q * DIM", c: "(\(cRow) + q * \(TO) * DIM)")
            }
        }
    }
}
