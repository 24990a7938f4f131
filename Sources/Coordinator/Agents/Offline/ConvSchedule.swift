/// The knobs of a convolution program (NHWC, 3x3, stride 1, batch 4, padding in the input,
/// int32 bias) the offline agent generates. Channel counts are in DIM-channel blocks.
///
/// - `loop`: 0 the core issues every command; 1 one `gemmini_loop_conv_ws` per tile.
/// - `tb`, `tr`, `to`, `tc`: the tile: images, output rows, output-channel blocks and (loop
///   only) input-channel blocks per tile; a tile always spans whole output rows.
/// - `irow`: the tile's input rows (tr + 2 rows of Q + 2 pixels, all input channels) are moved
///   in once and the nine kernel positions read them at row/column offsets (im2col-style
///   reuse); otherwise each compute's 16-pixel input tile is moved in before it.
/// - `wres`: the weights of an output-channel tile stay in the scratchpad while every image
///   and row is computed with them (output-channel tiles become the outer loop); otherwise
///   each weight block is moved in once per tile.
/// - `sbuf`, `abuf`, `move`, `spread`, `hoist`, `unroll`: as for GEMM (`unroll` writes out the
///   loop over the column chunks of a row).
public struct ConvSchedule: Sendable, Hashable {
    public var loop: Bool
    public var tb: Int, tr: Int, to: Int, tc: Int
    public var irow: Bool
    public var wres: Bool
    public var sbuf: Int
    public var abuf: Int
    public var move: Int
    public var spread: Bool
    public var hoist: Bool
    public var unroll: Bool

    public init(loop: Bool = false, tb: Int = 1, tr: Int = 1, to: Int = 1, tc: Int = 1, irow: Bool = false, wres: Bool = false,
                sbuf: Int = 1, abuf: Int = 1, move: Int = 1, spread: Bool = false, hoist: Bool = false, unroll: Bool = false) {
        self.loop = loop
        self.tb = tb; self.tr = tr; self.to = to; self.tc = tc
        self.irow = irow
        self.wres = wres
        self.sbuf = sbuf
        self.abuf = abuf
        self.move = move
        self.spread = spread
        self.hoist = hoist
        self.unroll = unroll
    }

    var fields: KeyValuePairs<String, String> {
        ["loop": ScheduleText.flag(loop), "tb": "\(tb)", "tr": "\(tr)", "to": "\(to)", "tc": "\(tc)",
         "irow": ScheduleText.flag(irow), "wres": ScheduleText.flag(wres), "sbuf": "\(sbuf)", "abuf": "\(abuf)",
         "move": "\(move)", "spread": ScheduleText.flag(spread), "hoist": ScheduleText.flag(hoist),
         "unroll": ScheduleText.flag(unroll)]
    }

    init?(fields f: [String: String]) {
        guard f.count == 13,
              let loop = ScheduleText.bool(f, "loop"),
              let tb = ScheduleText.int(f, "tb", in: 1...4096), let tr = ScheduleText.int(f, "tr", in: 1...4096),
              let to = ScheduleText.int(f, "to", in: 1...4096), let tc = ScheduleText.int(f, "tc", in: 1...4096),
              let irow = ScheduleText.bool(f, "irow"), let wres = ScheduleText.bool(f, "wres"),
              let sbuf = ScheduleText.int(f, "sbuf", in: 1...2), let abuf = ScheduleText.int(f, "abuf", in: 1...2),
              let move = ScheduleText.int(f, "move", in: 1...4), [1, 2, 4].contains(move),
              let spread = ScheduleText.bool(f, "spread"), let hoist = ScheduleText.bool(f, "hoist"),
              let unroll = ScheduleText.bool(f, "unroll")
        else { return nil }
        self.init(loop: loop, tb: tb, tr: tr, to: to, tc: tc, irow: irow, wres: wres, sbuf: sbuf, abuf: abuf, move: move,
                  spread: spread, hoist: hoist, unroll: unroll)
    }
}

/// A convolution problem's sizes and what a schedule needs of the local memories.
struct ConvShape: Sendable {
    var hardware: OfflineHardware
    var batch: Int, P: Int, Q: Int, cin: Int, cout: Int
    /// Channel blocks, column chunks of an output row, and the width of the last chunk.
    var NC: Int, NO: Int, QC: Int, lastWidth: Int
    /// Input rows and columns (padding included).
    var IH: Int, IW: Int
    var signature: String

    init(problem: Problem, hardware: OfflineHardware) throws(OfflineTransformerError) {
        let d = problem.manifest.dimensions
        guard let batch = d["batch"], let P = d["outRows"], let Q = d["outCols"], let cin = d["inChannels"],
              let cout = d["outChannels"], d["kernel"] == 3, d["stride"] == 1, d["inRows"] == P + 2, d["inCols"] == Q + 2
        else {
            throw OfflineTransformerError(.unsupportedShape, "\(problem.id): the offline agent's convolution code needs a 3x3, stride-1 convolution with the padding in the input")
        }
        let dim = hardware.dim
        guard cin % dim == 0, cout % dim == 0 else {
            throw OfflineTransformerError(.unsupportedShape, "\(problem.id): channel counts must be multiples of \(dim)")
        }
        self.hardware = hardware
        self.batch = batch; self.P = P; self.Q = Q; self.cin = cin; self.cout = cout
        NC = cin / dim; NO = cout / dim
        QC = (Q + dim - 1) / dim
        lastWidth = Q - (QC - 1) * dim
        IH = P + 2; IW = Q + 2
        signature = problem.signature
    }

    func clipped(_ s: ConvSchedule) -> ConvSchedule {
        var s = s
        s.tb = min(s.tb, batch); s.tr = min(s.tr, P); s.to = min(s.to, NO); s.tc = min(s.tc, NC)
        return s
    }

    // Explicit code: rows of one input region / weight region (per buffer) and accumulator rows.
    func inputRegionRows(_ s: ConvSchedule) -> Int { s.irow ? (s.tr + 2) * NC * IW : hardware.dim }
    func weightRegionRows(_ s: ConvSchedule) -> Int { s.wres ? s.to * 9 * NC * hardware.dim : hardware.dim }
    func accumulatorRegionRows(_ s: ConvSchedule) -> Int { s.tr * QC * s.to * hardware.dim }

    /// loop_conv_ws: scratchpad rows of the tile's input and weights, accumulator rows of its outputs.
    func loopScratchpadRows(_ s: ConvSchedule) -> Int { s.tc * s.tb * (s.tr + 2) * IW + s.to * 9 * s.tc * hardware.dim }
    func loopAccumulatorRows(_ s: ConvSchedule) -> Int { s.to * s.tb * s.tr * Q }

    func layout(_ s: ConvSchedule) -> ConvLayout { ConvLayout(shape: self, schedule: s) }

    func isValid(_ s: ConvSchedule) -> Bool {
        guard s.tb >= 1, s.tr >= 1, s.to >= 1, s.tc >= 1, s.tb <= batch, s.tr <= P, s.to <= NO, s.tc <= NC else { return false }
        guard [1, 2, 4].contains(s.move), (1...2).contains(s.sbuf), (1...2).contains(s.abuf) else { return false }
        if s.loop {
            guard !s.irow, !s.wres, s.sbuf == 1, s.abuf == 1, s.move == 1, !s.spread, !s.hoist, !s.unroll else { return false }
            return loopScratchpadRows(s) <= hardware.scratchpadRows && loopAccumulatorRows(s) <= hardware.accumulatorRows / 2
        }
        guard s.tb == 1, s.tc == NC else { return false }
        if s.unroll && QC > 8 { return false }
        let l = layout(s)
        return l.scratchpadEnd <= hardware.scratchpadRows && s.abuf * accumulatorRegionRows(s) <= hardware.accumulatorRows
            && (!s.spread || l.inputEnd <= hardware.scratchpadRows / 2)
    }
}

/// Where explicit convolution code keeps its data: the input region(s), then the weight
/// region(s); with `spread` the weights start at the scratchpad's upper half.
struct ConvLayout: Sendable {
    var inputRows: Int, weightRows: Int
    var inputStride: Int, weightStride: Int
    var weightBase: Int
    var inputEnd: Int, scratchpadEnd: Int

    init(shape: ConvShape, schedule s: ConvSchedule) {
        let half = shape.hardware.scratchpadRows / 2, bank = shape.hardware.bankRows
        inputRows = shape.inputRegionRows(s)
        weightRows = shape.weightRegionRows(s)
        if s.spread {
            inputStride = s.sbuf > 1 && inputRows <= bank ? bank : inputRows
            weightStride = s.sbuf > 1 && weightRows <= bank ? bank : weightRows
            weightBase = half
        } else {
            inputStride = inputRows
            weightStride = weightRows
            weightBase = s.sbuf * inputRows
        }
        inputEnd = (s.sbuf - 1) * inputStride + inputRows
        scratchpadEnd = weightBase + (s.sbuf - 1) * weightStride + weightRows
    }
}
