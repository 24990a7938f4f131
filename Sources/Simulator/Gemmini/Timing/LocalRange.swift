/// A range of scratchpad or accumulator rows a command reads or writes, for the reservation
/// station's dependency checks (gemmini-reference.md 5.2). Ranges overlap only when both are
/// in the scratchpad or both in the accumulator; garbage addresses have no range.
///
/// The station compares every new command with every entry of the other pools, so a range is
/// kept as one interval on a single number line: accumulator rows are placed past every
/// scratchpad row, and an empty range is inverted so that it overlaps nothing. The overlap
/// test is then two comparisons.
struct LocalRange {
    /// The interval [lower, upper) on the shared line; lower > upper for an empty range.
    private(set) var lower: Int
    private(set) var upper: Int

    /// Where accumulator rows start on the shared line (far beyond any scratchpad row).
    private static let accumulatorOrigin = 1 << 40

    static let none = LocalRange(lower: .max, upper: .min)

    private init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    @inline(__always)
    init(accumulator: Bool, start: Int, end: Int) {
        if end <= start {
            self = .none
        } else {
            let origin = accumulator ? Self.accumulatorOrigin : 0
            self.init(lower: origin + start, upper: origin + end)
        }
    }

    /// `rows` rows from a local address (none for garbage).
    @inline(__always)
    init(_ address: LocalAddress, rows: Int) {
        if address.isGarbage || rows <= 0 {
            self = .none
        } else {
            self.init(accumulator: address.isAccumulator, start: address.row, end: address.row + rows)
        }
    }

    var isEmpty: Bool { upper <= lower }
    var accumulator: Bool { !isEmpty && lower >= Self.accumulatorOrigin }
    /// The first row and one past the last, within its memory.
    var start: Int { accumulator ? lower - Self.accumulatorOrigin : lower }
    var end: Int { accumulator ? upper - Self.accumulatorOrigin : upper }

    @inline(__always) func overlaps(_ other: LocalRange) -> Bool {
        lower < other.upper && other.lower < upper
    }

    /// The same rows `rows` further on (within the same memory); an empty range stays empty.
    @inline(__always) mutating func move(by rows: Int) {
        guard !isEmpty else { return }
        lower += rows
        upper += rows
    }
}
