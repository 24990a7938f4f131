/// A 32-bit scratchpad/accumulator address (gemmini-reference.md section 2).
struct LocalAddress: Equatable {
    let raw: UInt32

    init(_ raw: UInt32) { self.raw = raw }
    init(_ raw: UInt64) { self.raw = UInt32(truncatingIfNeeded: raw) }

    static let garbage = LocalAddress(UInt32(0xFFFF_FFFF))

    /// Bit 31: the accumulator rather than the scratchpad.
    var isAccumulator: Bool { raw & 0x8000_0000 != 0 }
    /// Bit 30: writes to the accumulator add to its contents.
    var accumulates: Bool { raw & 0x4000_0000 != 0 }
    /// Bit 29: mvout from the accumulator reads raw full-width values.
    var readsFullWidth: Bool { raw & 0x2000_0000 != 0 }
    /// Bits 13:0: the row.
    var row: Int { Int(raw & 0x3FFF) }

    /// The RTL's test: bits 31, 30, 29, the garbage bit (14) and all row bits set.
    var isGarbage: Bool { raw & 0xE000_7FFF == 0xE000_7FFF }

    /// The address `rows` rows further on, flags kept.
    func advanced(by rows: Int) -> LocalAddress {
        LocalAddress((raw & ~0x3FFF) | (UInt32(truncatingIfNeeded: row + rows) & 0x3FFF))
    }
}
