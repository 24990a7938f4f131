/// A range of scratchpad or accumulator rows a command reads or writes, for the reservation
/// station's dependency checks (gemmini-reference.md 5.2). Ranges overlap only when both are
/// in the scratchpad or both in the accumulator; garbage addresses have no range.
struct LocalRange {
    var accumulator: Bool
    var start: Int
    var end: Int

    static let none = LocalRange(accumulator: false, start: 0, end: 0)

    var isEmpty: Bool { end <= start }

    @inline(__always) func overlaps(_ other: LocalRange) -> Bool {
        !isEmpty && !other.isEmpty && accumulator == other.accumulator && start < other.end && other.start < end
    }

    /// `rows` rows from a local address (none for garbage).
    init(_ address: LocalAddress, rows: Int) {
        if address.isGarbage || rows <= 0 {
            self = .none
        } else {
            self.init(accumulator: address.isAccumulator, start: address.row, end: address.row + rows)
        }
    }

    init(accumulator: Bool, start: Int, end: Int) {
        self.accumulator = accumulator
        self.start = start
        self.end = end
    }
}
