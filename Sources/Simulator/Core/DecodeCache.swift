/// Decoded instructions for all of memory, one 16-byte slot per halfword.
///
/// Decoding happens once per address: an empty slot holds `Op.undecoded` (all-zero bytes),
/// which the interpreter executes by decoding into the slot. The slots live in a lazily
/// committed mapping (8 bytes of address space per byte of guest memory), so only pages of
/// code that actually run cost memory.
///
/// Because every address in memory has a slot, the interpreter finds the slot for a PC with
/// one multiply-add (`bias + pc * 8`, PCs being even) and no bounds test. It keeps the PC
/// inside memory instead: sequential execution can only run off the end, where a sentinel
/// slot raises the fetch fault; branch and jump targets outside memory are recognized at
/// decode time (`Op.farJump`); only indirect jumps and returns test their targets.
/// `fence.i` empties the cache.
struct DecodeCache {
    let slots: UnsafeMutablePointer<DecodedInstruction>
    /// `bias + pc * 8` is the address of the slot for an (even) PC inside memory.
    let bias: UInt
    private let slotCount: Int
    private let mapping: AnonymousMapping

    init?(memoryBase: UInt64, memorySize: UInt64) {
        slotCount = Int(memorySize / 2)
        // Two sentinel slots past the end: a PC can fall through to the end of memory.
        guard let mapping = AnonymousMapping(byteCount: (slotCount + 2) * MemoryLayout<DecodedInstruction>.stride) else {
            return nil
        }
        self.mapping = mapping
        slots = mapping.base.bindMemory(to: DecodedInstruction.self, capacity: slotCount + 2)
        bias = UInt(bitPattern: slots) &- UInt(truncatingIfNeeded: memoryBase) &* 8
        installSentinels()
    }

    /// The slot for an even PC inside memory (or at its end).
    @inline(__always)
    func slot(for pc: UInt64) -> UnsafeMutablePointer<DecodedInstruction> {
        UnsafeMutablePointer(bitPattern: bias &+ UInt(truncatingIfNeeded: pc) &* 8).unsafelyUnwrapped
    }

    /// Forgets every decoded instruction (after the program may have written code).
    func invalidate() {
        mapping.discardContents()
        installSentinels()
    }

    private func installSentinels() {
        let sentinel = DecodedInstruction(
            op: .fetchFault, rd: 0, rs1: 0, rs2: 0, imm: 0, rs3: 0, rm: 0, length: 0, flags: 0, raw: 0)
        slots[slotCount] = sentinel
        slots[slotCount + 1] = sentinel
    }

    func release() {
        mapping.unmap()
    }
}
