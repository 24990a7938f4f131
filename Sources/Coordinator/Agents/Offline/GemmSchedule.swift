/// The knobs of a GEMM program (C[I][J] = A[I][K] · B[K][J], int8, no bias) the offline agent
/// generates. Sizes count DIM x DIM blocks.
///
/// - `loop`: 0 the core issues every mvin / preload / compute / mvout; 1 one `gemmini_loop_ws`
///   per tile (the hardware unroller issues them).
/// - `ti`, `tj`, `tk`: the tile: output blocks along I and J, and the K blocks moved in per step.
/// - `order`: `ij` (tiles along J inside tiles along I) or `ji`.
/// - `reuse`: `a` keeps the A row panel of a tile row (ti x all of K) in the scratchpad across
///   the J tiles, loaded once behind `if (j0 == 0)`; `b` keeps B's column panel across the I
///   tiles (`if (i0 == 0)`); `none` reloads both per tile (explicit code only).
/// - `sbuf`: scratchpad slots the operands of successive K steps alternate between (1 or 2).
/// - `abuf`: accumulator regions successive output tiles alternate between (1 or 2).
/// - `move`: blocks one mvin / mvout carries (1, 2 or 4; the ISA's limit is 4 for int8 rows).
/// - `spread`: A's slots live in scratchpad banks 0-1 and B's in banks 2-3 (one bank per slot
///   when it fits), so an operation never reads A and the weights from the same bank.
/// - `hoist`: addresses advance by increments computed outside the inner loops.
/// - `unroll`: the loop over the ti A blocks that share one weight tile is written out.
public struct GemmSchedule: Sendable, Hashable {
    public enum Order: String, Sendable, CaseIterable { case ij, ji }
    public enum Reuse: String, Sendable, CaseIterable { case none, a, b }

    public var loop: Bool
    public var ti: Int, tj: Int, tk: Int
    public var order: Order
    public var reuse: Reuse
    public var sbuf: Int
    public var abuf: Int
    public var move: Int
    public var spread: Bool
    public var hoist: Bool
    public var unroll: Bool

    public init(loop: Bool = false, ti: Int = 1, tj: Int = 4, tk: Int = 1, order: Order = .ij, reuse: Reuse = .none,
                sbuf: Int = 2, abuf: Int = 1, move: Int = 4, spread: Bool = false, hoist: Bool = false, unroll: Bool = false) {
        self.loop = loop
        self.ti = ti
        self.tj = tj
        self.tk = tk
        self.order = order
        self.reuse = reuse
        self.sbuf = sbuf
        self.abuf = abuf
        self.move = move
        self.spread = spread
        self.hoist = hoist
        self.unroll = unroll
    }

    var fields: KeyValuePairs<String, String> {
        ["loop": ScheduleText.flag(loop), "ti": "\(ti)", "tj": "\(tj)", "tk": "\(tk)", "order": order.rawValue,
         "reuse": reuse.rawValue, "sbuf": "\(sbuf)", "abuf": "\(abuf)", "move": "\(move)",
         "spread": ScheduleText.flag(spread), "hoist": ScheduleText.flag(hoist), "unroll": ScheduleText.flag(unroll)]
    }

    init?(fields f: [String: String]) {
        guard f.count == 12,
              let loop = ScheduleText.bool(f, "loop"),
              let ti = ScheduleText.int(f, "ti", in: 1...4096), let tj = ScheduleText.int(f, "tj", in: 1...4096),
              let tk = ScheduleText.int(f, "tk", in: 1...4096),
              let order = f["order"].flatMap(Order.init(rawValue:)), let reuse = f["reuse"].flatMap(Reuse.init(rawValue:)),
              let sbuf = ScheduleText.int(f, "sbuf", in: 1...2), let abuf = ScheduleText.int(f, "abuf", in: 1...2),
              let move = ScheduleText.int(f, "move", in: 1...4), [1, 2, 4].contains(move),
              let spread = ScheduleText.bool(f, "spread"), let hoist = ScheduleText.bool(f, "hoist"), let unroll = ScheduleText.bool(f, "unroll")
        else { return nil }
        self.init(loop: loop, ti: ti, tj: tj, tk: tk, order: order, reuse: reuse, sbuf: sbuf, abuf: abuf, move: move,
                  spread: spread, hoist: hoist, unroll: unroll)
    }
}

/// A GEMM problem's sizes in blocks and what a schedule needs of the local memories.
struct GemmShape: Sendable {
    var hardware: OfflineHardware
    /// Elements.
    var I: Int, J: Int, K: Int
    /// Blocks.
    var NI: Int, NJ: Int, NK: Int
    /// The signature line from problem.json.
    var signature: String

    init(problem: Problem, hardware: OfflineHardware) throws(OfflineTransformerError) {
        let d = problem.manifest.dimensions
        guard let I = d["I"], let J = d["J"], let K = d["K"], I > 0, J > 0, K > 0 else {
            throw OfflineTransformerError(.unsupportedShape, "\(problem.id): problem.json lacks the GEMM dimensions I, J and K")
        }
        let dim = hardware.dim
        guard I % dim == 0, J % dim == 0, K % dim == 0 else {
            throw OfflineTransformerError(.unsupportedShape, "\(problem.id): I, J and K must be multiples of \(dim) for the offline agent's GEMM code")
        }
        self.hardware = hardware
        self.I = I; self.J = J; self.K = K
        NI = I / dim; NJ = J / dim; NK = K / dim
        signature = problem.signature
    }

    /// The tile clipped to the problem (a schedule never asks for more blocks than exist).
    func clipped(_ s: GemmSchedule) -> GemmSchedule {
        var s = s
        s.ti = min(s.ti, NI); s.tj = min(s.tj, NJ); s.tk = min(s.tk, NK)
        return s
    }

    /// Scratchpad rows the explicit code uses: operand slots (and the resident panel).
    func scratchpadRows(_ s: GemmSchedule) -> Int {
        let dim = hardware.dim
        if s.loop { return (s.ti * s.tk + s.tk * s.tj) * dim }
        switch s.reuse {
        case .none: return s.sbuf * (s.ti * s.tk + s.tk * s.tj) * dim
        case .a: return s.sbuf * (s.ti * NK + s.tk * s.tj) * dim
        case .b: return s.sbuf * (s.ti * s.tk + NK * s.tj) * dim
        }
    }

    /// Accumulator rows the code uses.
    func accumulatorRows(_ s: GemmSchedule) -> Int {
        s.loop ? s.ti * s.tj * hardware.dim : s.abuf * s.ti * s.tj * hardware.dim
    }

    /// Whether the schedule is well formed and its data fit (loop_ws: half of each memory).
    func isValid(_ s: GemmSchedule) -> Bool {
        guard s.ti >= 1, s.tj >= 1, s.tk >= 1, s.ti <= NI, s.tj <= NJ, s.tk <= NK else { return false }
        guard [1, 2, 4].contains(s.move), (1...2).contains(s.sbuf), (1...2).contains(s.abuf) else { return false }
        if s.loop {
            // The unroller fits its tile in half the scratchpad and half the accumulator and
            // reloads its operands; the explicit-only knobs stay at their neutral values.
            guard s.reuse == .none, s.sbuf == 1, s.abuf == 1, s.move == 4, !s.spread, !s.unroll, !s.hoist else { return false }
            return scratchpadRows(s) <= hardware.scratchpadRows / 2 && accumulatorRows(s) <= hardware.accumulatorRows / 2
        }
        if s.reuse == .a && s.order != .ij { return false }
        if s.reuse == .b && s.order != .ji { return false }
        if s.unroll && s.ti > 8 { return false }
        let layout = GemmLayout(shape: self, schedule: s)
        return layout.scratchpadEnd <= hardware.scratchpadRows && accumulatorRows(s) <= hardware.accumulatorRows
            && (!s.spread || layout.aRegionRows <= hardware.scratchpadRows / 2)
    }
}
